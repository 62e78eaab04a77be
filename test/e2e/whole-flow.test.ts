// The whole flow of issue #6 in real headless Chromium against the real Node runtime served over HTTP:
// a secretary drafts the sample letter with one mistake and fixes it, a reviewer gives paraf, the signing
// official approves and signs, the secretary fills DISPORA's email and sends to all; the outbox writes .eml
// files; an OPD head opens the link from one and acknowledges and reports; the Inspektorat sees the matrix
// change, exports the CSV and the chain check says intact. Screenshots go to test-output/screenshots/.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputToForm } from "../../src/http/pages/draft-form-mapping.js";
import { type NodeRuntime, startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { SAMPLE_SIGNER_CAPACITY_ID } from "../../src/signer/seed-signer.js";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../support/browser.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";
import { SIGNING_PASSPHRASE } from "../support/signer-fixture.js";

const PASSWORD = "rahasia-e2e-123";
const DISPORA_EMAIL = "dispora@bengkulukota.go.id";

let runtime: NodeRuntime;
let server: ServerType;
let base = "";
let dataDir = "";
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "edaran-e2e-"));
  // Listen first (port 0) so PUBLIC_URL, and with it every link in the emails, names the real address.
  let app: NodeRuntime["app"] | null = null;
  server = serve({
    fetch: (req, env) => (app ? app.fetch(req, env) : new Response("starting", { status: 503 })),
    hostname: "127.0.0.1",
    port: 0,
  });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadNodeConfig({
    DATA_DIR: dataDir,
    SEED_PASSWORD: PASSWORD,
    PASSWORD_ITERATIONS: "1000",
    PUBLIC_URL: base,
    OUTBOX_INTERVAL_MS: "200",
  });
  runtime = await startNodeRuntime(config, { background: true, log: () => {}, logger: { line: () => {} } });
  app = runtime.app;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await runtime?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/masuk`);
  await page.fill("#f-username", username);
  await page.fill("#f-password", PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/masuk")), page.click("button[type=submit]")]);
}

async function logout(page: Page): Promise<void> {
  await Promise.all([page.waitForURL((u) => u.pathname === "/masuk"), page.click("nav form button")]);
}

/** Types the draft form's values into the page the way a person would: text, selects, checkboxes, radios. */
async function fillDraft(page: Page, form: Record<string, string | string[]>): Promise<void> {
  await page.locator('input[type=checkbox][name="sections.dasar"]').evaluateAll((els) => {
    for (const e of els) (e as HTMLInputElement).checked = false;
  });
  for (const [name, value] of Object.entries(form)) {
    const first = page.locator(`[name="${name}"]`).first();
    const kind = await first.evaluate((e) =>
      e.tagName === "INPUT" ? (e as HTMLInputElement).type : e.tagName.toLowerCase(),
    );
    if (kind === "checkbox" || kind === "radio") {
      for (const v of Array.isArray(value) ? value : [value]) await page.check(`[name="${name}"][value="${v}"]`);
    } else if (kind === "select") {
      await first.selectOption(String(value));
    } else {
      await first.fill(String(value));
    }
  }
}

/** The plain-text part of an .eml, whatever its transfer encoding (base64, quoted-printable, 7bit or 8bit). */
function emlText(eml: string): string {
  const m =
    /Content-Type: text\/plain; charset=UTF-8\r\nContent-Transfer-Encoding: ([\w-]+)\r\n\r\n([\s\S]*?)\r\n--/.exec(eml);
  if (!m) throw new Error("no text part in .eml");
  const [, cte, body] = m as unknown as [string, string, string];
  if (cte === "base64") return Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8");
  if (cte === "quoted-printable") {
    const bytes = body
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

async function waitForEml(dir: string, count: number): Promise<string[]> {
  for (let i = 0; i < 300; i++) {
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
    } catch {
      files = [];
    }
    if (files.length >= count) return files;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${count} .eml files in ${dir}`);
}

describe("the whole flow in a real browser", () => {
  it("drafts, reviews, signs, sends, acknowledges and shows it to the Inspektorat", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    const opdCount = Number(
      (
        await runtime.store.db
          .selectFrom("opd")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

    // 1. The secretary drafts the sample letter with one mistake: no signer chosen.
    await login(page, "sekretariat");
    await screenshot(page, "01-daftar-surat");
    await page.goto(`${base}/surat/baru`);
    const today = new Date().toISOString().slice(0, 10);
    const form = inputToForm({
      ...makeSampleInput(),
      date: today,
      ackDeadline: "2099-12-31",
      nomor: { ...makeSampleInput().nomor, year: Number(today.slice(0, 4)) },
    });
    await fillDraft(page, form);
    await Promise.all([page.waitForLoadState("load"), page.click("text=Simpan dan pratinjau")]);
    const signerError = page.locator("#f-signer-capacityId-error");
    await expect(signerError.textContent()).resolves.toContain("Pilih penandatangan");
    expect(await page.inputValue("#f-tentang")).toBe(form.tentang);
    await screenshot(page, "02-konsep-tanpa-penandatangan");

    // ... fixes it after the message and saves: the draft page shows the preview. The signer block comes from
    // the chosen account (Arif Gunadi, Penjabat Wali Kota Bengkulu), not from typed text.
    await page.selectOption("#f-signer-capacityId", SAMPLE_SIGNER_CAPACITY_ID);
    await Promise.all([page.waitForURL(/\/surat\/[^/]+\/ubah$/), page.click("text=Simpan dan pratinjau")]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("tersimpan");
    const srcdoc = await page.locator("iframe.preview").getAttribute("srcdoc");
    expect(srcdoc).toContain("SURAT EDARAN");
    expect(srcdoc).toContain("ARIF GUNADI");
    await screenshot(page, "03-konsep-pratinjau");
    const letterId = /\/surat\/([^/]+)\/ubah/.exec(page.url())![1]!;

    // 2. Submits to review, reviewer kepala-bkpsdm.
    const reviewer = await runtime.store.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "kepala-bkpsdm")
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/surat/${letterId}`);
    await page.selectOption("#f-reviewer-1", reviewer.id);
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Ajukan untuk paraf')")]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("diajukan");
    await screenshot(page, "04-surat-diajukan");
    await logout(page);

    // 3. The reviewer gives paraf.
    await login(page, "kepala-bkpsdm");
    await page.goto(`${base}/surat/${letterId}`);
    await Promise.all([page.waitForLoadState("load"), page.click("text=Beri paraf")]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("Paraf");
    await logout(page);

    // 4. The signing official sets his signing passphrase on his account page, then approves and signs with it.
    await login(page, "penandatangan");
    await page.goto(`${base}/akun/penandatangan`);
    await expect(page.locator("main").textContent()).resolves.toContain("Penjabat Wali Kota Bengkulu");
    await page.fill("#f-passphrase", SIGNING_PASSPHRASE);
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Simpan frasa sandi')")]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("Frasa sandi");
    await page.goto(`${base}/surat/${letterId}`);
    // Approve and sign are irreversible: each needs the "I have read this letter" box ticked.
    expect(await page.locator("iframe.preview").getAttribute("srcdoc")).toContain("SURAT EDARAN");
    await page.check("#f-confirm-approve");
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Setujui')")]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("disetujui");
    await page.fill("#f-sign-passphrase", SIGNING_PASSPHRASE);
    await page.check("#f-confirm-sign");
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Tanda tangani')")]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("ditandatangani");
    await screenshot(page, "05-surat-ditandatangani");
    await logout(page);

    // 5. The secretary sees the "OPD tanpa email" warning, fills DISPORA's email, and sends to all.
    await login(page, "sekretariat");
    await page.goto(`${base}/surat/${letterId}`);
    await expect(page.locator("text=OPD tanpa email").count()).resolves.toBeGreaterThan(0);
    await screenshot(page, "06-kirim-opd-tanpa-email");
    // The warning links DISPORA to its card on the OPD page.
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/opd" && u.hash === "#opd-DISPORA"),
      page.click('a[href="/opd#opd-DISPORA"]'),
    ]);
    await page.fill("#email-DISPORA", DISPORA_EMAIL);
    await Promise.all([page.waitForLoadState("load"), page.locator('form[data-opd="DISPORA"] button').click()]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain("tersimpan");
    await page.goto(`${base}/surat/${letterId}`);
    expect(await page.locator("text=OPD tanpa email").count()).toBe(0);
    await Promise.all([page.waitForLoadState("load"), page.click("text=Kirim sekarang")]);
    await expect(page.locator(".flash-success").textContent()).resolves.toContain(`${opdCount} perangkat daerah`);
    await screenshot(page, "07-surat-terkirim");
    await logout(page);

    // 6. The outbox writes one .eml per OPD; DISPORA's head opens the link from theirs.
    const outboxDir = join(dataDir, "outbox");
    const files = await waitForEml(outboxDir, opdCount);
    expect(files).toHaveLength(opdCount);
    const dispora = files
      .map((f) => readFileSync(join(outboxDir, f), "utf8"))
      .find((eml) => eml.includes(`To: ${DISPORA_EMAIL}`) || eml.includes(`<${DISPORA_EMAIL}>`));
    expect(dispora, "an .eml addressed to DISPORA").toBeDefined();
    const link = new RegExp(`${base.replace(/[.]/g, "\\.")}/tanda-terima/[A-Za-z0-9_-]+`).exec(emlText(dispora!))?.[0];
    expect(link).toBeDefined();

    const phone = await browser.newContext({ viewport: PHONE });
    const opdPage = await phone.newPage();
    await opdPage.goto(link!);
    await screenshot(opdPage, "08-tanda-terima-form");
    await opdPage.fill("#f-name", "Drs. Hendri Saputra");
    await opdPage.fill("#f-position", "Kepala Dinas Pemuda dan Olahraga");
    await Promise.all([opdPage.waitForLoadState("load"), opdPage.click("text=Saya telah menerima surat ini")]);
    await expect(opdPage.locator(".flash-success").textContent()).resolves.toContain("tanda terima tercatat");
    await opdPage.fill("#f-staffInformed", "42");
    await opdPage.fill("#f-informedOn", today);
    await opdPage.selectOption("#f-method", "apel");
    await opdPage.fill("#f-note", "Disampaikan pada apel pagi.");
    await Promise.all([opdPage.waitForLoadState("load"), opdPage.click("text=Kirim laporan")]);
    await expect(opdPage.locator("text=Laporan sudah dikirim").count()).resolves.toBe(1);
    await screenshot(opdPage, "09-tanda-terima-laporan");
    await phone.close();

    // 7. The Inspektorat sees the matrix change, exports the CSV, and checks the chain.
    await login(page, "inspektorat");
    await page.goto(`${base}/inspektorat/surat/${letterId}`);
    const stats = await page.locator(".stats").first().textContent();
    expect(stats).toMatch(/1 \(\d+,?\d*%\)\s*Dikonfirmasi/);
    const row = page.locator("tr", { hasText: "Pemuda dan Olahraga" });
    await expect(row.textContent()).resolves.toContain("Hendri Saputra");
    await screenshot(page, "10-inspektorat-matriks");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("text=Unduh seluruh matriks (CSV)"),
    ]);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("Kode OPD,Perangkat daerah");
    expect(lines).toHaveLength(opdCount + 1);
    const disporaLine = lines.find((l) => l.startsWith("DISPORA,"));
    expect(disporaLine).toContain("Drs. Hendri Saputra");
    expect(lines.filter((l) => l.includes("Hendri"))).toHaveLength(1);

    await page.goto(`${base}/inspektorat/audit`);
    // The full re-check is a background job: start it, then reload until its result is the one shown.
    await Promise.all([page.waitForLoadState("load"), page.click("text=Periksa ulang seluruh rantai")]);
    for (let i = 0; i < 50 && (await page.locator("[data-job]").count()) > 0; i++) {
      await page.waitForTimeout(200);
      await page.goto(`${base}/inspektorat/audit`);
    }
    expect(await page.locator("[data-job]").count()).toBe(0);
    await expect(page.locator("[data-chain]").getAttribute("data-chain")).resolves.toBe("utuh");
    await expect(page.locator("[data-chain]").innerText()).resolves.toContain("Pemeriksaan penuh terakhir");
    await screenshot(page, "11-log-audit-utuh");

    await page.goto(`${base}/inspektorat/surat/${letterId}/laporan`);
    await screenshot(page, "12-laporan-cetak");
    await context.close();
  }, 240_000); // a long walk through ~30 pages; on a loaded 2-core machine it passes 60 s
});
