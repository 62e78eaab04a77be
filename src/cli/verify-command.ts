// `edaran verify <berkas.docx> --keys <edaran-keys.json | URL>`: checks a signed letter offline
// against the published public keys. Exit 0 = AUTENTIK, 1 = TIDAK COCOK, 2 = wrong usage.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatTanggalWaktuWib } from "../domain/indonesian-date.js";
import { parseKeySet, type KeySet } from "../sign/key-set.js";
import { verifyDocx, verifyMessage } from "../sign/verify-docx.js";

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
    line("Kunci penanda tangan", `${payload.kid} (${payload.alg})${key.retiredAt ? `, tidak dipakai lagi sejak ${key.retiredAt}` : ""}`);
    line("SHA-256", result.sha256);
    line("Hasil", "AUTENTIK");
    io.out(verifyMessage(result));
    return 0;
  }
  if (result.status === "unknown_key" || result.status === "revoked_key") line("Kunci penanda tangan", result.kid);
  line("Hasil", "TIDAK COCOK");
  io.out(verifyMessage(result));
  return 1;
}
