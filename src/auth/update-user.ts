// The admin edits an account (name, jabatan, NIP, role, OPD) or disables / enables it. A disabled user cannot
// log in and their sessions and API tokens are revoked. The last active admin can be neither disabled nor
// demoted: the guard sits in the UPDATE itself, so two admins acting at once cannot leave nobody in charge.
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid, notFound } from "../domain/app-error.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import { countActiveAdmins, getUserById, type UserChanges, updateUserQuery } from "../store/users-repo.js";
import { revokeUserApiTokens } from "./api-tokens-repo.js";
import { checkOpdExists, type UserAdminServices } from "./create-user.js";
import { type ManagedUser, managedUser } from "./managed-user.js";
import { revokeUserSessions } from "./sessions-repo.js";
import { OPD_ONLY_FOR_KEPALA, OPD_REQUIRED, updateUserBodySchema } from "./user-schemas.js";

export const lastAdmin = () =>
  new AppError("last_admin", "Administrator aktif terakhir tidak dapat dinonaktifkan atau diganti perannya");

export async function updateUserAccount(
  services: UserAdminServices,
  actorId: string,
  id: string,
  raw: unknown,
): Promise<ManagedUser> {
  const { store, clock } = services;
  const parsed = updateUserBodySchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error));
  const body = parsed.data;
  const row = await getUserById(store, id);
  if (!row) throw notFound("Pengguna");

  // The role and OPD after the change: leaving kepala_opd drops the OPD unless one is given (and then refused).
  const role = body.role ?? row.role;
  const opdId = body.opdId !== undefined ? body.opdId : role === "kepala_opd" ? row.opd_id : null;
  if (role === "kepala_opd" && opdId === null) throw invalid([{ path: "opdId", message: OPD_REQUIRED }]);
  if (role !== "kepala_opd" && opdId !== null) throw invalid([{ path: "opdId", message: OPD_ONLY_FOR_KEPALA }]);
  if (body.opdId !== undefined) await checkOpdExists(store, opdId);

  const now = clock.now().toISOString();
  const changes: UserChanges = {};
  if (body.displayName !== undefined) changes.display_name = body.displayName;
  if (body.jabatan !== undefined) changes.jabatan = body.jabatan;
  if (body.nip !== undefined) changes.nip = body.nip;
  if (body.role !== undefined) changes.role = role;
  if (opdId !== row.opd_id) changes.opd_id = opdId;
  const wasDisabled = row.disabled_at !== null;
  // Disabling twice keeps the first time.
  if (body.disabled !== undefined && body.disabled !== wasDisabled) changes.disabled_at = body.disabled ? now : null;

  // Nothing differs from what is stored (e.g. enabling an active account): no write, no audit row.
  if (Object.keys(changes).length === 0) return managedUser(row);

  const willBeActiveAdmin = role === "admin" && !(body.disabled ?? wasDisabled);
  const losesAnAdmin = row.role === "admin" && !wasDisabled && !willBeActiveAdmin;
  if (losesAnAdmin && (await countActiveAdmins(store, row.id)) === 0) throw lastAdmin();

  const action =
    changes.disabled_at !== undefined
      ? changes.disabled_at === null
        ? "user.enabled"
        : "user.disabled"
      : "user.updated";
  const { audit } = await atomicWithAudit(
    store,
    clock,
    [updateUserQuery(store, row.id, changes, { keepAnActiveAdmin: losesAnAdmin })],
    { actor: actorId, action, subject: row.username, data: { userId: row.id, changes: auditChanges(changes) } },
    { onlyIfLastChanged: true },
  );
  // The guard matched nothing: the other admins were disabled or demoted since the check above.
  if (!audit) throw lastAdmin();

  if (action === "user.disabled") {
    const at = clock.now();
    await revokeUserSessions(store, row.id, at);
    await revokeUserApiTokens(store, row.id, at);
  }
  return managedUser((await getUserById(store, row.id))!);
}

/** The changed fields under the API's names (what the audit row records). */
function auditChanges(changes: UserChanges): Record<string, unknown> {
  const names: Record<string, string> = {
    display_name: "displayName",
    jabatan: "jabatan",
    nip: "nip",
    role: "role",
    opd_id: "opdId",
    disabled_at: "disabledAt",
  };
  return Object.fromEntries(Object.entries(changes).flatMap(([k, v]) => (names[k] ? [[names[k], v]] : [])));
}
