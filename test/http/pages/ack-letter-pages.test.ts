// The signed letter on the OPD head's acknowledgement page: its pages as SVG (the PDF's own pages, drawn from the
// same layout) before the confirm button, the downloads of the signed PDF and DOCX through the link's token, and
// nothing for a wrong token. Against the real Node runtime (SQLite file, local CA) and poppler's pdftotext.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { renderEdaranPdf } from "../../../src/render/pdf/render-pdf.js";
import { signedLetterRendering } from "../../../src/sign/signed-letter-pages.js";
import { documentBytes, findSignedDocument } from "../../../src/store/documents-repo.js";
import { getLetter } from "../../../src/store/letters-repo.js";
import { makePagesFixture, makeTestInput, type PagesFixture, sentLetter } from "../../support/pages-fixture.js";

const run = promisify(execFile);

let p: PagesFixture;
let letterId = "";
let token = "";
let pdf: Uint8Array;
let docx: Uint8Array;

beforeAll(async () => {
  p = await makePagesFixture();
  const sent = await sentLetter(p.runtime, makeTestInput());
  letterId = sent.letterId;
  token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
  const { store, blobs } = p.runtime.services;
  const pdfDoc = await findSignedDocument(store, letterId, "signed_pdf");
  const docxDoc = await findSignedDocument(store, letterId, "signed");
  if (!pdfDoc || !docxDoc) throw new Error("the sign step stored no PDF or DOCX");
  pdf = await documentBytes(blobs, pdfDoc);
  docx = await documentBytes(blobs, docxDoc);
});
afterAll(async () => p.close());

/** A response as it comes (bytes, headers), for the downloads. */
const raw = (path: string, ip: string) =>
  p.runtime.app.request(`http://localhost:8787${path}`, { headers: { "X-Forwarded-For": ip } });

/** The SVG documents in a page's HTML, in order. */
const svgsOf = (html: string) => [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]);

/**
 * The text an SVG page shows (its text and tspan content, entities decoded) in drawing order, without whitespace and
 * hyphens: pdftotext drops a hyphen that ends a line and joins the words around it, so neither can be compared.
 */
function svgText(svg: string): string {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)]
    .map((m) => (m[1] ?? "").replace(/<[^>]+>/g, ""))
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[\s-]+/g, "");
}

/** The PDF page's text in content-stream order (pdftotext -raw), compared as svgText is. */
async function pdfPageText(bytes: Uint8Array, page: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "edaran-ack-pdf-")), "letter.pdf");
  writeFileSync(file, bytes);
  const { stdout } = await run("pdftotext", [
    "-raw",
    "-f",
    String(page),
    "-l",
    String(page),
    "-enc",
    "UTF-8",
    file,
    "-",
  ]);
  return stdout.replace(/[\s-]+/g, "");
}
describe("the signed letter on the acknowledgement page", () => {
  it("shows the PDF's pages as SVG, page for page and line for line, before the confirm button", async () => {
    const page = await p.client("10.7.0.1").get(`/tanda-terima/${token}`);
    expect(page.status).toBe(200);
    const svgs = svgsOf(page.html);
    const pageCount = (await PDFDocument.load(pdf)).getPageCount();
    expect(pageCount).toBeGreaterThanOrEqual(1);
    expect(svgs).toHaveLength(pageCount);
    for (const [i, svg] of svgs.entries()) {
      expect(svg).toContain(`aria-label="Halaman ${i + 1} dari ${pageCount}"`);
      const text = svgText(svg);
      expect(text.length, `page ${i + 1}`).toBeGreaterThan(200);
      expect(text, `page ${i + 1}`).toBe(await pdfPageText(pdf, i + 1));
    }
    const all = svgs.join("");
    expect(all).toContain("SURAT EDARAN");
    // The kop's lambang and the TTE box's QR code travel inside the page as data URIs.
    expect(all).toMatch(/<image [^>]*href="data:image\/png;base64,/);
    expect(all).toContain(`/assets/huruf/liberation-sans-regular.ttf`);
    expect(page.html.indexOf("<svg")).toBeLessThan(page.html.indexOf("Saya telah menerima surat ini"));
    expect(page.html).toContain("Unduh PDF bertanda tangan");
    expect(page.html).toContain("Unduh DOCX");
  });

  it("draws the pages from exactly what was signed: the same options render the signed PDF's bytes", async () => {
    const letter = await getLetter(p.runtime.store, letterId);
    const rendering = letter ? await signedLetterRendering(p.runtime.services, letter) : null;
    if (!rendering) throw new Error("no signed rendering");
    const unsigned = (await renderEdaranPdf(rendering.input, rendering.options)).bytes;
    // PAdES signing appends an incremental update: the rendered PDF is the signed one's first bytes.
    expect(pdf.length).toBeGreaterThan(unsigned.length);
    expect(Buffer.from(pdf.subarray(0, unsigned.length)).equals(Buffer.from(unsigned))).toBe(true);
  });

  it("downloads the signed PDF and DOCX through the token, byte for byte the stored files", async () => {
    const pdfRes = await raw(`/tanda-terima/${token}/pdf`, "10.7.0.2");
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get("content-type")).toBe("application/pdf");
    expect(pdfRes.headers.get("content-disposition")).toMatch(/^attachment; filename="SE-.+\.pdf"$/);
    expect(Buffer.from(await pdfRes.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    const docxRes = await raw(`/tanda-terima/${token}/docx`, "10.7.0.2");
    expect(docxRes.status).toBe(200);
    expect(docxRes.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(Buffer.from(await docxRes.arrayBuffer()).equals(Buffer.from(docx))).toBe(true);
  });

  it("gives a wrong token neither the pages nor either file", async () => {
    const c = p.client("10.7.0.3");
    const wrong = `${token.slice(0, -4)}AAAA`;
    const page = await c.get(`/tanda-terima/${wrong}`);
    expect(page.status).toBe(404);
    expect(svgsOf(page.html)).toEqual([]);
    for (const kind of ["pdf", "docx"]) {
      const res = await raw(`/tanda-terima/${wrong}/${kind}`, "10.7.0.3");
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 4).toString()).not.toBe("%PDF");
      expect(body.subarray(0, 2).toString()).not.toBe("PK");
    }
  });

  it("serves the letter's fonts for the pages, cached", async () => {
    const res = await raw("/assets/huruf/liberation-sans-bold.ttf", "10.7.0.4");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("font/ttf");
    expect(res.headers.get("cache-control")).toContain("immutable");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
  });
});
