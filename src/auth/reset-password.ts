// The admin resets a forgotten password: a one-time password replaces it (shown once), the user must choose
// their own at next login, and their open sessions end.
import { atomicWithAudit } from "../audit/audit-log.js";
import { notFound } from "../domain/app-error.js";
import { getUserById, updateUserQuery } from "../store/users-repo.js";
import { revokeUserApiTokens } from "./api-tokens-repo.js";
import { type AccountWithPassword, hashOptions, type UserAdminServices } from "./create-user.js";
import { managedUser } from "./managed-user.js";
import { hashPassword } from "./password.js";
import { revokeUserSessions } from "./sessions-repo.js";
import { temporaryPassword } from "./temporary-password.js";

export async function resetUserPassword(
  services: UserAdminServices,
  actorId: string,
  id: string,
): Promise<AccountWithPassword> {
  const { store, clock, config } = services;
  const row = await getUserById(store, id);
  if (!row) throw notFound("Pengguna");
  const password = temporaryPassword();
  const hash = await hashPassword(password, hashOptions(config));
  await atomicWithAudit(
    store,
    clock,
    [updateUserQuery(store, row.id, { password_hash: hash, must_change_password: 1 })],
    {
      actor: actorId,
      action: "user.password_reset",
      subject: row.username,
      data: { userId: row.id },
    },
  );
  // A reset answers a lost or stolen password: every credential made with the old one ends.
  await revokeUserSessions(store, row.id, clock.now());
  await revokeUserApiTokens(store, row.id, clock.now());
  return { user: managedUser((await getUserById(store, row.id))!), temporaryPassword: password };
}
