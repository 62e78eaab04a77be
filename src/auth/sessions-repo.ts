// Login sessions. The cookie carries a random token; the row's id is its SHA-256, so reading the table
// gives nobody a usable session.

import { sha256Hex } from "../domain/encoding.js";
import type { Store } from "../store/store.js";
import { type AuthUser, toAuthUser } from "./auth-user.js";
import { randomToken } from "./tokens.js";

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface NewSession {
  /** Goes into the (signed) cookie; never stored. */
  token: string;
  id: string;
  expiresAt: string;
}

export async function createSession(
  store: Store,
  userId: string,
  now: Date,
  ttlMs: number = DEFAULT_SESSION_TTL_MS,
): Promise<NewSession> {
  const token = randomToken();
  const id = await sha256Hex(token);
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await store.db
    .insertInto("sessions")
    .values({ id, user_id: userId, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null })
    .execute();
  return { token, id, expiresAt };
}

/** The row id of a session token (its SHA-256). */
export const sessionIdOf = (token: string): Promise<string> => sha256Hex(token);

/** The user of a live session (not revoked, not expired, user not disabled), else null. */
export async function findSessionUser(store: Store, token: string, now: Date): Promise<AuthUser | null> {
  return findSessionUserById(store, await sessionIdOf(token), now);
}

/** findSessionUser by the session's id (sessionIdOf of its token), for a caller that remembers the digest. */
export async function findSessionUserById(store: Store, id: string, now: Date): Promise<AuthUser | null> {
  const row = await store.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "users.id",
      "users.username",
      "users.display_name",
      "users.role",
      "users.opd_id",
      "users.jabatan",
      "users.must_change_password",
    ])
    .where("sessions.id", "=", id)
    .where("sessions.revoked_at", "is", null)
    .where("sessions.expires_at", ">", now.toISOString())
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row ? toAuthUser(row, "session", row.session_id) : null;
}

/** True when a live session was revoked now. */
export async function revokeSession(store: Store, sessionId: string, now: Date): Promise<boolean> {
  const r = await store.db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Ends every session of a user (password change, account disabled). Returns how many. */
export async function revokeUserSessions(store: Store, userId: string, now: Date): Promise<number> {
  const r = await store.db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Housekeeping for the cron: drops sessions that expired before `now`. Returns how many. */
export async function deleteExpiredSessions(store: Store, now: Date): Promise<number> {
  const r = await store.db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
