// Real LibreOffice for the tests that check a file opens as a person would open it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, extname, join } from "node:path";

/**
 * Converts `input` with headless soffice into `format` (e.g. "pdf", or a csv filter string) in `outDir`
 * and returns the new file's path. Each call uses a private user profile under `outDir`, so parallel test
 * files do not fight over one installation. LibreOffice exits 0 even when it cannot load a file, so a
 * missing output is reported here as the failure it is.
 */
export function convertWithLibreOffice(input: string, format: string, outDir: string): string {
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(outDir, ".lo-profile")}`,
      "--headless",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      input,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const out = join(outDir, `${basename(input, extname(input))}.${format.split(":")[0]}`);
  if (!existsSync(out)) throw new Error(`LibreOffice could not convert ${basename(input)} to ${format}`);
  return out;
}

/** The text of every page of a PDF, whitespace runs folded to one space. */
export function pdfPagesText(pdf: string): string[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"], {
      encoding: "utf8",
    }).replace(/[ \t]+/g, " "),
  );
}
