// The first start in real Chromium: the setup page npm start links to, the admin making an activation link on
// the account page, and the official's activation page, each at phone and desktop size without sideways
// scrolling. Screenshots go to test-output/screenshots/pasang-*.png and aktivasi-*.png.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NodeRuntime, startNodeRuntime } from "../../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../../src/runtime/node-config.js";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../../support/browser.js";

let dir: string;
let rt: NodeRuntime;
let server: ServerType;
let base = "";
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-first-start-browser-"));
  rt = await startNodeRuntime(loadNodeConfig({ DATA_DIR: dir, PASSWORD_ITERATIONS: "1000" }), {
    background: false,
    log: () => {},
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: rt.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe("first start in a browser", () => {
  it("setup page, then an activation link handed out and used, at phone and desktop size", async () => {
    const setupPath = new URL(rt.setupUrl!).pathname;
    for (const [size, viewport] of [
      ["ponsel", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const page = await (await browser.newContext({ viewport })).newPage();
      await page.goto(`${base}${setupPath}`);
      await expect(page.locator("h1").innerText()).resolves.toBe("Administrator pertama");
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `pasang-${size}`);
      await page.close();
    }

    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${base}${setupPath}`);
    await page.fill("#f-username", "kominfo");
    await page.fill("#f-displayName", "Diskominfo Kota Bengkulu");
    await page.fill("#f-password", "sandi-admin-pertama");
    await page.fill("#f-confirmPassword", "sandi-admin-pertama");
    await Promise.all([page.waitForURL((u) => u.pathname === "/admin/pengguna"), page.click("button[type=submit]")]);
    await expect(page.locator("body").innerText()).resolves.toContain("belum diaktifkan");

    const kepala = await rt.store.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "kepala-bkpsdm")
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/admin/pengguna/${kepala.id}`);
    await Promise.all([page.waitForLoadState("load"), page.click("#form-tautan-aktivasi button")]);
    await expect(page.locator("h1").innerText()).resolves.toBe("Tautan aktivasi dibuat");
    await screenshot(page, "aktivasi-tautan-admin-desktop");
    const link = await page.inputValue("#tautan-aktivasi");
    const activationPath = new URL(link).pathname;

    for (const [size, viewport] of [
      // The phone last: it uses the link, after which the link is void.
      ["desktop", DESKTOP],
      ["ponsel", PHONE],
    ] as const) {
      const p = await (await browser.newContext({ viewport })).newPage();
      await p.goto(`${base}${activationPath}`);
      await expect(p.locator("h1").innerText()).resolves.toBe("Aktivasi akun");
      expect(await fitsWidth(p)).toBe(true);
      await screenshot(p, `aktivasi-${size}`);
      if (size === "ponsel") {
        await p.fill("#f-newPassword", "sandi-kepala-bkpsdm");
        await p.fill("#f-confirmPassword", "sandi-kepala-bkpsdm");
        await Promise.all([p.waitForURL((u) => !u.pathname.startsWith("/aktivasi")), p.click("button[type=submit]")]);
        await expect(p.locator("body").innerText()).resolves.toContain("Akun Anda aktif");
      }
      await p.close();
    }
  });
});
