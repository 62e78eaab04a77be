// The admin adds a capacity to a signer (his own jabatan, or a delegation with its period) or ends one. A
// capacity is never deleted: letters drafted in it keep naming it.
import { atomicWithAudit } from "../audit/audit-log.js";
import { forbidden, invalid, notFound } from "../domain/app-error.js";
import { wibDateOf } from "../domain/indonesian-date.js";
import { capacityBodySchema, endCapacityBodySchema } from "../domain/signer-account.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import { endCapacityQuery, getSignerCapacity, getSignerProfile, insertCapacityQuery } from "../store/signers-repo.js";
import { getSignerAccount, type SignerAccountView, signerUser } from "./signer-account.js";
import type { SignerDeps, SignerViewer } from "./signer-deps.js";

async function adminAndProfile(deps: SignerDeps, viewer: SignerViewer, userId: string) {
  if (viewer.role !== "admin") throw forbidden("Hanya admin yang dapat mengatur kapasitas penandatangan");
  await signerUser(deps, viewer, userId);
  const profile = await getSignerProfile(deps.store, userId);
  if (!profile)
    throw invalid([{ path: "name", message: "Isi dulu nama dan jabatan penandatangan sebelum menambah kapasitas" }]);
  return profile;
}

export async function addSignerCapacity(
  deps: SignerDeps,
  viewer: SignerViewer,
  userId: string,
  raw: unknown,
): Promise<SignerAccountView> {
  const profile = await adminAndProfile(deps, viewer, userId);
  const parsed = capacityBodySchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error), "Kapasitas penandatangan belum benar");
  const b = parsed.data;
  const row = {
    id: globalThis.crypto.randomUUID(),
    user_id: userId,
    prefix: b.prefix ?? null,
    principal: b.principal ?? null,
    jabatan: b.jabatan ?? profile.jabatan,
    valid_from: b.validFrom ?? null,
    valid_until: b.validUntil ?? null,
    created_by: viewer.id,
    created_at: deps.clock.now().toISOString(),
  };
  await atomicWithAudit(deps.store, deps.clock, [insertCapacityQuery(deps.store, row)], {
    actor: viewer.id,
    action: "signer.capacity_added",
    subject: userId,
    data: {
      capacityId: row.id,
      prefix: row.prefix,
      principal: row.principal,
      jabatan: row.jabatan,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    },
  });
  return getSignerAccount(deps, viewer, userId);
}

/** Ends the capacity on `until` (default today, WIB): letters dated later cannot name it. */
export async function endSignerCapacity(
  deps: SignerDeps,
  viewer: SignerViewer,
  userId: string,
  capacityId: string,
  raw: unknown,
): Promise<SignerAccountView> {
  await adminAndProfile(deps, viewer, userId);
  const parsed = endCapacityBodySchema.safeParse(raw ?? {});
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error));
  const cap = await getSignerCapacity(deps.store, capacityId);
  if (!cap || cap.user_id !== userId) throw notFound("Kapasitas penandatangan");
  const until = parsed.data.until ?? wibDateOf(deps.clock.now());
  await atomicWithAudit(
    deps.store,
    deps.clock,
    [endCapacityQuery(deps.store, capacityId, until)],
    { actor: viewer.id, action: "signer.capacity_ended", subject: userId, data: { capacityId, until } },
    { onlyIfLastChanged: true },
  );
  return getSignerAccount(deps, viewer, userId);
}
