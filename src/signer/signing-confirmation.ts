// The port the sign step asks whether the signer confirmed: his signing passphrase. The stored adapter checks a
// slow salted hash (auth/password.ts); a local CA can verify it instead by decrypting the signer's private key
// with it, a BSrE adapter by handing it to BSrE. The passphrase is never stored beside a letter, logged or audited.
import { verifyPassword } from "../auth/password.js";
import type { SignerIdentity } from "../domain/signer-account.js";
import { getSignerProfile } from "../store/signers-repo.js";
import type { Store } from "../store/store.js";

/** ok; wrong passphrase; or none set yet (the signer is told to set one on his account page). */
export type ConfirmationVerdict = "ok" | "wrong" | "not_set";

export interface SigningConfirmation {
  verify(signer: SignerIdentity, passphrase: string): Promise<ConfirmationVerdict>;
}

/** The passphrase hash kept in signer_profiles (set by setSigningPassphrase). */
export function storedPassphraseConfirmation(store: Store): SigningConfirmation {
  return {
    async verify(signer, passphrase) {
      const hash = (await getSignerProfile(store, signer.userId))?.passphrase_hash ?? null;
      if (hash === null) return "not_set";
      return (await verifyPassword(passphrase, hash)) ? "ok" : "wrong";
    },
  };
}
