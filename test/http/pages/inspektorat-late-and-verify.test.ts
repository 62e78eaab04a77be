// What a newcomer saw in the Inspektorat's views: late acknowledgements marked late (matrix, OPD history,
// CSV, XLSX) at the WIB deadline boundary, exports in WIB named by nomor and date, the audit log in words,
// the printable report's pages, and the verify page for a PDF. Screens are taken in real Chromium.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { fixedClock } from "../../../src/domain/clock.js";
import { sha256Hex } from "../../../src/domain/encoding.js";
import { SIGNATURE_ENTRY } from "../../../src/sign/signature-entry.js";
import { acknowledge } from "../../../src/track/acknowledge.js";
import { launchBrowser, SCREENSHOT_DIR, screenshot } from "../../support/browser.js";
import { convertWithLibreOffice, pdfPagesText } from "../../support/libreoffice.js";
import {
  makePagesFixture,
  makeTestInput,
  PASSWORD,
  type PageClient,
  type PagesFixture,
  sentLetter,
} from "../../support/pages-fixture.js";

// The deadline is 2024-10-09 (WIB): it ends at 2024-10-09T17:00Z.
const clock = fixedClock("2024-10-01T02:00:00.000Z");
const dir = mkdtempSync(join(tmpdir(), "edaran-insp-late-"));
let p: PagesFixture;
let letterId = "";
let nomor = "";
let insp: PageClient;
let signedDocx: Uint8Array;

beforeAll(async () => {
  p = await makePagesFixture({ clock });
  const sent = await sentLetter(p.runtime, makeTestInput());
  letterId = sent.letterId;
  const ack = async (opd: string, at: string, name: string) => {
    clock.set(at);
    const token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get(opd)!);
    await acknowledge(p.runtime.store, clock, token, { name, position: "Kepala", ip: null, userAgent: null });
  };
  await ack("DINKES", "2024-10-09T16:59:59.000Z", "dr. Susilawati"); // 23.59.59 WIB on the deadline day: on time
  await ack("BKPSDM", "2024-10-09T17:00:00.000Z", "Hendra Saputra"); // 00.00 WIB the day after: late
  clock.set("2024-10-12T03:00:00.000Z"); // 12 Oct 10.00 WIB: the rest are 3 started days past the deadline
  const letter = await p.runtime.store.db
    .selectFrom("letters")
    .select("nomor")
    .where("id", "=", letterId)
    .executeTakeFirstOrThrow();
  nomor = letter.nomor ?? "";
  const doc = await p.runtime.store.db
    .selectFrom("documents")
    .select("storage_key")
    .where("letter_id", "=", letterId)
    .where("kind", "=", "signed")
    .executeTakeFirstOrThrow();
  signedDocx = (await p.runtime.services.blobs.get(doc.storage_key))!;
  insp = p.client("10.3.0.1");
  await insp.login("inspektorat");
});
afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function download(path: string): Promise<Response> {
  return p.runtime.app.request(`http://localhost:8787${path}`, {
    headers: { Cookie: [...insp.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
}

/** The <tr> of one OPD in a matrix page (found by its history link). */
function rowOf(html: string, opdId: string): string {
  const at = html.indexOf(`href="/inspektorat/opd/${opdId}"`);
  expect(at, opdId).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
}

describe("late acknowledgement", () => {
  it("marks an acknowledgement from midnight WIB after the deadline day as late, one a second earlier as on time", async () => {
    const r = await insp.get(`/inspektorat/surat/${letterId}`);
    expect(r.status).toBe(200);
    expect(rowOf(r.html, "BKPSDM")).toContain("konfirmasi terlambat 1 hari");
    const dinkes = rowOf(r.html, "DINKES");
    expect(dinkes).not.toContain("terlambat");
    expect(dinkes).not.toContain("belum konfirmasi");
    const pending = rowOf(r.html, "BPKAD");
    expect(pending).toContain("belum konfirmasi");
    expect(pending).toContain("lewat 3 hari");
    expect(r.html).toMatch(/<b>1 <small class="muted">\([\d,]+%\)<\/small><\/b><span>Konfirmasi terlambat<\/span>/);
    const late = await insp.get(`/inspektorat/surat/${letterId}?status=acknowledged_late`);
    expect(late.html).toContain("Jumlah (1 OPD)");
  });

  it("exports the late flag and WIB times in the CSV, named by the letter's nomor and the export date", async () => {
    const res = await download(`/inspektorat/surat/${letterId}/matriks.csv`);
    const disposition = res.headers.get("Content-Disposition") ?? "";
    expect(disposition).toContain(`kepatuhan-${nomor.replace(/[^A-Za-z0-9.-]+/g, "-")}-2024-10-12.csv`);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("Dikonfirmasi pada (WIB)");
    expect(lines[0]).toContain("Terlambat,Hari terlambat");
    const bkpsdm = lines.find((l) => l.startsWith("BKPSDM,"))!;
    expect(bkpsdm).toContain(",10/10/2024 00.00,Hendra Saputra,");
    expect(bkpsdm).toContain(",konfirmasi terlambat 1 hari,1,");
    const dinkes = lines.find((l) => l.startsWith("DINKES,"))!;
    expect(dinkes).toContain(",09/10/2024 23.59,dr. Susilawati,");
    expect(dinkes).toContain(",tidak,,");
    expect(lines.find((l) => l.startsWith("BPKAD,"))).toContain('"belum konfirmasi, lewat 3 hari",3,');
    // No UTC ISO strings anywhere.
    expect(lines.join("\n")).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("exports an XLSX whose date cells LibreOffice shows in WIB, with the late flag", async () => {
    const res = await download(`/inspektorat/surat/${letterId}/matriks.xlsx`);
    expect(res.headers.get("Content-Disposition")).toContain("-2024-10-12.xlsx");
    const path = join(dir, "matriks.xlsx");
    writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
    const csv = readFileSync(convertWithLibreOffice(path, "csv:Text - txt - csv (StarCalc):44,34,76", dir), "utf8");
    const bkpsdm = csv.split(/\r?\n/).find((l) => l.startsWith("BKPSDM,"))!;
    expect(bkpsdm).toContain("10/10/2024 00.00");
    expect(bkpsdm).toContain("konfirmasi terlambat 1 hari,1,");
  });

  it("shows the late acknowledgement in the OPD's history with its count", async () => {
    const r = await insp.get("/inspektorat/opd?opd=BKPSDM");
    expect(r.html).toContain("konfirmasi terlambat 1 hari");
    expect(r.html).toMatch(/<b>1 <small class="muted">\(100%\)<\/small><\/b><span>Konfirmasi terlambat<\/span>/);
  });
});

describe("audit log for an auditor", () => {
  it("shows Indonesian action labels with the code in small type, details as pairs, names and short hashes", async () => {
    const r = await insp.get(`/inspektorat/audit?letter=${letterId}`);
    expect(r.html).toContain("Ditandatangani");
    expect(r.html).toContain('data-code="letter.sign"');
    expect(r.html).toContain('<span class="muted">status:</span> disetujui → ditandatangani');
    expect(r.html).toContain("Arif Gunadi");
    expect(r.html).toContain("penerima BKPSDM");
    expect(r.html).not.toContain("{&quot;");
    expect(r.html).not.toContain('{"from"');
    const row = await p.runtime.store.db
      .selectFrom("audit_log")
      .select("hash")
      .where("action", "=", "letter.sign")
      .executeTakeFirstOrThrow();
    expect(r.html).toContain(`title="${row.hash}">${row.hash.slice(0, 12)}…`);
  });
});

describe("verify page", () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    const docxPath = join(dir, "surat-asli.docx");
    writeFileSync(docxPath, signedDocx);
    pdf = new Uint8Array(readFileSync(convertWithLibreOffice(docxPath, "pdf", dir)));
  });

  it("says an unsigned PDF of the genuine letter carries no signature (not 'changed'), result first, then the record", async () => {
    const c = p.client("10.3.1.1");
    await c.get(`/v/${letterId}`);
    const form = new FormData();
    form.append("file", new File([pdf as Uint8Array<ArrayBuffer>], "surat-asli.pdf", { type: "application/pdf" }));
    const r = await c.postMultipart(`/v/${letterId}`, form);
    expect(r.status).toBe(200);
    expect(r.html).toContain('data-verdict="tanpa-ttd"');
    expect(r.html).not.toContain("TIDAK COCOK");
    expect(r.html).toContain("cetakan atau pindaian dibandingkan secara kasat mata");
    expect(r.html.indexOf('data-verdict="tanpa-ttd"')).toBeLessThan(r.html.indexOf("Data surat di sistem"));
    expect(r.html.indexOf("Data surat di sistem")).toBeLessThan(r.html.indexOf('data-letter-status="berlaku"'));
  });

  it("says the same for a DOCX without the signature, and TIDAK COCOK only for a changed signed DOCX", async () => {
    const c = p.client("10.3.1.2");
    await c.get(`/v/${letterId}`);
    const { zipSync, unzipSync } = await import("fflate");
    const parts = unzipSync(signedDocx);
    expect(parts[SIGNATURE_ENTRY]).toBeDefined();
    delete parts[SIGNATURE_ENTRY];
    const plain = new FormData();
    plain.append("file", new File([zipSync(parts) as Uint8Array<ArrayBuffer>], "disimpan-ulang.docx"));
    expect((await c.postMultipart(`/v/${letterId}`, plain)).html).toContain('data-verdict="tanpa-ttd"');
    const changed = new Uint8Array(signedDocx);
    changed[changed.length - 10] = (changed[changed.length - 10] ?? 0) ^ 0xff;
    const bad = new FormData();
    bad.append("file", new File([changed], "ubah.docx"));
    expect((await c.postMultipart(`/v/${letterId}`, bad)).html).toContain('data-verdict="tidak-cocok"');
  });

  it("links the original DOCX, which is the signed file", async () => {
    const r = await p.client("10.3.1.3").get(`/v/${letterId}`);
    expect(r.html).toContain(`href="/v/${letterId}/dokumen.docx"`);
    expect(r.html).toContain("Unduh dokumen asli");
    const doc = await p.runtime.app.request(`http://localhost:8787/v/${letterId}/dokumen.docx`);
    expect(doc.status).toBe(200);
    expect(await sha256Hex(new Uint8Array(await doc.arrayBuffer()))).toBe(await sha256Hex(signedDocx));
  });
});

describe("in Chromium", () => {
  let server: ServerType;
  let base = "";
  let browser: Browser;
  const WIDE = { width: 1366, height: 768 };

  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: p.runtime.app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function signedIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: WIDE });
    await page.goto(`${base}/masuk`);
    await page.fill('input[name="username"]', "inspektorat");
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/masuk")), page.click('button[type="submit"]')]);
    return page;
  }

  const fitsWidth = (page: Page) =>
    page.evaluate(() => {
      const wrap = document.querySelector(".table-wrap");
      return {
        page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        table: wrap ? wrap.scrollWidth <= wrap.clientWidth : true,
      };
    });

  it("matrix and audit log fit 1366 px (screenshots)", async () => {
    const page = await signedIn();
    await page.goto(`${base}/inspektorat/surat/${letterId}`);
    expect(await page.locator('[data-lateness="acknowledged_late"]').count()).toBe(1);
    await screenshot(page, "inspektorat-matrix-late-1366");
    await page.goto(`${base}/inspektorat/audit`);
    expect(await page.locator("td >> text=Masuk").count()).toBeGreaterThan(0);
    expect(await fitsWidth(page)).toEqual({ page: true, table: true });
    await screenshot(page, "inspektorat-audit-log-1366");
    await page.close();
  });

  it("verify page after uploading a PDF shows the amber result above the record (screenshot)", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/v/${letterId}`);
    await page.setInputFiles('input[type="file"]', {
      name: "surat-asli.pdf",
      mimeType: "application/pdf",
      buffer: readFileSync(join(dir, "surat-asli.pdf")),
    });
    await Promise.all([page.waitForLoadState("load"), page.click('form[enctype] button[type="submit"]')]);
    await page.waitForSelector('[data-verdict="tanpa-ttd"]');
    const verdict = await page.locator('[data-verdict="tanpa-ttd"]').boundingBox();
    const badge = await page.locator('[data-letter-status="berlaku"]').boundingBox();
    expect(verdict!.y).toBeLessThan(badge!.y);
    // Something (the record's heading) stands between the result and the green badge.
    expect(badge!.y - (verdict!.y + verdict!.height)).toBeGreaterThan(40);
    await screenshot(page, "verify-page-pdf-upload");
    await page.close();
  });

  it("prints the report with the table starting on page 1 under its caption and the header repeated", async () => {
    const page = await signedIn();
    await page.goto(`${base}/inspektorat/surat/${letterId}/laporan`);
    const pdfPath = join(dir, "laporan.pdf");
    writeFileSync(pdfPath, await page.pdf({ format: "A4", printBackground: true }));
    await page.close();
    // Pages as images to look at.
    const out = join(SCREENSHOT_DIR, "laporan-kepatuhan");
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", pdfPath, join(out, "halaman")]);
    const pages = pdfPagesText(pdfPath);
    expect(pages.length).toBeGreaterThan(1);
    const first = pages[0]!;
    expect(first).toContain("Matriks kepatuhan");
    expect(first.indexOf("Matriks kepatuhan")).toBeLessThan(first.indexOf("Perangkat daerah Terkirim"));
    // The first row (BKPSDM, sorted first) is on page 1 under the header, not pushed to page 2.
    expect(first.indexOf("Perangkat daerah Terkirim")).toBeLessThan(first.indexOf("Hendra Saputra"));
    expect(pages[1]).toContain("Perangkat daerah Terkirim");
    expect(readdirSync(out).length).toBe(pages.length);
  });
});
