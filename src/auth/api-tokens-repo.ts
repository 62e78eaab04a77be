// API tokens for other systems: 'edr_' + 32 random bytes, shown once; the table keeps the SHA-256.
// The prefix lets secret scanners and people recognise a leaked edaran token.

import { sha256Hex } from "../domain/encoding.js";
import type { Store } from "../store/store.js";
import { type AuthUser, toAuthUser } from "./auth-user.js";
import { randomId, randomToken } from "./tokens.js";

export const API_TOKEN_PREFIX = "edr_";
// Writing last_used_at on every request would turn each read into a write; once a minute is enough to see use.
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiToken extends ApiTokenInfo {
  /** The secret; only this once. */
  token: string;
}

export async function createApiToken(
  store: Store,
  input: { userId: string; name: string; now: Date },
): Promise<NewApiToken> {
  const token = API_TOKEN_PREFIX + randomToken();
  const id = randomId();
  const createdAt = input.now.toISOString();
  await store.db
    .insertInto("api_tokens")
    .values({
      id,
      user_id: input.userId,
      name: input.name,
      token_hash: await sha256Hex(token),
      created_at: createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, name: input.name, createdAt, lastUsedAt: null, revokedAt: null, token };
}

/** The stored digest of an API token, or null for a string that is not one of ours (no lookup needed). */
export async function apiTokenHashOf(token: string): Promise<string | null> {
  return token.startsWith(API_TOKEN_PREFIX) ? sha256Hex(token) : null;
}

/** The user of a live token (not revoked, user not disabled), else null; notes the use. */
export async function findApiTokenUser(store: Store, token: string, now: Date): Promise<AuthUser | null> {
  const hash = await apiTokenHashOf(token);
  return hash ? findApiTokenUserByHash(store, hash, now) : null;
}

/** findApiTokenUser by the token's digest (apiTokenHashOf), for a caller that remembers it. */
export async function findApiTokenUserByHash(store: Store, hash: string, now: Date): Promise<AuthUser | null> {
  const row = await store.db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.last_used_at",
      "users.id",
      "users.username",
      "users.display_name",
      "users.role",
      "users.opd_id",
      "users.jabatan",
      "users.must_change_password",
    ])
    .where("api_tokens.token_hash", "=", hash)
    .where("api_tokens.revoked_at", "is", null)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    await store.db
      .updateTable("api_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.token_id)
      .execute();
  }
  return toAuthUser(row, "token", row.token_id);
}

export async function listApiTokens(store: Store, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await store.db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function findApiToken(store: Store, id: string): Promise<(ApiTokenInfo & { userId: string }) | null> {
  const r = await store.db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "name", "created_at", "last_used_at", "revoked_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        userId: r.user_id,
        name: r.name,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
      }
    : null;
}

/** Revokes a token; idempotent (a second call keeps the first time). True when it was live. */
export async function revokeApiToken(store: Store, id: string, now: Date): Promise<boolean> {
  const r = await store.db
    .updateTable("api_tokens")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Revokes every live token of a user (account disabled). Returns how many. */
export async function revokeUserApiTokens(store: Store, userId: string, now: Date): Promise<number> {
  const r = await store.db
    .updateTable("api_tokens")
    .set({ revoked_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
