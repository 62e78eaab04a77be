// Who signs a letter, and the issuer block printed for him: resolved from `signer.capacityId` (and the
// optional `signer.userId`) against the accounts, on the letter's date. Drafting fills the draft's issuer with
// it; signing fills it again, so the signed letter names the account as it is at signing.
import type { PemdaProfile } from "../domain/pemda-profile.js";
import {
  capacityValidOn,
  issuerFromAccount,
  type SignerCapacity,
  type SignerIdentity,
} from "../domain/signer-account.js";
import type { SignerInput } from "../domain/signer-block.js";
import type { ValidationIssue } from "../domain/validation-issues.js";
import { capacityOf, getSignerCapacity, getSignerProfile, identityOf } from "../store/signers-repo.js";
import type { Store } from "../store/store.js";
import { getUserById } from "../store/users-repo.js";

export interface SignerRef {
  capacityId: string;
  userId?: string | undefined;
}

export interface ResolvedSigner {
  identity: SignerIdentity;
  capacity: SignerCapacity;
  issuer: SignerInput;
}

export type SignerResolution = { ok: true; value: ResolvedSigner } | { ok: false; issues: ValidationIssue[] };

const refused = (path: string, message: string): SignerResolution => ({ ok: false, issues: [{ path, message }] });

/**
 * The signer the ref names, if he is an active penandatangan with that capacity on `date` (the letter's date;
 * null when the date itself is wrong, which the schema reports). Each refusal is told on its field.
 */
export async function resolveSigner(
  store: Store,
  ref: SignerRef,
  date: string | null,
  rules: PemdaProfile["signerRules"],
): Promise<SignerResolution> {
  const row = await getSignerCapacity(store, ref.capacityId);
  if (!row)
    return refused("signer.capacityId", "Kapasitas penandatangan tidak dikenal; pilih dari daftar penandatangan");
  if (ref.userId !== undefined && ref.userId !== row.user_id)
    return refused("signer.userId", "Kapasitas ini bukan milik penandatangan yang dipilih");
  const [user, profile] = await Promise.all([getUserById(store, row.user_id), getSignerProfile(store, row.user_id)]);
  if (user?.role !== "penandatangan" || user.disabled_at !== null || !profile)
    return refused("signer.userId", "Pengguna ini bukan penandatangan aktif; pilih penandatangan lain");
  const capacity = capacityOf(row);
  if (date !== null && !capacityValidOn(capacity, date)) {
    const period = `${capacity.validFrom ?? "…"} s.d. ${capacity.validUntil ?? "…"}`;
    return refused(
      "signer.capacityId",
      `Kapasitas penandatangan ini tidak berlaku pada tanggal surat ${date} (berlaku ${period}); pilih kapasitas lain atau ubah tanggal surat`,
    );
  }
  const identity = identityOf(profile);
  return { ok: true, value: { identity, capacity, issuer: issuerFromAccount(identity, capacity, rules) } };
}
