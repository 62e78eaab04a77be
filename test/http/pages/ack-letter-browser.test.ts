// The acknowledgement page in real Chromium: the signed letter's SVG pages load their fonts, fit a phone's width
// without sideways scrolling, come before the confirm button, and look like poppler's rendering of the signed PDF
// (page 1 against pdftoppm, block by block). Screenshots: test-output/screenshots/tanda-terima-*.png.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { documentBytes, findSignedDocument } from "../../../src/store/documents-repo.js";
import { DESKTOP, launchBrowser, PHONE, SCREENSHOT_DIR, screenshot } from "../../support/browser.js";
import { makePagesFixture, makeTestInput, type PagesFixture, sentLetter } from "../../support/pages-fixture.js";
import { decodePng, type RgbaImage } from "../../support/png-decode.js";

const run = promisify(execFile);

let p: PagesFixture;
let server: ServerType;
let base = "";
let browser: Browser;
let token = "";
let pdf: Uint8Array;

beforeAll(async () => {
  p = await makePagesFixture({ env: { TRUST_PROXY: "0" } });
  const sent = await sentLetter(p.runtime, makeTestInput());
  token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
  const doc = await findSignedDocument(p.runtime.store, sent.letterId, "signed_pdf");
  if (!doc) throw new Error("no signed PDF");
  pdf = await documentBytes(p.runtime.services.blobs, doc);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: p.runtime.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await p?.close();
});

/** Mean darkness (0 white … 1 black) of each `block`×`block` cell: compares layouts, not antialiasing. */
function darknessGrid(img: RgbaImage, cols: number, rows: number): number[] {
  const out: number[] = [];
  const channels = img.data.length / (img.width * img.height);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      let n = 0;
      const [x0, x1] = [Math.floor((c * img.width) / cols), Math.floor(((c + 1) * img.width) / cols)];
      const [y0, y1] = [Math.floor((r * img.height) / rows), Math.floor(((r + 1) * img.height) / rows)];
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const i = (y * img.width + x) * channels;
          sum += 1 - ((img.data[i] ?? 255) + (img.data[i + 1] ?? 255) + (img.data[i + 2] ?? 255)) / 765;
          n++;
        }
      out.push(n ? sum / n : 0);
    }
  return out;
}

const meanDifference = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

describe("the acknowledgement page in a browser", () => {
  it("shows the letter's pages with their fonts on a phone and a desktop, before the confirm button", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/tanda-terima/${token}`);
    await page.evaluate(() => document.fonts.ready);
    const fonts = await page.evaluate(() => ({
      regular: document.fonts.check('12px "EdaranLiberationSans"'),
      bold: document.fonts.check('bold 12px "EdaranLiberationSans"'),
    }));
    expect(fonts).toEqual({ regular: true, bold: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const layout = await page.evaluate(() => {
      const svg = document.querySelector(".letter-page svg")?.getBoundingClientRect();
      const button = document.querySelector("form button[type=submit]")?.getBoundingClientRect();
      return { svgWidth: svg?.width ?? 0, svgTop: svg?.top ?? 0, buttonTop: button?.top ?? 0 };
    });
    // Scaled to the phone's width (less the page's padding), and above the button.
    expect(layout.svgWidth).toBeGreaterThan(PHONE.width * 0.8);
    expect(layout.svgTop).toBeLessThan(layout.buttonTop);
    await screenshot(page, "tanda-terima-surat-phone");

    await page.setViewportSize(DESKTOP);
    await page.goto(`${base}/tanda-terima/${token}`);
    await page.evaluate(() => document.fonts.ready);
    const side = await page.evaluate(() => {
      const svg = document.querySelector(".letter-page svg")?.getBoundingClientRect();
      const form = document.querySelector("form.card")?.getBoundingClientRect();
      return { svgRight: svg?.right ?? 0, formLeft: form?.left ?? 0, svgWidth: svg?.width ?? 0 };
    });
    // Beside the form on a wide screen, and wide enough to read.
    expect(side.svgRight).toBeLessThanOrEqual(side.formLeft);
    expect(side.svgWidth).toBeGreaterThan(600);
    await screenshot(page, "tanda-terima-surat-desktop");
    await page.close();
  });

  it("draws page 1 as poppler draws the signed PDF's page 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edaran-ack-ppm-"));
    writeFileSync(join(dir, "letter.pdf"), pdf);
    await run("pdftoppm", ["-r", "96", "-png", "-f", "1", "-l", "2", join(dir, "letter.pdf"), join(dir, "page")]);
    const pageFile = (n: number) => join(dir, `page-${n}.png`);
    const poppler = decodePng(new Uint8Array(readFileSync(pageFile(1))));
    const popplerPage2 = decodePng(new Uint8Array(readFileSync(pageFile(2))));

    const page = await browser.newPage({ viewport: { width: poppler.width + 100, height: 1200 } });
    await page.goto(`${base}/tanda-terima/${token}`);
    await page.evaluate(() => document.fonts.ready);
    const svg = page.locator(".letter-page svg").first();
    // The same pixel size as pdftoppm's page, so both are the page at 96 dpi.
    await svg.evaluate((el, w) => {
      el.setAttribute("style", `width:${w}px;height:auto`);
    }, poppler.width);
    const shot = await svg.screenshot({ path: join(SCREENSHOT_DIR, "tanda-terima-svg-page-1.png") });
    writeFileSync(join(SCREENSHOT_DIR, "tanda-terima-pdftoppm-page-1.png"), readFileSync(pageFile(1)));
    const browserImg = decodePng(new Uint8Array(shot));
    expect(Math.abs(browserImg.width - poppler.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(browserImg.height - poppler.height)).toBeLessThanOrEqual(2);

    const [cols, rows] = [24, 34];
    const ours = darknessGrid(browserImg, cols, rows);
    const same = meanDifference(ours, darknessGrid(poppler, cols, rows));
    const other = meanDifference(ours, darknessGrid(popplerPage2, cols, rows));
    // Page 1 against itself is close; against page 2 it is not (the measure tells pages apart).
    expect(same).toBeLessThan(0.01);
    expect(other).toBeGreaterThan(same * 3);
    await page.close();
  });
});
