// Public verification: is this file the letter the Pemkot signed, and does that letter still stand?
// The embedded signature proves the bytes were signed by one of our keys; the documents table proves
// they are the stored signed file of *this* letter (a genuine file of another letter does not match).

import { sha256Hex } from "../domain/encoding.js";
import { letterInputIssuer } from "../store/letter-json.js";
import type { Store } from "../store/store.js";
import { signingKeyRepo } from "./signing-key-repo.js";
import { type VerifyResult, verifyDocx, verifyMessage } from "./verify-docx.js";

export interface LetterRecord {
  letterId: string;
  nomor: string;
  tentang: string;
  government: string;
  signerName: string;
  signerJabatan: string;
  signedAt: string;
  /** Hex SHA-256 of the signed DOCX. */
  sha256: string;
  keyId: string;
  /** Berlaku (null), or dicabut with its date and reason. */
  revoked: { at: string; reason: string } | null;
}

export async function letterRecord(store: Store, letterId: string): Promise<LetterRecord | null> {
  const row = await store.db
    .selectFrom("letters")
    .innerJoin("documents", (j) =>
      j.onRef("documents.letter_id", "=", "letters.id").on("documents.kind", "=", "signed"),
    )
    .select([
      "letters.id",
      "letters.nomor",
      "letters.tentang",
      "letters.input_json",
      "letters.withdrawn_at",
      "letters.withdrawn_reason",
      "documents.sha256",
      "documents.key_id",
      "documents.signed_at",
    ])
    .where("letters.id", "=", letterId)
    .executeTakeFirst();
  if (!row) return null;
  const input = letterInputIssuer(row);
  return {
    letterId: row.id,
    nomor: row.nomor ?? "",
    tentang: row.tentang,
    government: input.government.name,
    signerName: input.issuer.name,
    signerJabatan: [input.issuer.prefix, input.issuer.jabatan].filter(Boolean).join(" "),
    signedAt: row.signed_at ?? "",
    sha256: row.sha256,
    keyId: row.key_id ?? "",
    revoked: row.withdrawn_at ? { at: row.withdrawn_at, reason: row.withdrawn_reason ?? "" } : null,
  };
}

export type FileCheck =
  | { verdict: "authentic"; message: string; sha256: string; letter: LetterRecord }
  | { verdict: "revoked"; message: string; sha256: string; letter: LetterRecord }
  | {
      verdict: "mismatch";
      message: string;
      sha256: string;
      signature: VerifyResult["status"];
      letter: LetterRecord | null;
    };

/**
 * Checks `bytes` against the letter `expectedLetterId` (the /v/:id page) or, when null, against whatever
 * letter its embedded signature names (POST /api/verify).
 */
export async function checkLetterFile(
  store: Store,
  bytes: Uint8Array,
  expectedLetterId: string | null,
): Promise<FileCheck> {
  const sha256 = await sha256Hex(bytes);
  const result = await verifyDocx(bytes, await signingKeyRepo(store).keySet());
  const letterId = expectedLetterId ?? (result.status === "authentic" ? result.payload.letterId : null);
  const letter = letterId ? await letterRecord(store, letterId) : null;
  if (result.status !== "authentic") {
    return { verdict: "mismatch", message: verifyMessage(result), sha256, signature: result.status, letter };
  }
  if (!letter || result.payload.letterId !== letter.letterId || letter.sha256 !== sha256) {
    return {
      verdict: "mismatch",
      message: "Dokumen TIDAK COCOK: tanda tangannya sah, tetapi berkas ini bukan dokumen bertanda tangan surat ini.",
      sha256,
      signature: result.status,
      letter,
    };
  }
  if (letter.revoked) {
    return {
      verdict: "revoked",
      message: `Dokumen asli, tetapi surat ini telah DICABUT pada ${letter.revoked.at}: ${letter.revoked.reason}`,
      sha256,
      letter,
    };
  }
  return { verdict: "authentic", message: verifyMessage(result), sha256, letter };
}
