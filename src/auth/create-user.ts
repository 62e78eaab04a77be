// The admin adds an account. The admin never picks the password: a one-time one is generated, shown once in
// the answer, and the new user must replace it at first login (must_change_password).

import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import { getOpd } from "../store/opd-repo.js";
import type { Store } from "../store/store.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import { getUserById, getUserByUsername, insertUserQuery } from "../store/users-repo.js";
import type { AuthConfig } from "./auth-deps.js";
import { type ManagedUser, managedUser } from "./managed-user.js";
import { hashPassword } from "./password.js";
import { temporaryPassword } from "./temporary-password.js";
import { randomId } from "./tokens.js";
import { createUserBodySchema } from "./user-schemas.js";

export type UserAdminServices = { store: Store; clock: Clock; config: Pick<AuthConfig, "passwordIterations"> };

export interface AccountWithPassword {
  user: ManagedUser;
  /** Shown to the admin once; stored only as a hash. */
  temporaryPassword: string;
}

export const usernameTaken = (username: string) =>
  new AppError("username_taken", `Nama pengguna "${username}" sudah dipakai`, [
    { path: "username", message: "Nama pengguna sudah dipakai" },
  ]);

/** 400 at `opdId` when the OPD is not in the reference list. */
export async function checkOpdExists(store: Store, opdId: string | null): Promise<void> {
  if (opdId !== null && !(await getOpd(store, opdId))) {
    throw invalid([{ path: "opdId", message: `Perangkat daerah "${opdId}" tidak dikenal` }]);
  }
}

export function hashOptions(config: Pick<AuthConfig, "passwordIterations">) {
  return config.passwordIterations === undefined ? {} : { iterations: config.passwordIterations };
}

const isUsernameConflict = (err: unknown) => isUniqueViolation(err, "users.username");

export async function createUserAccount(
  services: UserAdminServices,
  actorId: string,
  raw: unknown,
): Promise<AccountWithPassword> {
  const { store, clock, config } = services;
  const parsed = createUserBodySchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error));
  const body = parsed.data;
  const opdId = body.opdId ?? null;
  await checkOpdExists(store, opdId);
  if (await getUserByUsername(store, body.username)) throw usernameTaken(body.username);

  const password = temporaryPassword();
  const { row, query } = insertUserQuery(
    store,
    {
      id: randomId(),
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      opdId,
      jabatan: body.jabatan ?? null,
      nip: body.nip ?? null,
      passwordHash: await hashPassword(password, hashOptions(config)),
      mustChangePassword: true,
    },
    clock.now().toISOString(),
  );
  try {
    await atomicWithAudit(store, clock, [query], {
      actor: actorId,
      action: "user.created",
      subject: row.username,
      data: {
        userId: row.id,
        role: row.role,
        opdId: row.opd_id,
        displayName: row.display_name,
        jabatan: row.jabatan,
        nip: row.nip,
      },
    });
  } catch (err) {
    // Another admin took the name between the check and the insert.
    if (isUsernameConflict(err)) throw usernameTaken(body.username);
    throw err;
  }
  return { user: managedUser((await getUserById(store, row.id)) ?? row), temporaryPassword: password };
}
