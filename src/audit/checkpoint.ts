// A signed checkpoint of the audit chain: {seq, hash, count, at} of a head that was verified, signed with the
// instance's signing key and kept outside the database (checkpoint-blobs.ts). Someone who can write the
// database can delete the newest rows or rewrite a row and recompute every later hash, but cannot make the
// row at a checkpoint's seq carry the checkpointed hash again, nor sign a new checkpoint.
//
// Offline check: the signature (base64url) is over the UTF-8 bytes of the canonical JSON (keys sorted, no
// spaces) of the record without its "signature" member, by the key `kid` of /.well-known/edaran-keys.json.
import { z } from "zod";
import { base64UrlToBytes, bytesToBase64Url } from "../domain/encoding.js";
import { canonicalJson } from "./chain.js";

export const CHECKPOINT_FORMAT = "edaran-audit-checkpoint/1";

export const checkpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  /** The verified head's seq. */
  seq: z.number().int().min(1),
  /** The verified head's hash (it commits to every row up to seq). */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** How many rows the chain had from genesis to seq, all verified. */
  count: z.number().int().min(1),
  /** When the checkpoint was made. */
  at: z.string().min(1),
  kid: z.string().min(1),
  alg: z.string().min(1),
  signature: z.string().min(1),
});
export type SignedCheckpoint = z.infer<typeof checkpointSchema>;
export type CheckpointContent = Pick<SignedCheckpoint, "seq" | "hash" | "count" | "at">;

/** The instance's current signing key, as a port: audit does not depend on how keys are kept (src/sign). */
export interface CheckpointSigner {
  kid: string;
  alg: string;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export type SignatureVerdict = "valid" | "invalid" | "unknown_key" | "revoked_key";

export interface CheckpointKeys {
  signer(): Promise<CheckpointSigner>;
  /** Is `signature` over `message` by the key `kid` (of algorithm `alg`) one of ours, still trusted? */
  verify(kid: string, alg: string, signature: Uint8Array, message: Uint8Array): Promise<SignatureVerdict>;
}

export type CheckpointProblem = "malformed" | "bad_signature" | "unknown_key" | "revoked_key";

/** What was found outside the database: nothing yet, a checkpoint whose signature holds, or one refused. */
export type CheckpointState =
  | { status: "none" }
  | { status: "verified"; checkpoint: SignedCheckpoint }
  | { status: "refused"; problem: CheckpointProblem };

function signedBytes(record: Omit<SignedCheckpoint, "signature">): Uint8Array {
  const { format, seq, hash, count, at, kid, alg } = record;
  return new TextEncoder().encode(canonicalJson({ format, seq, hash, count, at, kid, alg }));
}

export async function signCheckpoint(content: CheckpointContent, signer: CheckpointSigner): Promise<SignedCheckpoint> {
  const record = { format: CHECKPOINT_FORMAT, ...content, kid: signer.kid, alg: signer.alg } as const;
  const signature = bytesToBase64Url(await signer.sign(signedBytes(record)));
  return { ...record, signature };
}

/** Parses and checks a stored checkpoint; anything that is not one of ours, signed, is refused. */
export async function checkCheckpoint(bytes: Uint8Array, keys: CheckpointKeys): Promise<CheckpointState> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { status: "refused", problem: "malformed" };
  }
  return checkCheckpointRecord(json, keys);
}

/** checkCheckpoint for a record already parsed from JSON (e.g. a copy sent back by the Inspektorat). */
export async function checkCheckpointRecord(json: unknown, keys: CheckpointKeys): Promise<CheckpointState> {
  let parsed: SignedCheckpoint;
  let signature: Uint8Array;
  try {
    parsed = checkpointSchema.parse(json);
    signature = base64UrlToBytes(parsed.signature);
  } catch {
    return { status: "refused", problem: "malformed" };
  }
  const verdict = await keys.verify(parsed.kid, parsed.alg, signature, signedBytes(parsed));
  if (verdict === "valid") return { status: "verified", checkpoint: parsed };
  return { status: "refused", problem: verdict === "invalid" ? "bad_signature" : verdict };
}

export function checkpointBytes(checkpoint: SignedCheckpoint): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(checkpoint, null, 2)}\n`);
}
