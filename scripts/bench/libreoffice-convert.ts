// The reference the PDF benches measure against: LibreOffice converting the letter's DOCX to PDF, a fresh
// `soffice --headless --convert-to pdf` per letter, as a clerk (or a server shelling out to it) would.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LibreOfficeConverter {
  /** One conversion of the DOCX to PDF, synchronous like the soffice run it waits for. */
  convert(): void;
  close(): void;
}

/** Writes the DOCX to a temp folder and runs one conversion first, uncounted: it creates LibreOffice's profile. */
export function libreOfficeConverter(docx: Uint8Array): LibreOfficeConverter {
  const dir = mkdtempSync(join(tmpdir(), "edaran-bench-lo-"));
  const path = join(dir, "letter.docx");
  writeFileSync(path, docx);
  const convert = () => {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, ".lo-profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        path,
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
  };
  try {
    convert();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { convert, close: () => rmSync(dir, { recursive: true, force: true }) };
}
