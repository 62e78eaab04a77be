import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { signDocx } from "../../src/sign/sign-docx.js";
import { makeRealisticDocx } from "../support/docx-fixture.js";
import { convertWithLibreOffice } from "../support/libreoffice.js";

describe("a signed DOCX in LibreOffice", () => {
  it("opens and converts to a PDF with the letter's text", async () => {
    const key = await generateSigningKeyPair();
    const signed = await signDocx(await makeRealisticDocx(), {
      privateKey: key.privateKey,
      kid: key.kid,
      alg: key.alg,
      letterId: "01HZXLETTER0001",
      nomor: "800.1.4/123/BKPSDM.II/2024",
      signedAt: "2024-05-01T02:03:04.000Z",
    });
    const dir = mkdtempSync(join(tmpdir(), "edaran-lo-"));
    const docx = join(dir, "signed.docx");
    writeFileSync(docx, signed.bytes);
    const pdf = convertWithLibreOffice(docx, "pdf", dir);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
    expect(text).toContain("SURAT EDARAN");
    expect(text).toContain("NOMOR: 800.1.4/123/BKPSDM.II/2024");
    expect(text).toContain("40. Aparatur Sipil Negara");
  });
});
