// The full audit re-check from the Inspektorat's log page in real Chromium: the button starts the job, the page
// shows its progress, and once the background slices ran, the last result and its time; the printable report
// shows the same. Screenshots go to test-output/screenshots/audit-check-*.png.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../../support/browser.js";
import {
  makePagesFixture,
  makeTestInput,
  PASSWORD,
  type PagesFixture,
  sentLetter,
} from "../../support/pages-fixture.js";

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

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/masuk`);
  await page.fill("#f-username", username);
  await page.fill("#f-password", PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/masuk")), page.click("button[type=submit]")]);
}

const fits = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe("the full audit re-check in a browser", () => {
  it("starts from the button, shows progress, then the recorded result on the log and the report", async () => {
    const { letterId } = await sentLetter(p.runtime, makeTestInput());
    const phone = await browser.newContext({ viewport: PHONE });
    const page = await phone.newPage();
    await login(page, "inspektorat");
    await page.goto(`${base}/inspektorat/audit`);
    await expect(page.locator("[data-chain]").first().getAttribute("data-chain")).resolves.toBe("belum-diperiksa");
    await page.click("text=Periksa ulang seluruh rantai");
    await page.locator("[data-job]").waitFor();
    await expect(page.locator("[data-job]").innerText()).resolves.toContain("0 dari");
    await p.runtime.auditCheckSlice({ maxRows: 3 });
    await page.reload();
    await expect(page.locator("[data-job]").getAttribute("data-job")).resolves.toBe("berjalan");
    await expect(page.locator("[data-job]").innerText()).resolves.toContain("3 dari");
    expect(await fits(page)).toBe(true);
    await screenshot(page, "audit-check-progress-phone");

    while ((await p.runtime.auditCheckSlice({ maxRows: 3 }))?.status === "running");
    const desktop = await browser.newContext({ viewport: DESKTOP });
    const wide = await desktop.newPage();
    await login(wide, "inspektorat");
    await wide.goto(`${base}/inspektorat/audit`);
    await expect(wide.locator("[data-chain]").first().innerText()).resolves.toContain("Pemeriksaan penuh terakhir");
    await screenshot(wide, "audit-check-done-desktop");
    await page.reload();
    await screenshot(page, "audit-check-done-phone");
    await wide.goto(`${base}/inspektorat/surat/${letterId}/laporan`);
    await expect(wide.locator("dd[data-chain]").innerText()).resolves.toContain("utuh sampai baris #");
    await screenshot(wide, "audit-check-report-desktop");
    await phone.close();
    await desktop.close();
  });
});
