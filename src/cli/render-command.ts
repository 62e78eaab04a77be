// `edaran render <input.json> -o <file.docx> [--nomor 123] [--f4]`: validated input → DOCX on disk.
// Exit 2 with every problem listed (path: message) on bad JSON or bad input; no file is written then.
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseEdaranInput } from "../domain/edaran-input.js";
import { errorCode, errorMessage } from "../domain/thrown.js";
import { renderEdaranDocx } from "../render/docx.js";

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

export const RENDER_USAGE = "Pemakaian: edaran render <input.json> -o <berkas.docx> [--nomor 123] [--f4]";

function parseRenderArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, nomor: { type: "string" }, f4: { type: "boolean" } },
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

  let text: string;
  try {
    text = await readFile(inputPath, "utf8");
  } catch (e) {
    io.err(`Berkas masukan tidak dapat dibaca: ${inputPath} (${errorCode(e) ?? "error"})`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.err(`Berkas masukan bukan JSON yang valid: ${errorMessage(e)}`);
    return 2;
  }
  const result = parseEdaranInput(json);
  if (!result.ok) {
    io.err(`Data surat edaran tidak valid (${result.issues.length} masalah):`);
    for (const issue of result.issues) io.err(`${issue.path}: ${issue.message}`);
    return 2;
  }

  let logoPng: Uint8Array | undefined;
  const logo = result.value.government?.kop.logo;
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
    ...(parsed.values.f4 ? { profile: { paper: "F4" as const } } : {}),
    ...(logoPng ? { logoPng } : {}),
  });
  const target = resolve(output);
  await writeFile(target, bytes);
  io.out(`Surat edaran ditulis ke ${target} (${bytes.length} bita)`);
  return 0;
}
