// The first admin of a fresh install. Seeded accounts have no password (NO_PASSWORD_HASH); while no admin has
// one, the seeded admin account is claimed through /pasang with a one-time setup token: on Node a link printed
// at each start (stored hashed, 24 h, a new one voids the old), on Workers the SETUP_TOKEN secret. The claim
// sets the username, name and password in one guarded statement, so it succeeds once and is refused after.
import { sql } from "kysely";
import { z } from "zod";
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid } from "../domain/app-error.js";
import { constantTimeEqual, sha256Hex } from "../domain/encoding.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import { consumeLinkQuery, deleteLinksQuery, findLiveLink, insertLinkQuery } from "../store/one-time-links-repo.js";
import type { Store } from "../store/store.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import type { AuthDeps } from "./auth-deps.js";
import { type AuthUser, toAuthUser } from "./auth-user.js";
import { hashOptions, usernameTaken } from "./create-user.js";
import { linkTokenHash, newLink, SETUP_LINK_TTL_MS } from "./one-time-link.js";
import { hashPassword, NO_PASSWORD_HASH } from "./password.js";
import { createSession, type NewSession } from "./sessions-repo.js";
import { displayNameSchema, newPasswordSchema, usernameSchema } from "./user-schemas.js";

export const SETUP_CLOSED = "Pemasangan sudah selesai: administrator pertama sudah dibuat. Silakan masuk.";
export const SETUP_TOKEN_WRONG = "Kode pemasangan salah, sudah dipakai, atau kedaluwarsa";

export const setupBodySchema = z.object({
  token: z.string({ error: "Kode pemasangan wajib diisi" }).trim().min(1, "Kode pemasangan wajib diisi").max(200),
  username: usernameSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
});

/** True while no active admin has a password: only then are setup links made and /pasang open. */
export async function firstAdminPending(store: Store): Promise<boolean> {
  const row = await store.db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .where("password_hash", "!=", NO_PASSWORD_HASH)
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

/** A new setup link's token (the old one is void), or null when an admin already has a password. */
export async function issueSetupLink(deps: AuthDeps): Promise<{ token: string; expiresAt: string } | null> {
  const { store, clock } = deps;
  if (!(await firstAdminPending(store))) return null;
  const link = await newLink("setup", null, "system", clock.now(), SETUP_LINK_TTL_MS);
  await atomicWithAudit(
    store,
    clock,
    [deleteLinksQuery(store, "setup", null), insertLinkQuery(store, link.row)],
    // Never the token: the audit log is read by the inspektorat.
    { actor: "system", action: "auth.setup_link_made", data: { expiresAt: link.row.expires_at } },
  );
  return { token: link.token, expiresAt: link.row.expires_at };
}

type SetupVia = "link" | "secret";
const utf8 = new TextEncoder();

/** How `token` opens the setup: a live setup link, the SETUP_TOKEN secret, or not at all. */
export async function setupTokenKind(deps: AuthDeps, token: string): Promise<SetupVia | null> {
  const hash = await linkTokenHash(token);
  if (await findLiveLink(deps.store, hash, "setup", deps.clock.now())) return "link";
  const secret = deps.config.setupToken;
  // Both sides hashed first: equal lengths, and the comparison says nothing about the secret's length.
  if (secret && constantTimeEqual(utf8.encode(hash), utf8.encode(await sha256Hex(secret)))) return "secret";
  return null;
}

export interface FirstAdmin {
  user: AuthUser;
  session: NewSession;
}

export async function setUpFirstAdmin(deps: AuthDeps, raw: unknown): Promise<FirstAdmin> {
  const { store, clock, config } = deps;
  const parsed = setupBodySchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error));
  const body = parsed.data;
  if (!(await firstAdminPending(store))) throw new AppError("setup_closed", SETUP_CLOSED);
  const via = await setupTokenKind(deps, body.token);
  if (!via) throw new AppError("invalid_token", SETUP_TOKEN_WRONG, [{ path: "token", message: SETUP_TOKEN_WRONG }]);
  if (body.password.trim().toLowerCase() === body.username) {
    throw invalid([{ path: "password", message: "Kata sandi tidak boleh sama dengan nama pengguna" }]);
  }
  // The seeded admin account (seed-users.ts makes it on every start until an admin exists).
  const seeded = await store.db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("password_hash", "=", NO_PASSWORD_HASH)
    .orderBy("created_at")
    .orderBy("id")
    .executeTakeFirst();
  if (!seeded) throw new AppError("setup_closed", SETUP_CLOSED);

  const hash = await hashPassword(body.password, hashOptions(config));
  const now = clock.now();
  const tokenHash = await linkTokenHash(body.token);
  let claim = store.db
    .updateTable("users")
    .set({
      username: body.username,
      display_name: body.displayName,
      password_hash: hash,
      must_change_password: 0,
      disabled_at: null,
    })
    .where("id", "=", seeded.id)
    .where("password_hash", "=", NO_PASSWORD_HASH)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("users as other")
            .select("other.id")
            .where("other.role", "=", "admin")
            .where("other.disabled_at", "is", null)
            .where("other.password_hash", "!=", NO_PASSWORD_HASH),
        ),
      ),
    );
  // Through a link: only when this batch deleted it (changes() is the previous statement's count).
  if (via === "link") claim = claim.where(sql<number>`changes()`, "=", 1);
  let audit: unknown;
  try {
    ({ audit } = await atomicWithAudit(
      store,
      clock,
      via === "link" ? [consumeLinkQuery(store, tokenHash, now), claim] : [claim],
      { actor: seeded.id, action: "auth.first_admin", subject: body.username, data: { userId: seeded.id, via } },
      { onlyIfLastChanged: true },
    ));
  } catch (err) {
    if (isUniqueViolation(err, "users.username")) throw usernameTaken(body.username);
    throw err;
  }
  if (!audit) throw new AppError("setup_closed", SETUP_CLOSED);
  // What is left of setup links is void now that an admin can sign in.
  await store.db.deleteFrom("one_time_links").where("purpose", "=", "setup").execute();

  const row = await store.db.selectFrom("users").selectAll().where("id", "=", seeded.id).executeTakeFirstOrThrow();
  const session = await createSession(store, row.id, now, config.sessionTtlMs);
  const user = toAuthUser(row, "session", session.id);
  if (!user) throw new AppError("internal", "Akun administrator tidak terbaca");
  return { user, session };
}
