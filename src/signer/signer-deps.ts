// What the signer services need: the store, the clock and the cost of new passphrase hashes.
import type { Clock } from "../domain/clock.js";
import type { Role } from "../domain/roles.js";
import type { Store } from "../store/store.js";

export interface SignerDeps {
  store: Store;
  clock: Clock;
  config: {
    /** PBKDF2 iterations of new passphrase hashes (the password setting); default 100 000. Tests use fewer. */
    passwordIterations?: number;
  };
}

/** Who is asking. */
export interface SignerViewer {
  id: string;
  role: Role;
}
