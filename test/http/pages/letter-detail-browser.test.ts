// The sent letter's page in real Chromium against the real runtime: the secretariat sees the letter, each
// OPD's status, re-sends a failed email with one click, and the page fits a phone. An OPD head sees their
// own "Konfirmasi penerimaan". Screenshots go to test-output/screenshots/surat-terkirim-*.png.
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
  // No TRUST_PROXY: the browser talks to the server directly.
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

describe("the sent letter's page in a browser", () => {
  it("shows the secretariat the letter and every OPD, re-sends a failed email, and fits a phone", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    const db = p.runtime.store.db;
    const failed = recipientIds.get("BKPSDM")!;
    const msg = await db
      .selectFrom("outbox")
      .select("id")
      .where("recipient_id", "=", failed)
      .where("kind", "=", "letter")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("outbox")
      .set({ status: "failed", last_error: "422 validation_error" })
      .where("id", "=", msg.id)
      .execute();
    await db.updateTable("recipients").set({ status: "failed" }).where("id", "=", failed).execute();
    await db
      .updateTable("recipients")
      .set({ status: "bounced", bounced_at: "2024-10-01T03:00:00.000Z" })
      .where("id", "=", recipientIds.get("DISHUB")!)
      .execute();
    await db
      .updateTable("recipients")
      .set({
        status: "delivered",
        sent_at: "2024-10-01T02:05:00.000Z",
        acknowledged_at: "2024-10-01T04:00:00.000Z",
        ack_name: "dr. Susilawati",
        ack_position: "Kepala Dinas Kesehatan",
      })
      .where("id", "=", recipientIds.get("DINKES")!)
      .execute();

    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await login(page, "sekretariat");
    await page.goto(`${base}/surat/${letterId}`);
    await expect(page.frameLocator("iframe.preview").locator("body").innerText()).resolves.toContain("SURAT EDARAN");
    await expect(page.locator('tr[data-opd="DINKES"]').innerText()).resolves.toContain("dr. Susilawati");
    await expect(page.locator('tr[data-opd="DISHUB"] a').getAttribute("href")).resolves.toBe("/opd#opd-DISHUB");
    await screenshot(page, "surat-terkirim-desktop");

    await page.setViewportSize(PHONE);
    await page.locator("iframe.preview").scrollIntoViewIfNeeded();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await screenshot(page, "surat-terkirim-phone");

    await page.setViewportSize(DESKTOP);
    await Promise.all([
      page.waitForLoadState("load"),
      page.locator('tr[data-opd="BKPSDM"] button:has-text("Kirim ulang")').click(),
    ]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("dikirim ulang");
    expect(
      (await db.selectFrom("outbox").select("status").where("id", "=", msg.id).executeTakeFirstOrThrow()).status,
    ).toBe("pending");
    await expect(page.locator('tr[data-opd="BKPSDM"]').getAttribute("data-status")).resolves.toBe("queued");
    await context.close();

    // The head of DISPAR (not yet confirmed) sees their own acknowledgement on the same letter.
    const phone = await browser.newContext({ viewport: PHONE });
    const head = await phone.newPage();
    await login(head, "kepala-dispar");
    await head.goto(`${base}/surat/${letterId}`);
    await expect(head.locator("#tanda-terima").innerText()).resolves.toContain("belum mengonfirmasi");
    await screenshot(head, "surat-terkirim-kepala-opd-phone");
    await Promise.all([head.waitForURL(/\/tanda-terima\/[A-Za-z0-9_-]+$/), head.click("text=Konfirmasi penerimaan")]);
    await expect(head.locator("#f-name").count()).resolves.toBe(1);
    await phone.close();
  });
});
