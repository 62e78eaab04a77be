// Signing keys through WebCrypto only, so the same code runs on Node and inside workerd.
// Ed25519 is the default; ECDSA P-256 is kept as the documented fallback (and for keys made elsewhere).

import { z } from "zod";
import { arrayBufferView, bytesToBase64Url } from "../domain/encoding.js";

export const signingAlgs = ["Ed25519", "ECDSA-P256"] as const;
export const signingAlgSchema = z.enum(signingAlgs);
export type SigningAlg = z.infer<typeof signingAlgSchema>;

/** The public members of an OKP (Ed25519) or EC (P-256) JWK; private members are refused. */
export const publicJwkSchema = z.union([
  z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().min(1) }),
  z.object({ kty: z.literal("EC"), crv: z.literal("P-256"), x: z.string().min(1), y: z.string().min(1) }),
]);
export type PublicJwk = z.infer<typeof publicJwkSchema>;

export const privateJwkSchema = z.union([
  z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().min(1), d: z.string().min(1) }),
  z.object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.string().min(1),
    y: z.string().min(1),
    d: z.string().min(1),
  }),
]);
export type PrivateJwk = z.infer<typeof privateJwkSchema>;

type KeyParams = { name: "Ed25519" } | { name: "ECDSA"; namedCurve: "P-256" };

function keyParams(alg: SigningAlg): KeyParams {
  return alg === "Ed25519" ? { name: "Ed25519" } : { name: "ECDSA", namedCurve: "P-256" };
}

function signParams(alg: SigningAlg): AlgorithmIdentifier | EcdsaParams {
  return alg === "Ed25519" ? { name: "Ed25519" } : { name: "ECDSA", hash: "SHA-256" };
}

export function algOfJwk(jwk: PublicJwk): SigningAlg {
  return jwk.kty === "OKP" ? "Ed25519" : "ECDSA-P256";
}

export function toPublicJwk(jwk: PublicJwk | PrivateJwk): PublicJwk {
  return jwk.kty === "OKP" ? { kty: "OKP", crv: "Ed25519", x: jwk.x } : { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
}

export interface GeneratedKeyPair {
  alg: SigningAlg;
  kid: string;
  privateKey: CryptoKey;
  privateJwk: PrivateJwk;
  publicJwk: PublicJwk;
}

/** generateKey is typed CryptoKey | CryptoKeyPair for a generic algorithm; signature algorithms give a pair. */
export function asKeyPair(generated: CryptoKey | CryptoKeyPair): CryptoKeyPair {
  if (!("privateKey" in generated)) throw new Error("generateKey gave a single key where a key pair was expected");
  return generated;
}

export async function generateSigningKeyPair(alg: SigningAlg = "Ed25519"): Promise<GeneratedKeyPair> {
  const pair = asKeyPair(await crypto.subtle.generateKey(keyParams(alg), true, ["sign", "verify"]));
  const privateJwk = privateJwkSchema.parse(await crypto.subtle.exportKey("jwk", pair.privateKey));
  const publicJwk = toPublicJwk(privateJwk);
  return { alg, kid: await keyId(publicJwk), privateKey: pair.privateKey, privateJwk, publicJwk };
}

export async function importPrivateJwk(jwk: PrivateJwk): Promise<CryptoKey> {
  const alg = algOfJwk(toPublicJwk(jwk));
  return crypto.subtle.importKey("jwk", { ...jwk, ext: false }, keyParams(alg), false, ["sign"]);
}

export async function importPublicJwk(jwk: PublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey("jwk", jwk, keyParams(algOfJwk(jwk)), false, ["verify"]);
}

/** Key id: the RFC 7638 JWK thumbprint (SHA-256, base64url), first 16 characters. */
export async function keyId(jwk: PublicJwk): Promise<string> {
  // RFC 7638: only the required members, in lexicographic order, no whitespace.
  const canonical =
    jwk.kty === "OKP"
      ? JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })
      : JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return bytesToBase64Url(new Uint8Array(digest)).slice(0, 16);
}

// P-256 group order; ECDSA signatures are normalised to low S so a third party cannot
// produce a second valid signature (s → n − s) and thus a changed file that still verifies.
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_N = P256_N >> 1n;

function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

function bigIntTo32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** WebCrypto wants bytes over a plain ArrayBuffer; copy only when they are not. */
const bufferSource = arrayBufferView;

export async function signBytes(alg: SigningAlg, privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  const sig = new Uint8Array(await crypto.subtle.sign(signParams(alg), privateKey, bufferSource(message)));
  if (alg === "Ed25519") return sig;
  const s = bytesToBigInt(sig.subarray(32));
  if (s > P256_HALF_N) sig.set(bigIntTo32(P256_N - s), 32);
  return sig;
}

export async function verifyBytes(
  alg: SigningAlg,
  publicKey: CryptoKey,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  if (alg === "ECDSA-P256" && (signature.length !== 64 || bytesToBigInt(signature.subarray(32)) > P256_HALF_N)) {
    return false;
  }
  if (alg === "Ed25519" && signature.length !== 64) return false;
  try {
    return await crypto.subtle.verify(signParams(alg), publicKey, bufferSource(signature), bufferSource(message));
  } catch {
    return false;
  }
}
