// `edaran verify <berkas.docx|berkas.pdf> --keys <edaran-keys.json | URL>`: checks a signed letter offline
// against the published key set: a DOCX against its signing keys, a PDF against its roots (pdfRoots: every
// signature intact, nothing appended, the certificate chaining to a root). With a URL it also asks the site
// (POST /api/verify) whether the letter is still in force (berlaku) or withdrawn (dicabut).
// Exit 0 = AUTENTIK (and berlaku, when asked), 1 = TIDAK COCOK (a DOCX or PDF that does not match, or the
// site says it is not this letter's file), 2 = wrong usage, an unreadable file or key set, or a file that is
// neither DOCX nor PDF (a scan, a photo), 3 = AUTENTIK but the site says the letter was withdrawn (dicabut).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { arrayBufferView, sha256Hex } from "../domain/encoding.js";
import { formatTanggalWaktuWib } from "../domain/indonesian-date.js";
import { type KeySet, parseKeySet, pdfRootsOf } from "../sign/key-set.js";
import { type VerifyResult, verifyDocx, verifyMessage } from "../sign/verify-docx.js";
import { fileFormat } from "../sign/verify-letter.js";
import { pdfVerifyMessage, verifyPdf } from "../sign/verify-pdf.js";

export interface VerifyCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: VerifyCommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export const verifyUsage = "verify <berkas.docx|berkas.pdf> --keys <edaran-keys.json | URL>";
const WELL_KNOWN = "/.well-known/edaran-keys.json";

async function loadKeySet(source: string): Promise<KeySet> {
  if (/^https?:\/\//i.test(source)) {
    const url = new URL(source);
    // A bare site address means its published key set.
    if (url.pathname === "/" || url.pathname === "") url.pathname = WELL_KNOWN;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`gagal mengambil ${url.href}: HTTP ${res.status}`);
    return parseKeySet(await res.json());
  }
  return parseKeySet(JSON.parse(await readFile(source, "utf8")));
}

function signedTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${formatTanggalWaktuWib(d)} (${iso})`;
}

/** No signed DOCX at all (nothing to compare), rather than a signed one that was changed. */
function notSignedDocx(result: VerifyResult): boolean {
  return result.status === "unsigned" || (result.status === "tampered" && result.reason === "not_a_zip");
}

export async function verifyCommand(args: string[], io: VerifyCommandIo = consoleIo): Promise<number> {
  let file: string;
  let keys: string;
  try {
    const parsed = parseArgs({ args, options: { keys: { type: "string" } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== 1 || !parsed.values.keys) throw new Error("argumen kurang");
    file = parsed.positionals[0]!;
    keys = parsed.values.keys;
  } catch {
    io.err(`Pemakaian: edaran ${verifyUsage}`);
    return 2;
  }

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    io.err(`Berkas tidak dapat dibaca: ${file}`);
    return 2;
  }
  let keySet: KeySet;
  try {
    keySet = await loadKeySet(keys);
  } catch (e) {
    io.err(`Daftar kunci publik tidak dapat dimuat dari ${keys}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }

  const line = (label: string, value: string) => io.out(`${label.padEnd(20)}: ${value}`);
  const format = fileFormat(bytes);
  if (format === "other") {
    line("Berkas", file);
    line("Hasil", "BUKAN DOCX ATAU PDF");
    io.out("Hanya berkas DOCX atau PDF bertanda tangan elektronik yang dapat diperiksa.");
    return 2;
  }
  const offline =
    format === "pdf"
      ? await verifyPdfFile(bytes, keySet, file, line, io)
      : await verifyDocxFile(bytes, keySet, file, line, io);
  if (offline !== 0 || !isUrl(keys)) return offline;
  return siteStatus(keys, bytes, line, io);
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

type Line = (label: string, value: string) => void;

async function verifyPdfFile(bytes: Uint8Array, keySet: KeySet, file: string, line: Line, io: VerifyCommandIo) {
  const result = await verifyPdf(bytes, { roots: pdfRootsOf(keySet), now: new Date() });
  line("Berkas", file);
  const s = result.signature;
  if (result.status === "authentic" && s) {
    line("Penanda tangan", s.signerName);
    if (s.jabatan) line("Jabatan", s.jabatan);
    if (s.nip) line("NIP", s.nip);
    if (s.organization) line("Instansi", s.organization);
    if (s.certificateSerial) line("Nomor sertifikat", s.certificateSerial);
    if (s.signedAt) line("Waktu tanda tangan", signedTime(s.signedAt));
    line("SHA-256", await sha256Hex(bytes));
    line("Hasil", "AUTENTIK");
    io.out(pdfVerifyMessage(result));
    return 0;
  }
  line(
    "Hasil",
    result.status === "refused" && result.reason === "unsigned" ? "BUKAN PDF BERTANDA TANGAN" : "TIDAK COCOK",
  );
  io.out(pdfVerifyMessage(result));
  return 1;
}

/** What the CLI reads of POST /api/verify's answer (a FileCheck). */
const siteAnswer = z.object({ verdict: z.enum(["authentic", "revoked", "mismatch"]), message: z.string() });

/** Asks the site whether the letter the file is stands (berlaku) or was withdrawn (dicabut). */
async function siteStatus(keys: string, bytes: Uint8Array, line: Line, io: VerifyCommandIo): Promise<number> {
  const url = new URL("/api/verify", new URL(keys).origin);
  let check: z.infer<typeof siteAnswer>;
  try {
    const res = await fetch(url, { method: "POST", body: arrayBufferView(bytes) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    check = siteAnswer.parse(await res.json());
  } catch (e) {
    io.err(`Status surat tidak dapat ditanyakan ke ${url.href}: ${e instanceof Error ? e.message : String(e)}`);
    return 0;
  }
  if (check.verdict === "authentic") {
    line("Status surat", "BERLAKU");
    return 0;
  }
  if (check.verdict === "revoked") {
    line("Status surat", "DICABUT");
    io.out(check.message);
    return 3;
  }
  line("Status surat", "TIDAK COCOK");
  io.out(check.message);
  return 1;
}

async function verifyDocxFile(bytes: Uint8Array, keySet: KeySet, file: string, line: Line, io: VerifyCommandIo) {
  const result = await verifyDocx(bytes, keySet);
  line("Berkas", file);
  if (result.status === "authentic") {
    const { payload, key } = result;
    line("Nomor", payload.nomor);
    line("ID surat", payload.letterId);
    line("Waktu tanda tangan", signedTime(payload.signedAt));
    line(
      "Kunci penanda tangan",
      `${payload.kid} (${payload.alg})${key.retiredAt ? `, tidak dipakai lagi sejak ${key.retiredAt}` : ""}`,
    );
    line("SHA-256", result.sha256);
    line("Hasil", "AUTENTIK");
    io.out(verifyMessage(result));
    return 0;
  }
  if (result.status === "unknown_key" || result.status === "revoked_key") line("Kunci penanda tangan", result.kid);
  if (result.status === "tampered" && result.reason === "not_a_zip" && fileFormat(bytes) === "docx") {
    // A damaged DOCX: it is a DOCX that does not match, not a file of another kind.
    line("Hasil", "TIDAK COCOK");
    io.out("Dokumen TIDAK COCOK: berkas DOCX ini rusak sehingga tidak dapat dibaca.");
    return 1;
  }
  if (notSignedDocx(result)) {
    line("Hasil", "BUKAN DOCX BERTANDA TANGAN");
    io.out(verifyMessage(result));
    // A file that is not a DOCX at all (a PDF, a scan) was the wrong file for this command; an unsigned
    // DOCX is a DOCX that does not match.
    return result.status === "tampered" ? 2 : 1;
  }
  line("Hasil", "TIDAK COCOK");
  io.out(verifyMessage(result));
  return 1;
}
