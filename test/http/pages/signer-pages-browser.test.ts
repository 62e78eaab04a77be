// The signer's pages and the sign form in real Chromium against the real runtime: the admin's view of a
// penandatangan (identity, capacities, reset of a forgotten passphrase), the signer's own page, and the
// approved letter's sign form asking for his passphrase, each fitting a phone. Screenshots go to
// test-output/screenshots/penandatangan-*.png and tanda-tangan-*.png.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLetter } from "../../../src/drafting/create-letter.js";
import { transitionLetter } from "../../../src/drafting/transition-letter.js";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../../support/browser.js";
import { makePagesFixture, makeTestInput, PASSWORD, type PagesFixture, userId } from "../../support/pages-fixture.js";
import { SIGNING_PASSPHRASE, seedSigningPassphrase } from "../../support/signer-fixture.js";

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

/** The page is no wider than the viewport (nothing to scroll sideways on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe("the signer's pages in a browser", () => {
  it("show the admin the signer's identity, capacities and the passphrase reset, on desktop and phone", async () => {
    const signerId = await userId(p.runtime, "penandatangan");
    await seedSigningPassphrase(p.runtime.services, signerId);
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await login(page, "admin");
    await page.goto(`${base}/penandatangan/${signerId}`);
    await expect(page.locator("h1").innerText()).resolves.toBe("Akun penandatangan");
    await expect(page.locator("body").innerText()).resolves.toContain("Penjabat Wali Kota Bengkulu");
    await expect(page.getByRole("button", { name: "Setel ulang frasa sandi" }).isVisible()).resolves.toBe(true);
    await screenshot(page, "penandatangan-admin-desktop");
    await page.setViewportSize(PHONE);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, "penandatangan-admin-phone");
    await context.close();
  });

  it("show the signer his own page and the approved letter's sign form with the passphrase field", async () => {
    const rt = p.runtime;
    const sek = { id: await userId(rt, "sekretariat"), role: "sekretariat" as const };
    const rev = { id: await userId(rt, "kepala-bkpsdm"), role: "kepala_opd" as const };
    const ttd = { id: await userId(rt, "penandatangan"), role: "penandatangan" as const };
    const letter = await createLetter(rt.services, sek, makeTestInput());
    await transitionLetter(rt.services, sek, letter.id, { action: "submit", reviewers: [rev.id] });
    await transitionLetter(rt.services, rev, letter.id, { action: "paraf" });
    await transitionLetter(rt.services, ttd, letter.id, { action: "approve" });
    await seedSigningPassphrase(rt.services, ttd.id);

    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await login(page, "penandatangan");
    await page.goto(`${base}/akun/penandatangan`);
    await expect(page.locator("body").innerText()).resolves.toContain("Frasa sandi sudah diatur");
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, "penandatangan-sendiri-phone");

    await page.goto(`${base}/surat/${letter.id}`);
    const passphrase = page.locator('input[name="passphrase"]');
    await passphrase.scrollIntoViewIfNeeded();
    await expect(passphrase.getAttribute("type")).resolves.toBe("password");
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, "tanda-tangan-form-phone");
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "tanda-tangan-form-desktop");

    // A wrong passphrase is told at the field and the letter stays approved.
    await passphrase.fill("bukan-frasa-ini");
    await page.check("#f-confirm-sign");
    await Promise.all([page.waitForLoadState("load"), passphrase.press("Enter")]);
    await expect(page.locator("body").innerText()).resolves.toContain("Frasa sandi tanda tangan salah");
    const row = await rt.store.db.selectFrom("letters").select("status").where("id", "=", letter.id).executeTakeFirst();
    expect(row?.status).toBe("approved");
    await page.locator('input[name="passphrase"]').fill(SIGNING_PASSPHRASE);
    await page.check("#f-confirm-sign");
    await Promise.all([page.waitForLoadState("load"), page.locator('input[name="passphrase"]').press("Enter")]);
    const after = await rt.store.db
      .selectFrom("letters")
      .select("status")
      .where("id", "=", letter.id)
      .executeTakeFirst();
    expect(after?.status).toBe("signed");
    await context.close();
  });
});
