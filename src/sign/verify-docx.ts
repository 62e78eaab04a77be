// Checks a DOCX signed by signDocx: zip layout → signature entry → canonical payload → CRCs →
// masked digest → key from the key set → signature. Integrity is checked before the key, so a
// changed file says "tampered" whichever key it claims.

import { canonicalBase64UrlToBytes, sha256Hex } from "../domain/encoding.js";
import { type KeySet, type KeySetEntry, lookupKey } from "./key-set.js";
import { importPublicJwk, keyId, verifyBytes } from "./keys.js";
import {
  encodePayload,
  maskedDigest,
  SIGNATURE_ENTRY,
  SIGNATURE_PAYLOAD_SIZE,
  type SignaturePayload,
  signaturePayloadSchema,
  statementBytes,
} from "./signature-entry.js";
import { CENTRAL_CRC_AT, crc32, LOCAL_CRC_AT, readUint32, readZipLayout, type ZipLayout } from "./zip-layout.js";

export type TamperReason = "not_a_zip" | "malformed_signature" | "crc_mismatch" | "digest_mismatch" | "bad_signature";

export type VerifyResult =
  | { status: "authentic"; payload: SignaturePayload; sha256: string; key: KeySetEntry }
  | { status: "tampered"; reason: TamperReason }
  | { status: "unsigned" }
  | { status: "unknown_key"; kid: string }
  | { status: "revoked_key"; kid: string; revokedAt: string };

const tampered = (reason: TamperReason): VerifyResult => ({ status: "tampered", reason });

function decodePayload(raw: Uint8Array): SignaturePayload | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = signaturePayloadSchema.safeParse(json);
  if (!parsed.success) return null;
  let canonical: Uint8Array;
  try {
    canonical = encodePayload(parsed.data);
  } catch {
    return null;
  }
  // Only the one canonical encoding counts: any other byte (padding, spacing, escapes) is a change.
  if (canonical.length !== raw.length || canonical.some((b, i) => b !== raw[i])) return null;
  return parsed.data;
}

export async function verifyDocx(bytes: Uint8Array, keySet: KeySet): Promise<VerifyResult> {
  let layout: ZipLayout;
  try {
    layout = readZipLayout(bytes);
  } catch {
    return tampered("not_a_zip");
  }
  const index = layout.entries.findIndex((e) => e.name === SIGNATURE_ENTRY);
  if (index < 0) return { status: "unsigned" };
  const entry = layout.entries[index]!;
  const isLastAndStored =
    index === layout.entries.length - 1 &&
    entry.method === 0 &&
    entry.compressedSize === SIGNATURE_PAYLOAD_SIZE &&
    entry.uncompressedSize === SIGNATURE_PAYLOAD_SIZE &&
    entry.dataOffset + SIGNATURE_PAYLOAD_SIZE === layout.centralOffset;
  if (!isLastAndStored) return tampered("malformed_signature");

  const raw = bytes.subarray(entry.dataOffset, entry.dataOffset + SIGNATURE_PAYLOAD_SIZE);
  const payload = decodePayload(raw);
  if (!payload) return tampered("malformed_signature");

  const crc = crc32(raw);
  if (
    readUint32(bytes, entry.localOffset + LOCAL_CRC_AT) !== crc ||
    readUint32(bytes, entry.centralOffset + CENTRAL_CRC_AT) !== crc
  ) {
    return tampered("crc_mismatch");
  }
  if ((await maskedDigest(bytes, entry)) !== payload.digest) return tampered("digest_mismatch");

  const key = lookupKey(keySet, payload.kid);
  if (key.status === "unknown") return { status: "unknown_key", kid: payload.kid };
  if (key.status === "revoked") return { status: "revoked_key", kid: payload.kid, revokedAt: key.revokedAt };
  // A key set entry whose JWK does not hash to its kid is not the key that kid names.
  if ((await keyId(key.jwk)) !== payload.kid) return { status: "unknown_key", kid: payload.kid };
  if (key.alg !== payload.alg) return tampered("bad_signature");

  const sig = canonicalBase64UrlToBytes(payload.sig);
  if (!sig) return tampered("bad_signature");
  const { sig: _sig, ...statement } = payload;
  const ok = await verifyBytes(key.alg, await importPublicJwk(key.jwk), sig, statementBytes(statement));
  if (!ok) return tampered("bad_signature");
  return { status: "authentic", payload, sha256: await sha256Hex(bytes), key: key.entry };
}

const tamperText: Record<TamperReason, string> = {
  not_a_zip: "Berkas ini bukan berkas DOCX.",
  malformed_signature: "Data tanda tangan elektronik di dalam berkas rusak atau telah diubah.",
  crc_mismatch: "Data tanda tangan elektronik di dalam berkas telah diubah.",
  digest_mismatch: "Isi berkas telah diubah setelah ditandatangani.",
  bad_signature: "Tanda tangan elektronik tidak sah untuk isi berkas ini.",
};

const COMPARE_BY_EYE =
  "Hanya berkas DOCX dari email atau dari tautan unduhan yang dapat diperiksa; cetakan atau PDF dibandingkan secara kasat mata dengan dokumen asli.";

/** One sentence in Bahasa Indonesia for pages, the API and the CLI. */
export function verifyMessage(result: VerifyResult): string {
  switch (result.status) {
    case "authentic":
      return "Dokumen AUTENTIK: berkas ini sama persis dengan dokumen yang ditandatangani secara elektronik.";
    case "tampered":
      // Not a DOCX at all (a PDF or a scan): nothing to compare, which is not the same as "changed".
      if (result.reason === "not_a_zip") return `BUKAN DOCX BERTANDA TANGAN: ${tamperText.not_a_zip} ${COMPARE_BY_EYE}`;
      return `Dokumen TIDAK COCOK: ${tamperText[result.reason]}`;
    case "unsigned":
      return `BUKAN DOCX BERTANDA TANGAN: berkas DOCX ini tidak memuat tanda tangan elektronik edaran (mungkin disimpan ulang atau dibuat dari salinan). ${COMPARE_BY_EYE}`;
    case "unknown_key":
      return `Dokumen TIDAK COCOK: kunci penandatangan (${result.kid}) tidak dikenal.`;
    case "revoked_key":
      return `Dokumen TIDAK COCOK: kunci penandatangan (${result.kid}) telah dicabut pada ${result.revokedAt}.`;
  }
}
