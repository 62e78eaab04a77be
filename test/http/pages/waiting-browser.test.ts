// "Perlu tindakan saya" in real Chromium: a pemaraf whose turn it is and a secretariat with a returned draft and a
// signed letter to send each see it counted in the menu and listed, on a phone and a desktop. Screenshots:
// test-output/screenshots/perlu-tindakan-*.png.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLetter } from "../../../src/drafting/create-letter.js";
import { transitionLetter } from "../../../src/drafting/transition-letter.js";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../../support/browser.js";
import { makePagesFixture, makeTestInput, PASSWORD, type PagesFixture, userId } from "../../support/pages-fixture.js";

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

describe("what waits for me, in the browser", () => {
  it("counts-it-in-the-menu-and-lists-it-for-the-pemaraf-and-the-secretariat", async () => {
    const svc = p.runtime.services;
    const sek = { id: await userId(p.runtime, "sekretariat"), role: "sekretariat" as const };
    const rev = { id: await userId(p.runtime, "kepala-bkpsdm"), role: "kepala_opd" as const };
    const waiting = await createLetter(svc, sek, makeTestInput());
    await transitionLetter(svc, sek, waiting.id, { action: "submit", reviewers: [rev.id] });
    const returned = await createLetter(svc, sek, {
      ...makeTestInput(),
      tentang: "Jam Kerja Pegawai pada Bulan Ramadan",
    });
    await transitionLetter(svc, sek, returned.id, { action: "submit", reviewers: [rev.id] });
    await transitionLetter(svc, rev, returned.id, { action: "return", comment: "Lampirkan jadwal jam kerja" });

    for (const [who, expected] of [
      ["kepala-bkpsdm", ["Menunggu paraf Anda (1)"]],
      ["sekretariat", ["Dikembalikan untuk diperbaiki (1)", "Alasan: Lampirkan jadwal jam kerja"]],
    ] as const) {
      for (const [name, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        const page = await browser.newPage({ viewport });
        await page.goto(`${base}/masuk`);
        await page.fill("#f-username", who);
        await page.fill("#f-password", PASSWORD);
        await Promise.all([
          page.waitForURL((u) => !u.pathname.startsWith("/masuk")),
          page.click("button[type=submit]"),
        ]);
        const count = page.locator("[data-waiting]").first();
        expect(Number(await count.getAttribute("data-waiting"))).toBeGreaterThan(0);
        await page.click("text=Perlu tindakan");
        await page.waitForURL(/\/tindakan$/);
        const text = await page.locator("main, body").first().innerText();
        for (const e of expected) expect(text).toContain(e);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(viewport.width);
        await screenshot(page, `perlu-tindakan-${who}-${name}`);
        await page.close();
      }
    }
  });
});
