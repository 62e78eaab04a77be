// A signed-in user replaces their own password: the current one must verify, the new one must be at least
// MIN_PASSWORD_LENGTH characters and differ from the username and from the current one. Every session of the
// user ends (a thief's included); the caller's own is re-issued, so the person changing it stays signed in.

import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid } from "../domain/app-error.js";
import { toValidationIssues, type ValidationIssue } from "../domain/validation-issues.js";
import { getUserById, updateUserQuery } from "../store/users-repo.js";
import { revokeUserApiTokens } from "./api-tokens-repo.js";
import type { AuthDeps } from "./auth-deps.js";
import type { AuthUser } from "./auth-user.js";
import { hashPassword, verifyPassword } from "./password.js";
import { createSession, type NewSession, revokeUserSessions } from "./sessions-repo.js";
import { changePasswordBodySchema } from "./user-schemas.js";

export const WRONG_CURRENT_PASSWORD = "Kata sandi saat ini salah";

export interface PasswordChanged {
  /** The caller's new session when they came with one (its token goes into the cookie); null for an API token. */
  session: NewSession | null;
  /** Sessions ended, the caller's old one included. */
  revokedSessions: number;
  /** API tokens ended: whoever knew the old password may have made one. */
  revokedTokens: number;
}

export async function changePassword(services: AuthDeps, actor: AuthUser, raw: unknown): Promise<PasswordChanged> {
  const { store, clock, config } = services;
  const parsed = changePasswordBodySchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error));
  const { currentPassword, newPassword } = parsed.data;

  const row = await getUserById(store, actor.id);
  if (!row || row.disabled_at !== null) throw new AppError("unauthorized", "Silakan masuk terlebih dahulu");
  if (!(await verifyPassword(currentPassword, row.password_hash))) {
    throw new AppError("wrong_current_password", WRONG_CURRENT_PASSWORD, [
      { path: "currentPassword", message: WRONG_CURRENT_PASSWORD },
    ]);
  }
  const issues: ValidationIssue[] = [];
  if (newPassword.trim().toLowerCase() === row.username.toLowerCase()) {
    issues.push({ path: "newPassword", message: "Kata sandi baru tidak boleh sama dengan nama pengguna" });
  }
  if (newPassword === currentPassword) {
    issues.push({ path: "newPassword", message: "Kata sandi baru harus berbeda dari kata sandi saat ini" });
  }
  if (issues.length) throw invalid(issues);

  const hash = await hashPassword(
    newPassword,
    config.passwordIterations === undefined ? {} : { iterations: config.passwordIterations },
  );
  // Guarded by the hash just verified: two changes racing cannot both think they replaced the same password.
  const { audit } = await atomicWithAudit(
    store,
    clock,
    [
      updateUserQuery(
        store,
        row.id,
        { password_hash: hash, must_change_password: 0 },
        { expectPasswordHash: row.password_hash },
      ),
    ],
    { actor: row.id, action: "auth.password_changed", subject: row.username, data: { via: actor.via } },
    { onlyIfLastChanged: true },
  );
  if (!audit)
    throw new AppError(
      "password_changed_meanwhile",
      "Kata sandi baru saja diubah di tempat lain. Masuk kembali lalu coba lagi.",
    );

  const now = clock.now();
  const revokedSessions = await revokeUserSessions(store, row.id, now);
  const revokedTokens = await revokeUserApiTokens(store, row.id, now);
  const session = actor.via === "session" ? await createSession(store, row.id, now, config.sessionTtlMs) : null;
  return { session, revokedSessions, revokedTokens };
}
