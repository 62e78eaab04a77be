// What the local CA adapter asks for: the store, the clock, and where the CA key lives (a 0600 key file
// under DATA_DIR on Node, the LOCAL_CA_KEY_JWK secret on Workers; both are sign/key-source.ts KeySources).
import type { Clock } from "../../domain/clock.js";
import type { Store } from "../../store/store.js";
import type { KeySource } from "../key-source.js";

export interface LocalCaDeps {
  store: Store;
  clock: Clock;
  /** An ECDSA P-256 key (see key-file.ts with alg "ECDSA-P256", fileName "ca-key.json", or key-secret.ts). */
  caKey: KeySource;
  /** The CA's organisation (O) in its own certificate, e.g. the Pemda. */
  caOrganization?: string;
  /** PBKDF2 iterations for new signer keys; tests lower it. */
  kdfIterations?: number;
}
