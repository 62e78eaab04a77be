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
});
