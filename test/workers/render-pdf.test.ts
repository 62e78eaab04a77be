// The PDF renderer inside workerd: pdf-lib, fontkit and the bundled Liberation Sans must work on Workers, not
// only on Node, and give the same bytes for the same letter.
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderEdaranPdf } from "../../src/render/pdf/render-pdf.js";
import { renderEdaranSvgPages } from "../../src/render/pdf/render-svg-pages.js";
import { qrPng } from "../../src/sign/qr.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

describe("the PDF renderer inside workerd", () => {
  it("renders the signed sample with embedded Liberation Sans and the TTE box, the same bytes twice", async () => {
    const signature = {
      qrPng: await qrPng("https://edaran.example/v/abc"),
      signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
      verifyUrl: "https://edaran.example/v/abc",
      keyId: "key-2024-01",
    };
    const first = await renderEdaranPdf(makeSampleInput(), { nomor: "2185", signature });
    const second = await renderEdaranPdf(makeSampleInput(), { nomor: "2185", signature });
    expect(new TextDecoder().decode(first.bytes.slice(0, 5))).toBe("%PDF-");
    expect(first.bytes).toEqual(second.bytes);

    const doc = await PDFDocument.load(first.bytes);
    expect(doc.getPageCount()).toBe(first.pageCount);
    expect(first.pageCount).toBeGreaterThan(1);
    const text = new TextDecoder("latin1").decode(first.bytes);
    expect(text).toContain("/FontName /EDRNAA+LiberationSans");
    expect(text).toContain("/FontFile2");
    expect(first.tteBox?.page).toBeLessThan(first.pageCount);
    expect(first.tteBox?.width).toBeGreaterThan(100);
  });

  it("draws the same pages as SVG for the acknowledgement page, with the QR code inline", async () => {
    const signature = {
      qrPng: await qrPng("https://edaran.example/v/abc"),
      signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
      verifyUrl: "https://edaran.example/v/abc",
      keyId: "key-2024-01",
    };
    const pdf = await renderEdaranPdf(makeSampleInput(), { nomor: "2185", signature });
    const pages = await renderEdaranSvgPages(makeSampleInput(), { nomor: "2185", signature });
    expect(pages).toHaveLength(pdf.pageCount);
    expect(pages.every((p) => p.startsWith("<svg ") && p.endsWith("</svg>"))).toBe(true);
    expect(pages.join("")).toContain("data:image/png;base64,");
    expect(pages.join("")).toContain("SURAT EDARAN");
  });
});
