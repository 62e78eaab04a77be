// Public verification: is this file the letter the Pemkot signed, and does that letter still stand?
// The embedded signature proves the bytes were signed by one of our keys; the documents table proves
// they are the stored signed file of *this* letter (a genuine file of another letter does not match).
// What a record may show follows the public policy (src/domain/letter-visibility.ts): by its id only a letter
// that is or was public (sent); to whoever uploads the letter's own signed file, that letter whatever its state.

import { sha256Hex } from "../domain/encoding.js";
import type { LetterViewer } from "../domain/letter-visibility.js";
import { signerCapacityText } from "../domain/signer-block.js";
import { letterAccess } from "../drafting/letter-access.js";
import { letterInputIssuer } from "../store/letter-json.js";
import { letterGovernmentName } from "../store/pemda-profile-repo.js";
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
  /** When it was sent (published); null for a letter signed but not sent yet. */
  sentAt: string | null;
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
      "letters.profile_version",
      "letters.sent_at",
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
    government: (await letterGovernmentName(store, row, input.government?.name)) ?? "",
    signerName: input.issuer.name,
    signerJabatan: signerCapacityText(input.issuer),
    signedAt: row.signed_at ?? "",
    sha256: row.sha256,
    keyId: row.key_id ?? "",
    sentAt: row.sent_at,
    revoked: row.withdrawn_at ? { at: row.withdrawn_at, reason: row.withdrawn_reason ?? "" } : null,
  };
}

/** The record if `viewer` may see the letter's metadata; null otherwise (the same answer as an unknown id). */
async function recordFor(
  store: Store,
  viewer: LetterViewer,
  record: LetterRecord | null,
): Promise<LetterRecord | null> {
  if (!record) return null;
  const access = await letterAccess(store, viewer, record.letterId);
  return access?.may.metadata ? record : null;
}

/** What the verify link /v/:id shows: the record of a sent letter (also once withdrawn); null otherwise. */
export async function publicLetterRecord(store: Store, letterId: string): Promise<LetterRecord | null> {
  return recordFor(store, { kind: "verify_link" }, await letterRecord(store, letterId));
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
  const stored = letterId ? await letterRecord(store, letterId) : null;
  // A file that is not this letter's own signed file earns only what the verify link shows.
  const publicRecord = () => recordFor(store, { kind: "verify_link" }, stored);
  if (result.status !== "authentic") {
    return {
      verdict: "mismatch",
      message: verifyMessage(result),
      sha256,
      signature: result.status,
      letter: await publicRecord(),
    };
  }
  if (!stored || result.payload.letterId !== stored.letterId || stored.sha256 !== sha256) {
    return {
      verdict: "mismatch",
      message: "Dokumen TIDAK COCOK: tanda tangannya sah, tetapi berkas ini bukan dokumen bertanda tangan surat ini.",
      sha256,
      signature: result.status,
      letter: await publicRecord(),
    };
  }
  const letter = await recordFor(store, { kind: "signed_file_holder" }, stored);
  // The rule gives a holder of the signed file its record always; a null here would be a broken rule.
  if (!letter) throw new Error(`letter ${stored.letterId}: record withheld from the holder of its signed file`);
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
