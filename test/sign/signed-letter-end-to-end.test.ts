// The "done when" on Node: the sample letter, rendered with its signature block and QR code,
// signed, printed by LibreOffice; the QR code on the page image opens the verify URL, the file is
// authentic, and an edited copy is not.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { qrPng } from "../../src/sign/qr.js";
import { signDocx } from "../../src/sign/sign-docx.js";
import { verifyDocx } from "../../src/sign/verify-docx.js";
import { convertWithLibreOffice } from "../support/libreoffice.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

describe("the sample letter, signed", () => {
  it("prints a QR code that scans to the verify URL, verifies as authentic, and an edited copy does not", async () => {
    const input = makeSampleInput();
    const key = await generateSigningKeyPair();
    const verifyUrl = "https://edaran.bengkulukota.example.go.id/v/01HZXLETTER0001";
    const docx = await renderEdaranDocx(input, {
      nomor: "2185",
      signature: {
        qrPng: await qrPng(verifyUrl),
        signedAtText: "1 Mei 2024 pukul 09.03 WIB",
        verifyUrl,
        keyId: key.kid,
      },
    });
    const signed = await signDocx(docx, {
      privateKey: key.privateKey,
      kid: key.kid,
      alg: key.alg,
      letterId: "01HZXLETTER0001",
      nomor: "000.1.4/2185/BKPSDM.II/2024",
      signedAt: "2024-05-01T02:03:04.000Z",
    });
    const keySet = {
      keys: [{ kid: key.kid, alg: key.alg, jwk: key.publicJwk, createdAt: "2024-01-01T00:00:00.000Z" }],
    };
    expect((await verifyDocx(signed.bytes, keySet)).status).toBe("authentic");

    const dir = mkdtempSync(join(tmpdir(), "edaran-signed-letter-"));
    writeFileSync(join(dir, "surat.docx"), signed.bytes);
    const pdf = convertWithLibreOffice(join(dir, "surat.docx"), "pdf", dir);
    execFileSync("pdftoppm", ["-png", "-r", "150", pdf, join(dir, "halaman")]);
    const scanned = readdirSync(dir)
      .filter((f) => f.startsWith("halaman"))
      .map((f) => {
        const img = PNG.sync.read(readFileSync(join(dir, f)));
        return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
      })
      .filter((d) => d !== undefined);
    expect(scanned).toContain(verifyUrl);

    // Someone edits a word in Word/LibreOffice and saves: same package, other bytes.
    const parts = unzipSync(signed.bytes);
    const xml = strFromU8(parts["word/document.xml"]!);
    expect(xml).toContain("netralitas");
    parts["word/document.xml"] = strToU8(xml.replace("netralitas", "netralitaz"));
    const edited = zipSync(parts);
    expect((await verifyDocx(edited, keySet)).status).toBe("tampered");
  });
});
