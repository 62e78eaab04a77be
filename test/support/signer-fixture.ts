// The sample signer's signing passphrase, set once per app through the real service, so the tests that sign
// confirm like the signer does. seedSigningPassphrase writes nothing when one is set already.

import type { SignerDeps } from "../../src/signer/signer-deps.js";
import { setSigningPassphrase } from "../../src/signer/signing-passphrase.js";

export const SIGNING_PASSPHRASE = "frasa-sandi-ttd-uji";

export async function seedSigningPassphrase(deps: SignerDeps, userId: string): Promise<void> {
  const row = await deps.store.db
    .selectFrom("signer_profiles")
    .select("passphrase_hash")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (row?.passphrase_hash) return;
  await setSigningPassphrase(deps, { id: userId, role: "penandatangan" }, userId, { passphrase: SIGNING_PASSPHRASE });
}

/** The body of PUT /api/signers/:id/passphrase that sets it, or keeps it when it is set already. */
export const passphraseBody = { passphrase: SIGNING_PASSPHRASE, currentPassphrase: SIGNING_PASSPHRASE };
