// Public verification: is this file the letter the Pemkot signed, and does that letter still stand?
// The embedded signature proves the bytes were signed by one of our keys; the documents table proves
// they are the stored signed file of *this* letter (a genuine file of another letter does not match).
// A PDF is checked the same way: its PAdES signatures intact, whole and from a trusted certificate
// (sign/verify-pdf.ts), and its bytes the letter's stored signed PDF; the signer is then named from the certificate.
// What a record may show follows the public policy (src/domain/letter-visibility.ts): by its id only a letter
// that is or was public (sent); to whoever uploads the letter's own signed file, that letter whatever its state.

import type { Clock } from "../domain/clock.js";
import { sha256Hex } from "../domain/encoding.js";
import type { LetterViewer } from "../domain/letter-visibility.js";
import { signerCapacityText } from "../domain/signer-block.js";
import { letterAccess } from "../drafting/letter-access.js";
import { letterInputIssuer } from "../store/letter-json.js";
import { letterGovernmentName } from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";
import { letterPdfTrust } from "./letter-pdf-trust.js";
import { signingKeyRepo } from "./signing-key-repo.js";
import { type VerifyResult, verifyDocx, verifyMessage } from "./verify-docx.js";
import { type PdfRefusal, pdfVerifyMessage, verifyPdf } from "./verify-pdf.js";

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
  /** Hex SHA-256 of the signed PDF beside the DOCX; absent for a letter signed as DOCX only. */
  pdfSha256?: string;
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
    .leftJoin("documents as pdf", (j) => j.onRef("pdf.letter_id", "=", "letters.id").on("pdf.kind", "=", "signed_pdf"))
    .select([
      "pdf.sha256 as pdf_sha256",
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
    ...(row.pdf_sha256 ? { pdfSha256: row.pdf_sha256 } : {}),
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

/** Which kind of file was uploaded, told by its first bytes; "other" is neither and is refused as such. */
export type FileFormat = "docx" | "pdf" | "other";

export function fileFormat(bytes: Uint8Array): FileFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "docx"; // "PK", every zip's first bytes
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 5));
  return head === "%PDF-" ? "pdf" : "other";
}

/** Who signed a PDF, as his certificate says (not the letter's text). */
export interface SignerCertificate {
  name: string;
  jabatan?: string;
  nip?: string;
  organization?: string;
  /** Hex serial number. */
  serial?: string;
  /** "revoked": revoked after the letter was signed, so the letter stays verifiable, marked. */
  status: "trusted" | "revoked";
  revokedAt?: string;
}

export type FileCheck =
  | {
      verdict: "authentic";
      message: string;
      sha256: string;
      format: FileFormat;
      certificate?: SignerCertificate;
      letter: LetterRecord;
    }
  | {
      verdict: "revoked";
      message: string;
      sha256: string;
      format: FileFormat;
      certificate?: SignerCertificate;
      letter: LetterRecord;
    }
  | {
      verdict: "mismatch";
      message: string;
      sha256: string;
      format: FileFormat;
      signature: VerifyResult["status"];
      /** For a PDF: why it was refused; "other_file" when it is genuine but not this letter's signed PDF. */
      pdf?: PdfRefusal | "other_file" | "revoked_certificate";
      letter: LetterRecord | null;
    };

export interface VerifyLetterDeps {
  store: Store;
  clock: Clock;
  /** BSrE root certificates (DER), trusted for PDFs beside the instance CA when configured. */
  bsreRoots?: readonly Uint8Array[];
}

const NOT_THIS_LETTER =
  "Dokumen TIDAK COCOK: tanda tangannya sah, tetapi berkas ini bukan dokumen bertanda tangan surat ini.";

const UNSUPPORTED =
  "BUKAN BERKAS YANG DAPAT DIPERIKSA: hanya berkas DOCX atau PDF bertanda tangan elektronik dari email atau dari tautan unduhan surat yang dapat diperiksa; cetakan atau pindaian dibandingkan secara kasat mata dengan dokumen asli.";

/** The record if the file is the letter's own signed file, with the verdict that follows from its state. */
async function holderVerdict(
  store: Store,
  stored: LetterRecord,
  base: { sha256: string; format: FileFormat; certificate?: SignerCertificate },
  authenticMessage: string,
): Promise<FileCheck> {
  const letter = await recordFor(store, { kind: "signed_file_holder" }, stored);
  // The rule gives a holder of the signed file its record always; a null here would be a broken rule.
  if (!letter) throw new Error(`letter ${stored.letterId}: record withheld from the holder of its signed file`);
  if (letter.revoked) {
    return {
      verdict: "revoked",
      message: `Dokumen asli, tetapi surat ini telah DICABUT pada ${letter.revoked.at}: ${letter.revoked.reason}`,
      ...base,
      letter,
    };
  }
  return { verdict: "authentic", message: authenticMessage, ...base, letter };
}

async function checkPdf(
  deps: VerifyLetterDeps,
  bytes: Uint8Array,
  expectedLetterId: string | null,
): Promise<FileCheck> {
  const { store } = deps;
  const sha256 = await sha256Hex(bytes);
  const base = { sha256, format: "pdf" as const };
  const result = await verifyPdf(bytes, await letterPdfTrust(deps));
  // A PDF names its letter by its bytes: the stored signed PDF with this hash.
  const byHash = await store.db
    .selectFrom("documents")
    .select("letter_id")
    .where("kind", "=", "signed_pdf")
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  const letterId = expectedLetterId ?? byHash?.letter_id ?? null;
  const stored = letterId ? await letterRecord(store, letterId) : null;
  const publicRecord = () => recordFor(store, { kind: "verify_link" }, stored);
  if (result.status !== "authentic") {
    return {
      verdict: "mismatch",
      message: pdfVerifyMessage(result),
      ...base,
      signature: result.reason === "unsigned" ? "unsigned" : result.reason === "untrusted" ? "unknown_key" : "tampered",
      pdf: result.reason,
      letter: await publicRecord(),
    };
  }
  if (!stored || stored.pdfSha256 !== sha256) {
    return {
      verdict: "mismatch",
      message: NOT_THIS_LETTER,
      ...base,
      signature: "authentic",
      pdf: "other_file",
      letter: await publicRecord(),
    };
  }
  const s = result.signature;
  // Revoked before the letter was signed (the time the server recorded, not the one the PDF claims): not his.
  if (s.revokedAt && s.revokedAt <= stored.signedAt) {
    return {
      verdict: "mismatch",
      message: `Dokumen TIDAK COCOK: sertifikat penanda tangan telah dicabut pada ${s.revokedAt}, sebelum surat ini ditandatangani.`,
      ...base,
      signature: "revoked_key",
      pdf: "revoked_certificate",
      letter: await publicRecord(),
    };
  }
  const certificate: SignerCertificate = {
    name: s.signerName,
    ...(s.jabatan ? { jabatan: s.jabatan } : {}),
    ...(s.nip ? { nip: s.nip } : {}),
    ...(s.organization ? { organization: s.organization } : {}),
    ...(s.certificateSerial ? { serial: s.certificateSerial } : {}),
    status: s.revokedAt ? "revoked" : "trusted",
    ...(s.revokedAt ? { revokedAt: s.revokedAt } : {}),
  };
  const revokedNote = s.revokedAt
    ? ` Sertifikatnya dicabut pada ${s.revokedAt}, setelah surat ini ditandatangani; tanda tangan ini tetap sah.`
    : "";
  return holderVerdict(store, stored, { ...base, certificate }, `${pdfVerifyMessage(result)}${revokedNote}`);
}

/**
 * Checks `bytes` (a DOCX or a PDF, told by its first bytes) against the letter `expectedLetterId` (the /v/:id
 * page) or, when null, against whatever letter it names: a DOCX by its embedded signature, a PDF by its hash
 * (POST /api/verify).
 */
export async function checkLetterFile(
  deps: VerifyLetterDeps,
  bytes: Uint8Array,
  expectedLetterId: string | null,
): Promise<FileCheck> {
  const format = fileFormat(bytes);
  if (format === "pdf") return checkPdf(deps, bytes, expectedLetterId);
  const { store } = deps;
  const sha256 = await sha256Hex(bytes);
  if (format === "other") {
    const stored = expectedLetterId ? await letterRecord(store, expectedLetterId) : null;
    return {
      verdict: "mismatch",
      message: UNSUPPORTED,
      sha256,
      format,
      signature: "unsigned",
      letter: await recordFor(store, { kind: "verify_link" }, stored),
    };
  }
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
      format,
      signature: result.status,
      letter: await publicRecord(),
    };
  }
  if (!stored || result.payload.letterId !== stored.letterId || stored.sha256 !== sha256) {
    return {
      verdict: "mismatch",
      message: NOT_THIS_LETTER,
      sha256,
      format,
      signature: result.status,
      letter: await publicRecord(),
    };
  }
  return holderVerdict(store, stored, { sha256, format }, verifyMessage(result));
}
