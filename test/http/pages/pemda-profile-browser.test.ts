// /admin/profil-pemda in real Chromium against the real runtime: the admin uploads a lambang through the file
// picker, sees its preview, and the page fits a phone. Screenshots: test-output/screenshots/profil-pemda-*.png.
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../../support/browser.js";
import { makePagesFixture, PASSWORD, type PagesFixture } from "../../support/pages-fixture.js";
import { SHIELD_SVG } from "../../support/png-fixture.js";

let p: PagesFixture;
let server: ServerType;
let base = "";
let browser: Browser;

beforeAll(async () => {
  p = await makePagesFixture({ env: { TRUST_PROXY: "0" } });
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

describe("the Pemda profile page in a browser", () => {
  it("uploads a lambang with the file picker, previews it, and fits a phone and a desktop", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/masuk`);
    await page.fill("#f-username", "admin");
    await page.fill("#f-password", PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/masuk")), page.click("button[type=submit]")]);

    await page.goto(`${base}/admin/profil-pemda`);
    const svgPath = join(mkdtempSync(join(tmpdir(), "edaran-lambang-")), "lambang-uji.svg");
    writeFileSync(svgPath, SHIELD_SVG);
    await page.setInputFiles("#f-file-lambang", svgPath);
    await Promise.all([page.waitForLoadState("load"), page.click("#gambar-lambang button[type=submit]")]);
    await expect(page.textContent("body")).resolves.toMatch(/Gambar tersimpan; Profil Pemda kini versi \d+/);
    // The preview really loads (the image answers with a PNG the browser can draw).
    const width = await page.$eval("#gambar-lambang img", (img) =>
      img instanceof HTMLImageElement ? img.naturalWidth : 0,
    );
    expect(width).toBe(833);
    await screenshot(page, "profil-pemda-desktop");

    await page.setViewportSize(PHONE);
    await page.goto(`${base}/admin/profil-pemda`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "profil-pemda-phone");

    // A refused save, on the phone: the messages and the typed values.
    await page.fill("#f-governmentName", "");
    await page.fill("#f-page-marginsCm-top", "sembilan");
    await Promise.all([page.waitForLoadState("load"), page.click("#form-profil button[type=submit]")]);
    await expect(page.inputValue("#f-page-marginsCm-top")).resolves.toBe("sembilan");
    await screenshot(page, "profil-pemda-phone-salah");
    await page.close();
  });

  it("without a server rasteriser (as on Workers) turns the SVG into a PNG in the browser and uploads that", async () => {
    // Workers build their services without rasteriseSvg; the page then converts SVG itself.
    delete p.runtime.services.rasteriseSvg;
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/masuk`);
    await page.fill("#f-username", "admin");
    await page.fill("#f-password", PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/masuk")), page.click("button[type=submit]")]);

    await page.goto(`${base}/admin/profil-pemda`);
    await expect(page.getAttribute("#gambar-emblem", "data-svg-ke-png")).resolves.toBe("");
    const svgPath = join(mkdtempSync(join(tmpdir(), "edaran-emblem-")), "emblem-uji.svg");
    writeFileSync(svgPath, SHIELD_SVG);
    await page.setInputFiles("#f-file-emblem", svgPath);
    // The server here refuses an SVG outright (no rasteriser), so a saved image means the browser sent a PNG.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/gambar/emblem")),
      page.click("#gambar-emblem button[type=submit]"),
    ]);
    await page.waitForLoadState("load");
    await expect(page.textContent("body")).resolves.toMatch(/Gambar tersimpan; Profil Pemda kini versi \d+/);
    // Stored as a PNG of the letter's rendition height, not as an SVG.
    await expect(page.textContent("#gambar-emblem")).resolves.toContain("833 × 1000 piksel");
    await expect(page.textContent("#gambar-emblem")).resolves.not.toContain("dari SVG");
    const height = await page.$eval("#gambar-emblem img", (img) =>
      img instanceof HTMLImageElement ? img.naturalHeight : 0,
    );
    expect(height).toBe(1000);
    await screenshot(page, "profil-pemda-svg-di-peramban-phone");
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "profil-pemda-svg-di-peramban-desktop");
    await page.close();
  });
});
