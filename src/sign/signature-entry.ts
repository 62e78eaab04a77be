// The signature entry inside a signed DOCX and the bytes its signature covers.
// Shared by signDocx and verifyDocx so both sides agree on every byte.
import { z } from "zod";
import { signingAlgSchema } from "./keys.js";
import { CENTRAL_CRC_AT, LOCAL_CRC_AT, type ZipEntryLayout } from "./zip-layout.js";

export const SIGNATURE_ENTRY = "edaran/signature.json";
/** Fixed payload size: the digest is computed before the payload is known, so its room is reserved. */
export const SIGNATURE_PAYLOAD_SIZE = 1024;

export const signaturePayloadSchema = z.strictObject({
  v: z.literal(1),
  alg: signingAlgSchema,
  kid: z.string().min(1),
  letterId: z.string().min(1),
  nomor: z.string(),
  signedAt: z.string().min(1),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  sig: z.string().min(1),
});
export type SignaturePayload = z.infer<typeof signaturePayloadSchema>;
export type SignedStatement = Omit<SignaturePayload, "sig">;

/** The exact bytes that are signed: the payload without `sig`, keys in a fixed order. */
export function statementBytes(s: SignedStatement): Uint8Array {
  const ordered: SignedStatement = {
    v: s.v,
    alg: s.alg,
    kid: s.kid,
    letterId: s.letterId,
    nomor: s.nomor,
    signedAt: s.signedAt,
    digest: s.digest,
  };
  return new TextEncoder().encode(JSON.stringify(ordered));
}

/**
 * The one valid encoding of a payload: canonical JSON padded with spaces to the fixed size.
 * The verifier re-encodes and compares, so no byte of the payload (padding included) can change.
 */
export function encodePayload(p: SignaturePayload): Uint8Array {
  const ordered: SignaturePayload = {
    v: p.v,
    alg: p.alg,
    kid: p.kid,
    letterId: p.letterId,
    nomor: p.nomor,
    signedAt: p.signedAt,
    digest: p.digest,
    sig: p.sig,
  };
  const json = new TextEncoder().encode(JSON.stringify(ordered));
  if (json.length > SIGNATURE_PAYLOAD_SIZE) throw new RangeError("signature payload does not fit its reserved size");
  const out = new Uint8Array(SIGNATURE_PAYLOAD_SIZE).fill(0x20);
  out.set(json);
  return out;
}

/** Byte ranges [start, end) left out of the digest: the payload and the entry's two CRC-32 fields. */
export function maskedRanges(entry: ZipEntryLayout): Array<[number, number]> {
  return [
    [entry.localOffset + LOCAL_CRC_AT, entry.localOffset + LOCAL_CRC_AT + 4],
    [entry.dataOffset, entry.dataOffset + SIGNATURE_PAYLOAD_SIZE],
    [entry.centralOffset + CENTRAL_CRC_AT, entry.centralOffset + CENTRAL_CRC_AT + 4],
  ];
}

/** SHA-256 (hex) of the file with the masked ranges zeroed. */
export async function maskedDigest(bytes: Uint8Array, entry: ZipEntryLayout): Promise<string> {
  const copy = bytes.slice();
  for (const [start, end] of maskedRanges(entry)) copy.fill(0, start, end);
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", copy));
  let hex = "";
  for (const b of d) hex += b.toString(16).padStart(2, "0");
  return hex;
}
