// The audit checkpoints' keys (the port of audit/checkpoint.ts): new checkpoints are signed with the current
// signing key; a checkpoint is trusted when signed by the current key (held outside the database: key file or
// Workers secret) or by an older key of the published set that was not revoked (after a rotation, until the next
// checkpoint is signed with the new key).
import type { CheckpointKeys } from "../audit/checkpoint.js";
import type { WriteCheckpointDeps } from "../audit/write-checkpoint.js";
import type { Clock } from "../domain/clock.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import type { KeySource } from "./key-source.js";
import { importPublicJwk, type PublicJwk, type SigningAlg, signBytes, verifyBytes } from "./keys.js";
import { signingKeyRepo } from "./signing-key-repo.js";

export function checkpointKeys(store: Store, source: KeySource): CheckpointKeys {
  return {
    async signer() {
      const key = await source.current();
      return { kid: key.kid, alg: key.alg, sign: (message) => signBytes(key.alg, key.privateKey, message) };
    },
    async verify(kid, alg, signature, message) {
      const current = await source.current();
      let key: { alg: SigningAlg; jwk: PublicJwk };
      if (kid === current.kid) {
        key = { alg: current.alg, jwk: current.publicJwk };
      } else {
        const entry = await signingKeyRepo(store).get(kid);
        if (!entry) return "unknown_key";
        if (entry.revokedAt) return "revoked_key";
        key = { alg: entry.alg, jwk: entry.jwk };
      }
      if (key.alg !== alg) return "invalid";
      const ok = await verifyBytes(key.alg, await importPublicJwk(key.jwk), signature, message);
      return ok ? "valid" : "invalid";
    },
  };
}

/** Everything writing or checking checkpoints needs, from the app's services. */
export function auditCheckpointDeps(services: {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  keys: KeySource;
}): WriteCheckpointDeps {
  return {
    store: services.store,
    blobs: services.blobs,
    clock: services.clock,
    keys: checkpointKeys(services.store, services.keys),
  };
}
