// `edaran verify <berkas.docx> --keys <edaran-keys.json | URL>`: checks a signed letter offline
// against the published public keys. Exit 0 = AUTENTIK, 1 = TIDAK COCOK (a DOCX that does not match),
// 2 = wrong usage, an unreadable file or key set, or a file that is not a DOCX at all (a PDF, a scan).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatTanggalWaktuWib } from "../domain/indonesian-date.js";
import { type KeySet, parseKeySet } from "../sign/key-set.js";
import { type VerifyResult, verifyDocx, verifyMessage } from "../sign/verify-docx.js";

export interface VerifyCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: VerifyCommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export const verifyUsage = "verify <berkas.docx> --keys <edaran-keys.json | URL>";
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

/** Every zip (so every DOCX) starts with "PK". */
function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
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

  const result = await verifyDocx(bytes, keySet);
  const line = (label: string, value: string) => io.out(`${label.padEnd(20)}: ${value}`);
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
  if (result.status === "tampered" && result.reason === "not_a_zip" && looksLikeZip(bytes)) {
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
