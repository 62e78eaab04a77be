// Password login shared by POST /api/auth/login and the /masuk page: checks the password (spending the same
// work for an unknown username), opens a session and records auth.login / auth.login_failed in the audit log.

import { appendAudit } from "../audit/audit-log.js";
import type { AuthDeps } from "./auth-deps.js";
import { type AuthUser, toAuthUser } from "./auth-user.js";
import { isInvited, verifyPassword, verifyPasswordOfNobody } from "./password.js";
import { createSession, type NewSession } from "./sessions-repo.js";

/** What an invited account (no password yet) is told, whatever password was typed. */
export const NOT_ACTIVATED = "Akun belum diaktifkan: minta tautan aktivasi kepada admin";

export type LoginResult =
  | { ok: true; user: AuthUser; session: NewSession }
  | { ok: false; reason: "failed" | "not_activated" };

export async function login(services: AuthDeps, username: string, password: string): Promise<LoginResult> {
  const { store, clock, config } = services;
  const row = await store.db
    .selectFrom("users")
    .select([
      "id",
      "username",
      "display_name",
      "role",
      "opd_id",
      "jabatan",
      "password_hash",
      "disabled_at",
      "must_change_password",
    ])
    .where("username", "=", username)
    .executeTakeFirst();
  // No password to check: saying so is the point (the owner needs a link), and it spends no PBKDF2.
  if (row && row.disabled_at === null && isInvited(row.password_hash)) {
    await appendAudit(store, clock, {
      actor: "anonymous",
      action: "auth.login_failed",
      subject: username,
      data: { reason: "not_activated" },
    });
    return { ok: false, reason: "not_activated" };
  }
  const ok = row
    ? await verifyPassword(password, row.password_hash)
    : await verifyPasswordOfNobody(password, config.passwordIterations);
  if (row && ok && row.disabled_at === null) {
    const session = await createSession(store, row.id, clock.now(), config.sessionTtlMs);
    const user = toAuthUser(row, "session", session.id);
    if (user) {
      await appendAudit(store, clock, { actor: user.id, action: "auth.login", subject: username });
      return { ok: true, user, session };
    }
  }
  // The subject is the typed username (clipped): the log shows guessing without storing whole inputs.
  await appendAudit(store, clock, {
    actor: "anonymous",
    action: "auth.login_failed",
    subject: username.slice(0, 100),
    data: { reason: !row ? "unknown_user" : row.disabled_at !== null ? "disabled" : "wrong_password" },
  });
  return { ok: false, reason: "failed" };
}
