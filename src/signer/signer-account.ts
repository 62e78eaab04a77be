// A penandatangan's account as the API and the page show it, and the admin's edit of his identity. The admin
// edits; the signer sees his own (and sets his passphrase, signing-passphrase.ts); nobody else sees it.
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, forbidden, invalid, notFound } from "../domain/app-error.js";
import { wibDateOf } from "../domain/indonesian-date.js";
import {
  capacityValidOn,
  type SignerCapacity,
  type SignerIdentity,
  signerProfileBodySchema,
} from "../domain/signer-account.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import {
  capacityOf,
  getSignerProfile,
  identityOf,
  listSignerCapacities,
  upsertSignerProfileQuery,
} from "../store/signers-repo.js";
import { getUserById, type User } from "../store/users-repo.js";
import type { SignerDeps, SignerViewer } from "./signer-deps.js";

export interface SignerAccountView {
  userId: string;
  username: string;
  /** Null until the admin fills it in. */
  identity: SignerIdentity | null;
  capacities: (SignerCapacity & { validToday: boolean })[];
  passphraseSet: boolean;
}

/** The account `userId` if `viewer` may see it: an admin, or the signer himself; only penandatangan accounts. */
export async function signerUser(deps: Pick<SignerDeps, "store">, viewer: SignerViewer, userId: string): Promise<User> {
  if (viewer.role !== "admin" && viewer.id !== userId)
    throw forbidden("Hanya admin atau penandatangan sendiri yang dapat melihat akun ini");
  const user = await getUserById(deps.store, userId);
  if (user?.role !== "penandatangan") throw notFound("Akun penandatangan");
  return user;
}

export async function getSignerAccount(
  deps: SignerDeps,
  viewer: SignerViewer,
  userId: string,
): Promise<SignerAccountView> {
  const user = await signerUser(deps, viewer, userId);
  const [profile, capacities] = await Promise.all([
    getSignerProfile(deps.store, userId),
    listSignerCapacities(deps.store, userId),
  ]);
  const today = wibDateOf(deps.clock.now());
  return {
    userId,
    username: user.username,
    identity: profile ? identityOf(profile) : null,
    capacities: capacities.map(capacityOf).map((c) => ({ ...c, validToday: capacityValidOn(c, today) })),
    passphraseSet: profile?.passphrase_hash != null,
  };
}

/** The admin sets the signer's identity (a PUT: every field, absent optional ones cleared). */
export async function putSignerProfile(
  deps: SignerDeps,
  viewer: SignerViewer,
  userId: string,
  raw: unknown,
): Promise<SignerAccountView> {
  if (viewer.role !== "admin") throw forbidden("Hanya admin yang dapat mengubah data penandatangan");
  await signerUser(deps, viewer, userId);
  const parsed = signerProfileBodySchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error), "Data penandatangan belum benar");
  const b = parsed.data;
  const values = {
    name: b.name,
    jabatan: b.jabatan,
    nip: b.nip ?? null,
    pangkat: b.pangkat ?? null,
    nik: b.nik ?? null,
  };
  const { audit } = await atomicWithAudit(
    deps.store,
    deps.clock,
    [upsertSignerProfileQuery(deps.store, userId, values, deps.clock.now().toISOString())],
    // The NIK is personal data: the audit row says that it changed, not what it is.
    {
      actor: viewer.id,
      action: "signer.updated",
      subject: userId,
      data: {
        name: values.name,
        jabatan: values.jabatan,
        nip: values.nip,
        pangkat: values.pangkat,
        nikSet: values.nik !== null,
      },
    },
  );
  if (!audit) throw new AppError("internal", "Data penandatangan tidak tersimpan");
  return getSignerAccount(deps, viewer, userId);
}
