// Where the signing key comes from: a key file on Node, a Workers secret on Cloudflare.
import type { PublicJwk, SigningAlg } from "./keys.js";

export interface CurrentSigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
  /** Registered in signing_keys so the key set can publish it. */
  publicJwk: PublicJwk;
}

export interface KeySource {
  current(): Promise<CurrentSigningKey>;
}
