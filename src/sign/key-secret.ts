// KeySource from a private JWK held in a Workers secret (set with `wrangler secret put`).

import type { CurrentSigningKey, KeySource } from "./key-source.js";
import { algOfJwk, importPrivateJwk, keyId, privateJwkSchema, toPublicJwk } from "./keys.js";

export function keySecretSource(secretJwk: string): KeySource {
  let loaded: Promise<CurrentSigningKey> | undefined;
  const load = async (): Promise<CurrentSigningKey> => {
    let json: unknown;
    try {
      json = JSON.parse(secretJwk);
    } catch {
      throw new Error("the signing key secret is not JSON");
    }
    const jwk = privateJwkSchema.parse(json);
    const publicJwk = toPublicJwk(jwk);
    return {
      kid: await keyId(publicJwk),
      alg: algOfJwk(publicJwk),
      privateKey: await importPrivateJwk(jwk),
      publicJwk,
    };
  };
  return {
    current() {
      // Parse and import once per isolate; a failure is not cached so a fixed secret is picked up.
      loaded ??= load().catch((e: unknown) => {
        loaded = undefined;
        throw e;
      });
      return loaded;
    },
  };
}
