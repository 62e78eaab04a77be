// The OPD history page in real Chromium with more letters than one page holds: the totals count the whole
// period (not the page), "Berikutnya" leads to the rest and "Halaman pertama" back; it fits a phone.
// Screenshots go to test-output/screenshots/opd-history-*.png.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE_MAX } from "../../../src/domain/page-cursor.js";
import { encodeJson } from "../../../src/store/json-text.js";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../../support/browser.js";
import { makePagesFixture, PASSWORD, type PagesFixture } from "../../support/pages-fixture.js";
import { makeSampleInput } from "../../support/sample-input-fixture.js";

let p: PagesFixture;
let server: ServerType;
let base = "";
let browser: Browser;
let opdId = "";
const LETTERS = PAGE_SIZE_MAX + 7;

beforeAll(async () => {
  p = await makePagesFixture({ env: { TRUST_PROXY: "0" } });
  const db = p.runtime.store.db;
  const opd = await db.selectFrom("opd").select("id").orderBy("id").executeTakeFirstOrThrow();
  opdId = opd.id;
  const register = await db.selectFrom("registers").select("id").executeTakeFirstOrThrow();
  const staff = await db.selectFrom("users").select("id").where("role", "=", "sekretariat").executeTakeFirstOrThrow();
  const inputJson = encodeJson(makeSampleInput());
  for (let n = 0; n < LETTERS; n++) {
    const at = new Date(Date.parse("2024-09-01T02:00:00.000Z") + n * 3_600_000).toISOString();
    const id = `L-HIST-${String(n).padStart(3, "0")}`;
    await db
      .insertInto("letters")
      .values({
        id,
        status: "sent",
        register_id: register.id,
        tentang: `Surat edaran nomor urut ${n}`,
        input_json: inputJson,
        revision: 1,
        nomor: `800/${n + 1}/HIST/2024`,
        created_by: staff.id,
        created_at: at,
        updated_at: at,
        sent_at: at,
        ack_deadline: "2024-09-03",
        profile_version: null,
        signer_json: null,
      })
      .execute();
    await db
      .insertInto("recipients")
      .values({
        id: `R-HIST-${n}`,
        letter_id: id,
        opd_id: opdId,
        email: "opd@pemda.test",
        status: "delivered",
        ack_token_hash: `tok-hist-${n}`,
        sent_at: at,
        acknowledged_at: n % 2 === 0 ? new Date(Date.parse(at) + 5 * 3_600_000).toISOString() : null,
        created_at: at,
      })
      .execute();
  }
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

describe("the OPD history page in a browser", () => {
  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    it(`pages ${LETTERS} letters with the period's totals on every page (${name})`, async () => {
      const ctx = await browser.newContext({ viewport });
      const page = await ctx.newPage();
      await login(page, "inspektorat");
      await page.goto(`${base}/inspektorat/opd?opd=${encodeURIComponent(opdId)}&from=2024-09-01&to=2024-12-31`);
      const received = page.locator(".stat b").first();
      expect(await received.innerText()).toBe(String(LETTERS));
      expect(await page.locator("table tbody tr").count()).toBe(PAGE_SIZE_MAX);
      expect(await page.locator("text=Halaman pertama").count()).toBe(0);
      if (name === "phone") expect(await fits(page)).toBe(true);
      await screenshot(page, `opd-history-${name}-1`);
      await Promise.all([page.waitForURL(/after=/), page.click("a[rel=next]")]);
      // The period stays in the link; the totals are still the period's.
      expect(page.url()).toContain("from=2024-09-01");
      expect(await received.innerText()).toBe(String(LETTERS));
      expect(await page.locator("table tbody tr").count()).toBe(LETTERS - PAGE_SIZE_MAX);
      expect(await page.locator("a[rel=next]").count()).toBe(0);
      await screenshot(page, `opd-history-${name}-2`);
      await Promise.all([page.waitForURL((u) => !u.search.includes("after=")), page.click("text=Halaman pertama")]);
      expect(await page.locator("table tbody tr").count()).toBe(PAGE_SIZE_MAX);
      await ctx.close();
    });
  }
});
