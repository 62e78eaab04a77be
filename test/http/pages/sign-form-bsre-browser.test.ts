// The sign form on the letter page, in real Chromium against the real runtime. With BSRE_URL set it offers the
// BSrE passphrase or a TOTP code (a radio shows the chosen field only) and signs through the BSrE stand-in; an
// instance signing with its local CA asks for the signing passphrase and offers no TOTP. Screenshots go to
// test-output/screenshots/form-tanda-tangan-bsre-*.png.
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, letterAt, makeApiFixture, SEED_PASSWORD } from "../../support/api-fixture.js";
import { DESKTOP, launchBrowser, PHONE, SCREENSHOT_DIR, screenshot } from "../../support/browser.js";
import { type BsreServer, type BsreUser, makeBsreServer } from "../../support/bsre-server.js";

const WALIKOTA: BsreUser = {
  nik: "1771010101700001",
  name: "Arif Gunadi",
  jabatan: "Penjabat Wali Kota Bengkulu",
  status: "ISSUE",
  passphrase: "passphrase-bsre-rahasia",
  totp: "246810",
};

let bsre: BsreServer;
let fx: ApiFixture;
let server: ServerType;
let base = "";
let browser: Browser;

beforeAll(async () => {
  bsre = await makeBsreServer([WALIKOTA]);
  fx = await makeApiFixture({
    env: { BSRE_URL: bsre.url, BSRE_USERNAME: bsre.username, BSRE_PASSWORD: bsre.password },
  });
  const id = await fx.userId("penandatangan");
  await fx.json("PUT", `/api/signers/${id}`, 200, {
    as: "admin",
    body: { name: "Arif Gunadi", jabatan: "Penjabat Wali Kota Bengkulu", nik: WALIKOTA.nik },
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: fx.rt.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await fx?.close();
  await bsre?.close();
});

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/masuk`);
  await page.fill("#f-username", username);
  await page.fill("#f-password", SEED_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/masuk")), page.click("button[type=submit]")]);
}

describe("the sign form", () => {
  it("offers the BSrE passphrase or a TOTP code with BSrE, and signs with the TOTP through BSrE", async () => {
    const letter = await letterAt(fx, "approved");
    for (const [size, viewport] of [
      ["ponsel", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await login(page, "penandatangan");
      await page.goto(`${base}/surat/${letter.id}`);
      const form = page.locator("#form-tandatangani");
      await expect.poll(() => form.locator("input[name=credential]").count()).toBe(2);
      // Passphrase is chosen first; the TOTP field shows once TOTP is chosen, and the passphrase field hides.
      expect(await page.isVisible("#f-sign-passphrase")).toBe(true);
      expect(await page.isVisible("#f-sign-totp")).toBe(false);
      await form.scrollIntoViewIfNeeded();
      await screenshot(page, `form-tanda-tangan-bsre-passphrase-${size}`);
      await form.screenshot({ path: join(SCREENSHOT_DIR, `form-tanda-tangan-bsre-passphrase-${size}-form.png`) });
      await form.locator("input[name=credential][value=totp]").check();
      expect(await page.isVisible("#f-sign-totp")).toBe(true);
      expect(await page.isVisible("#f-sign-passphrase")).toBe(false);
      await screenshot(page, `form-tanda-tangan-bsre-totp-${size}`);
      // The form alone, for a look at the choice itself.
      await form.screenshot({ path: join(SCREENSHOT_DIR, `form-tanda-tangan-bsre-totp-${size}-form.png`) });
      // Nothing overflows the phone's width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      if (size === "desktop") {
        await page.fill("#f-sign-totp", WALIKOTA.totp!);
        await page.check("#f-confirm-sign");
        await Promise.all([page.waitForLoadState("load"), form.locator("button[type=submit]").click()]);
        await expect.poll(() => page.textContent("body")).toContain("Surat ditandatangani secara elektronik.");
      }
      await context.close();
    }
    const status = await fx.rt.store.db
      .selectFrom("letters")
      .select("status")
      .where("id", "=", letter.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("signed");
    const signCall = bsre.requests.find((r) => r.path === "/api/v2/sign/pdf");
    expect(signCall?.body).toMatchObject({ nik: WALIKOTA.nik, totp: WALIKOTA.totp });
  });

  it("asks for the signing passphrase only, and offers no TOTP, when the local CA signs", async () => {
    const local = await makeApiFixture();
    try {
      const letter = await letterAt(local, "approved");
      const res = await local.call("GET", `/surat/${letter.id}`, { as: "penandatangan" });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('id="form-tandatangani"');
      expect(html).toContain("Frasa sandi tanda tangan");
      expect(html).not.toContain('name="credential"');
      expect(html).not.toContain('name="totp"');
      // Nor does its API take one: refused (and audited), the letter stays approved.
      const totp = await local.call("POST", `/api/letters/${letter.id}/transitions`, {
        as: "penandatangan",
        body: { action: "sign", totp: "246810" },
      });
      expect(totp.status).toBe(400);
      expect(((await totp.json()) as { error: { message: string } }).error.message).toContain("hanya dipakai bila");
      const row = await local.rt.store.db
        .selectFrom("letters")
        .select("status")
        .where("id", "=", letter.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("approved");
    } finally {
      await local.close();
    }
  });
});
