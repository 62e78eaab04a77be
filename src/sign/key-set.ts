// The public key set served at /.well-known/edaran-keys.json and read by the offline verifier.
// A retired key no longer signs but still verifies what it signed; a revoked key verifies nothing.
import { z } from "zod";
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

export const keySetSchema = z.object({ keys: z.array(keySetEntrySchema) });
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
