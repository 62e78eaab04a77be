// The public key set served at /.well-known/edaran-keys.json and read by the offline verifier: the DOCX
// signing keys and the PDF roots (sign/published-key-set.ts).
// A retired key no longer signs but still verifies what it signed; a revoked key verifies nothing.
import { z } from "zod";
import { base64ToBytesOrNull } from "../domain/encoding.js";
import { type PublicJwk, publicJwkSchema, type SigningAlg, signingAlgSchema } from "./keys.js";

export const keySetEntrySchema = z.object({
  kid: z.string().min(1),
  alg: signingAlgSchema,
  jwk: publicJwkSchema,
  createdAt: z.string(),
  retiredAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type KeySetEntry = z.infer<typeof keySetEntrySchema>;

export const keySetSchema = z.object({
  keys: z.array(keySetEntrySchema),
  /** Root certificates a signed PDF must chain to: base64 DER, or PEM (several certificates in one string). */
  pdfRoots: z.array(z.string()).optional(),
});
export type KeySet = z.infer<typeof keySetSchema>;

export type KeyLookup =
  | { status: "usable"; kid: string; alg: SigningAlg; jwk: PublicJwk; entry: KeySetEntry }
  | { status: "unknown" }
  | { status: "revoked"; revokedAt: string };

export function lookupKey(keySet: KeySet, kid: string): KeyLookup {
  const entry = keySet.keys.find((k) => k.kid === kid);
  if (!entry) return { status: "unknown" };
  if (entry.revokedAt) return { status: "revoked", revokedAt: entry.revokedAt };
  return { status: "usable", kid: entry.kid, alg: entry.alg, jwk: entry.jwk, entry };
}

/** Parses a key set document (e.g. fetched JSON); throws a ZodError when it is not one. */
export function parseKeySet(json: unknown): KeySet {
  return keySetSchema.parse(json);
}

/** The PDF roots of a key set as DER; an entry that is neither PEM nor base64 DER is skipped. */
export function pdfRootsOf(keySet: KeySet): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const root of keySet.pdfRoots ?? []) {
    const pems = [...root.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
    for (const text of pems.length ? pems.map((m) => m[1]!) : [root]) {
      const der = base64ToBytesOrNull(text.replace(/\s+/g, ""));
      if (der) out.push(der);
    }
  }
  return out;
}
