// Activation links: an admin makes one per account (seeded, invited, or one whose owner forgot the password) and
// hands it over; its owner chooses a password there and is signed in. Single use, 72 h, a new link voids the
// old; the token is stored only as SHA-256 and never written to the audit log.
import { sql } from "kysely";
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid, notFound } from "../domain/app-error.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import { consumeLinkQuery, deleteLinksQuery, findLiveLink, insertLinkQuery } from "../store/one-time-links-repo.js";
import { getUserById, type User } from "../store/users-repo.js";
import { revokeUserApiTokens } from "./api-tokens-repo.js";
import type { AuthDeps } from "./auth-deps.js";
import { type AuthUser, toAuthUser } from "./auth-user.js";
import { hashOptions } from "./create-user.js";
import { type ManagedUser, managedUser } from "./managed-user.js";
import { ACTIVATION_LINK_TTL_MS, isLinkTokenShape, linkTokenHash, newLink } from "./one-time-link.js";
import { hashPassword } from "./password.js";
import { createSession, type NewSession, revokeUserSessions } from "./sessions-repo.js";
import { newPasswordSchema } from "./user-schemas.js";

export const ACTIVATION_LINK_INVALID =
  "Tautan aktivasi tidak berlaku: sudah dipakai, kedaluwarsa, atau diganti tautan baru. Minta tautan baru kepada admin.";

export interface ActivationLinkMade {
  user: ManagedUser;
  /** Goes into the link shown once to the admin; stored only as a hash. */
  token: string;
  expiresAt: string;
}

export async function issueActivationLink(
  deps: AuthDeps,
  actorId: string,
  userId: string,
): Promise<ActivationLinkMade> {
  const { store, clock } = deps;
  const row = await getUserById(store, userId);
  if (!row) throw notFound("Pengguna");
  if (row.disabled_at !== null) {
    throw new AppError("account_disabled", "Akun ini nonaktif: aktifkan dulu sebelum membuat tautan aktivasi");
  }
  const link = await newLink("activation", row.id, actorId, clock.now(), ACTIVATION_LINK_TTL_MS);
  await atomicWithAudit(
    store,
    clock,
    [deleteLinksQuery(store, "activation", row.id), insertLinkQuery(store, link.row)],
    {
      actor: actorId,
      action: "user.activation_link_made",
      subject: row.username,
      data: { userId: row.id, expiresAt: link.row.expires_at },
    },
  );
  return { user: managedUser(row), token: link.token, expiresAt: link.row.expires_at };
}

/** The account a live activation link is for; invalid_token (404) for a wrong, used, stale or voided one. */
export async function activationLinkAccount(deps: AuthDeps, token: string): Promise<User> {
  const invalidLink = new AppError("invalid_token", ACTIVATION_LINK_INVALID);
  if (!isLinkTokenShape(token)) throw invalidLink;
  const link = await findLiveLink(deps.store, await linkTokenHash(token), "activation", deps.clock.now());
  const row = link?.user_id ? await getUserById(deps.store, link.user_id) : null;
  if (!row || row.disabled_at !== null) throw invalidLink;
  return row;
}

export interface AccountActivated {
  user: AuthUser;
  session: NewSession;
}

export async function activateAccount(deps: AuthDeps, token: string, newPassword: unknown): Promise<AccountActivated> {
  const { store, clock, config } = deps;
  const row = await activationLinkAccount(deps, token);
  const parsed = newPasswordSchema.safeParse(newPassword);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error).map((i) => ({ ...i, path: "newPassword" })));
  if (parsed.data.trim().toLowerCase() === row.username.toLowerCase()) {
    throw invalid([{ path: "newPassword", message: "Kata sandi baru tidak boleh sama dengan nama pengguna" }]);
  }
  const hash = await hashPassword(parsed.data, hashOptions(config));
  const now = clock.now();
  // The password is set only when this batch deleted the link (changes()): two tabs posting it, one wins.
  const setPassword = store.db
    .updateTable("users")
    .set({ password_hash: hash, must_change_password: 0 })
    .where("id", "=", row.id)
    .where(sql<number>`changes()`, "=", 1);
  const { audit } = await atomicWithAudit(
    store,
    clock,
    [consumeLinkQuery(store, await linkTokenHash(token), now), setPassword],
    { actor: row.id, action: "auth.account_activated", subject: row.username, data: { userId: row.id } },
    { onlyIfLastChanged: true },
  );
  if (!audit) throw new AppError("invalid_token", ACTIVATION_LINK_INVALID);
  // Like a reset: whatever was opened with an earlier password ends.
  await revokeUserSessions(store, row.id, now);
  await revokeUserApiTokens(store, row.id, now);
  const session = await createSession(store, row.id, now, config.sessionTtlMs);
  const user = toAuthUser({ ...row, must_change_password: 0 }, "session", session.id);
  if (!user) throw new AppError("forbidden_role", "Peran akun ini tidak dikenal");
  return { user, session };
}
