// The Inspektorat's matrix of a letter sent without some OPDs, in real Chromium: the OPDs left out, and why, stand
// beside the counts, on a phone and a desktop, and in the printable report; the secretariat sends to them from the
// letter page once an address is filled in. Screenshots: test-output/screenshots/matriks-tidak-dikirim-*.png,
// laporan-tidak-dikirim-*.png, kirim-ke-opd-yang-belum-*.png.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, launchBrowser, PHONE, screenshot, screenshotViewport } from "../../support/browser.js";
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

describe("the matrix of a letter some OPDs did not get", () => {
  it("lists them with the reason above the table, readable on a phone", async () => {
    // The fixture sends to the OPDs with an email: DISPORA has none.
    const { letterId } = await sentLetter(p.runtime, makeTestInput());
    for (const [name, viewport] of [
      ["phone", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${base}/masuk`);
      await page.fill("#f-username", "inspektorat");
      await page.fill("#f-password", PASSWORD);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/masuk")), page.click("button[type=submit]")]);
      await page.goto(`${base}/inspektorat/surat/${letterId}`);
      const notice = page.locator("[data-not-sent]");
      await expect.poll(() => notice.isVisible()).toBe(true);
      expect(await notice.innerText()).toContain("Dinas Pemuda dan Olahraga Kota Bengkulu: belum ada alamat email");
      // Nothing of it runs past the screen's edge.
      const box = await notice.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width);
      await notice.scrollIntoViewIfNeeded();
      await screenshot(page, `matriks-tidak-dikirim-${name}`);
      // The printable report carries the same notice.
      await page.goto(`${base}/inspektorat/surat/${letterId}/laporan`);
      expect(await page.locator("[data-not-sent]").innerText()).toContain(
        "Dinas Pemuda dan Olahraga Kota Bengkulu: belum ada alamat email",
      );
      await screenshot(page, `laporan-tidak-dikirim-${name}`);
      await page.close();
    }
  });

  it("lets-the-secretariat-send-to-an-opd-once-its-address-is-filled-in-on-a-phone-and-a-desktop", async () => {
    const { letterId } = await sentLetter(p.runtime, makeTestInput());
    const db = p.runtime.store.db;
    await db.updateTable("opd").set({ email: "dispora@bengkulukota.go.id" }).where("id", "=", "DISPORA").execute();
    try {
      for (const [name, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        const page = await browser.newPage({ viewport });
        await page.goto(`${base}/masuk`);
        await page.fill("#f-username", "sekretariat");
        await page.fill("#f-password", PASSWORD);
        await Promise.all([
          page.waitForURL((u) => !u.pathname.startsWith("/masuk")),
          page.click("button[type=submit]"),
        ]);
        await page.goto(`${base}/surat/${letterId}`);
        const form = page.locator("#form-kirim-sisa");
        await form.scrollIntoViewIfNeeded();
        expect(await form.innerText()).toContain("Dinas Pemuda dan Olahraga Kota Bengkulu");
        const box = await form.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width);
        await screenshotViewport(page, `kirim-ke-opd-yang-belum-${name}`);
        if (name === "desktop") {
          await Promise.all([page.waitForURL(/\/surat\//), form.locator("button[type=submit]").click()]);
          expect(await page.locator(".flash").first().innerText()).toContain(
            "Surat masuk antrean pengiriman ke 1 perangkat daerah: Dinas Pemuda dan Olahraga Kota Bengkulu.",
          );
          expect(await page.locator("#form-kirim-sisa").count()).toBe(0);
        }
        await page.close();
      }
    } finally {
      await db.updateTable("opd").set({ email: null }).where("id", "=", "DISPORA").execute();
    }
  });
});
