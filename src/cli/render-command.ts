// `edaran render <input.json> -o <file.docx> [--nomor 123] [--profile pemda.json] [--f4]`: validated input → DOCX
// on disk. The kop and page come from --profile (a Pemda profile, see profile-file.ts) or, without it, from the
// input's government block as before. --f4 overrides the paper either way.
// Exit 2 with every problem listed (path: message) on bad JSON or bad input; no file is written then.
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseEdaranInput } from "../domain/edaran-input.js";
import { resolveLegalBases } from "../domain/legal-bases.js";
import { errorCode, errorMessage } from "../domain/thrown.js";
import { renderEdaranDocx } from "../render/docx.js";
import { shippedLegalBases } from "../store/seed.js";
import { readCliProfile } from "./profile-file.js";

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

export const RENDER_USAGE =
  "Pemakaian: edaran render <input.json> -o <berkas.docx> [--nomor 123] [--profile profil-pemda.json] [--f4]";

function parseRenderArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      nomor: { type: "string" },
      profile: { type: "string" },
      f4: { type: "boolean" },
    },
  });
}

export async function renderCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parseRenderArgs>;
  try {
    parsed = parseRenderArgs(args);
  } catch (e) {
    io.err(`${errorMessage(e)}\n${RENDER_USAGE}`);
    return 1;
  }
  const inputPath = parsed.positionals[0];
  const output = parsed.values.output;
  if (!inputPath || !output) {
    io.err(RENDER_USAGE);
    return 1;
  }
  const nomor = parsed.values.nomor;
  if (nomor !== undefined && !/^\d+[A-Za-z]?$/.test(nomor)) {
    io.err(`--nomor harus nomor urut berupa angka, misalnya 2185 (diberikan: ${nomor})`);
    return 2;
  }

  const json = await readJsonFile(inputPath, "Berkas masukan", io);
  if (json === FAILED) return 2;
  // No database here: catalogue ids are resolved against the shipped catalogue (data/legal-bases.json).
  const checked = parseEdaranInput(json);
  const shipped = new Map(shippedLegalBases.map((b) => [b.id, b]));
  const result = checked.ok ? resolveLegalBases(checked.value, (id) => shipped.get(id)) : checked;
  if (!result.ok) {
    io.err(`Data surat edaran tidak valid (${result.issues.length} masalah):`);
    for (const issue of result.issues) io.err(`${issue.path}: ${issue.message}`);
    return 2;
  }

  const f4 = parsed.values.f4 ? { paper: "F4" as const } : {};
  if (parsed.values.profile !== undefined) {
    const profileJson = await readJsonFile(parsed.values.profile, "Berkas profil", io);
    if (profileJson === FAILED) return 2;
    const profile = await readCliProfile(profileJson);
    if (!profile.ok) {
      io.err(`Profil pemda tidak valid (${profile.issues.length} masalah):`);
      for (const issue of profile.issues) io.err(`${issue.path}: ${issue.message}`);
      return 2;
    }
    // The profile's kop wins over a government block the input may still carry.
    const { government: _fromInput, ...input } = result.value;
    const bytes = await renderEdaranDocx(input, {
      pemda: profile.pemda,
      images: profile.images,
      profile: f4,
      ...(nomor !== undefined ? { nomor } : {}),
    });
    return written(output, bytes, io);
  }
  if (!result.value.government) {
    io.err("government: tanpa --profile, data surat harus memuat government (nama pemerintah daerah dan kop surat)");
    return 2;
  }

  let logoPng: Uint8Array | undefined;
  const logo = result.value.government.kop.logo;
  if (logo) {
    const logoPath = isAbsolute(logo) ? logo : join(DATA_DIR, logo);
    try {
      logoPng = new Uint8Array(await readFile(logoPath));
    } catch {
      io.err(`government.kop.logo: berkas logo tidak ditemukan: ${logoPath}`);
      return 2;
    }
  }

  const bytes = await renderEdaranDocx(result.value, {
    ...(nomor !== undefined ? { nomor } : {}),
    ...(parsed.values.f4 ? { profile: f4 } : {}),
    ...(logoPng ? { logoPng } : {}),
  });
  return written(output, bytes, io);
}

const FAILED = Symbol("failed");

/** A JSON file's value, or FAILED after saying why (unreadable, not JSON). */
async function readJsonFile(path: string, what: string, io: CommandIo): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    io.err(`${what} tidak dapat dibaca: ${path} (${errorCode(e) ?? "error"})`);
    return FAILED;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    io.err(`${what} bukan JSON yang valid: ${errorMessage(e)}`);
    return FAILED;
  }
}

async function written(output: string, bytes: Uint8Array, io: CommandIo): Promise<number> {
  const target = resolve(output);
  await writeFile(target, bytes);
  io.out(`Surat edaran ditulis ke ${target} (${bytes.length} bita)`);
  return 0;
}
