// The signed PDF checked by everyone who may hold one: a letter signed and sent through the whole flow gives a
// PDF that pdfsig, POST /api/verify, the /v/:id page and `edaran verify` (offline, then asking the site) call
// authentic, naming the signer from his certificate; one changed byte, another letter's PDF, a PDF from an
// untrusted CA are refused; a withdrawn letter says dicabut; a certificate revoked after signing is marked; a PDF
// signed through the BSrE stand-in verifies only when its root is configured.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCommand } from "../../src/cli/verify-command.js";
import { fixedClock } from "../../src/domain/clock.js";
import { base64ToBytes, sha256Hex } from "../../src/domain/encoding.js";
import { transitionLetter } from "../../src/drafting/transition-letter.js";
import { renderEdaranPdf } from "../../src/render/pdf/render-pdf.js";
import { bsreClient } from "../../src/sign/bsre/bsre-client.js";
import { bsrePdfSigning } from "../../src/sign/bsre/bsre-pdf-signing.js";
import { certificatesFromPem } from "../../src/sign/bsre/bsre-trust.js";
import { revokeSignerCertificate } from "../../src/sign/local-ca/issue-signer-certificate.js";
import { signerCertificateRepo } from "../../src/sign/local-ca/signer-certificate-repo.js";
import type { FileCheck } from "../../src/sign/verify-letter.js";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../support/browser.js";
import { type BsreServer, makeBsreServer } from "../support/bsre-server.js";
import {
  makePagesFixture,
  makeTestInput,
  PASSWORD,
  type PagesFixture,
  sentLetter,
  userId,
} from "../support/pages-fixture.js";
import { pdfsig } from "../support/pdfsig.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

let p: PagesFixture;
let server: ServerType;
let site = "";
let letterId = "";
let otherId = "";
let pdf: Uint8Array;
let otherPdf: Uint8Array;
const dir = mkdtempSync(join(tmpdir(), "edaran-verify-pdf-"));

const SIGNER_NAME = "Arif Gunadi";
const SIGNER_JABATAN = "Penjabat Wali Kota Bengkulu";

async function publicPdf(id: string): Promise<Uint8Array> {
  const res = await p.runtime.app.request(`http://localhost:8787/v/${id}/dokumen.pdf`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  return new Uint8Array(await res.arrayBuffer());
}

async function apiCheck(bytes: Uint8Array, pinned?: string): Promise<FileCheck> {
  const query = pinned ? `?letterId=${pinned}` : "";
  const res = await p.runtime.app.request(`http://localhost:8787/api/verify${query}`, {
    method: "POST",
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as FileCheck;
}

async function pageCheck(id: string, bytes: Uint8Array, name = "surat.pdf") {
  const c = p.client(`10.9.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}`);
  await c.get(`/v/${id}`);
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "application/pdf" }));
  return c.postMultipart(`/v/${id}`, form);
}

async function cli(bytes: Uint8Array, keys: string) {
  const file = join(dir, `berkas-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const out: string[] = [];
  const err: string[] = [];
  const code = await verifyCommand([file, "--keys", keys], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function changedByte(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const at = bytes.indexOf(0x2f, Math.floor(bytes.length / 3)); // a "/" of some object, inside the signed range
  out[at] = 0x2e;
  return out;
}

beforeAll(async () => {
  p = await makePagesFixture({ clock: fixedClock("2024-10-01T02:00:00.000Z") });
  letterId = (await sentLetter(p.runtime, makeTestInput())).letterId;
  otherId = (await sentLetter(p.runtime, makeTestInput())).letterId;
  pdf = await publicPdf(letterId);
  otherPdf = await publicPdf(otherId);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: p.runtime.app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      site = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the signed PDF of a sent letter", () => {
  it("is valid and whole for pdfsig", async () => {
    const report = await pdfsig(pdf);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Total document signed");
  });

  it("is authentic for POST /api/verify, which names the signer, jabatan and NIP from the certificate", async () => {
    const check = await apiCheck(pdf);
    expect(check).toMatchObject({ verdict: "authentic", format: "pdf", sha256: await sha256Hex(pdf) });
    if (check.verdict !== "authentic") throw new Error("not authentic");
    expect(check.letter.letterId).toBe(letterId);
    expect(check.letter.pdfSha256).toBe(await sha256Hex(pdf));
    expect(check.certificate?.name).toContain(SIGNER_NAME);
    expect(check.certificate?.jabatan).toBe(SIGNER_JABATAN);
    expect(check.certificate?.status).toBe("trusted");
    expect(check.message).toContain("AUTENTIK");
    expect(await apiCheck(pdf, letterId)).toMatchObject({ verdict: "authentic" });
  });

  it("is authentic on the verify page, which shows the signer from the certificate", async () => {
    const r = await pageCheck(letterId, pdf);
    expect(r.status).toBe(200);
    expect(r.html).toContain('data-verdict="autentik"');
    expect(r.html).toContain('data-format="pdf"');
    expect(r.html).toMatch(/data-certificate-signer="[^"]*Arif Gunadi/);
    expect(r.html).toContain(SIGNER_JABATAN);
    expect(r.html).toContain('data-certificate-status="trusted"');
    expect(r.html).toContain(`href="/v/${letterId}/dokumen.pdf"`);
    expect(r.html).toContain("Berkas DOCX atau PDF");
  });

  it("is authentic for `edaran verify`, offline from the published roots and berlaku on the site", async () => {
    const keys = await (await fetch(`${site}/.well-known/edaran-keys.json`)).json();
    expect(keys.pdfRoots.length).toBeGreaterThan(0);
    const keysFile = join(dir, "edaran-keys.json");
    writeFileSync(keysFile, JSON.stringify(keys));
    const offline = await cli(pdf, keysFile);
    expect(offline.code).toBe(0);
    expect(offline.out).toMatch(/Penanda tangan\s+: .*Arif Gunadi/);
    expect(offline.out).toMatch(new RegExp(`Jabatan\\s+: ${SIGNER_JABATAN}`));
    expect(offline.out).toMatch(/Hasil\s+: AUTENTIK/);
    expect(offline.out).not.toContain("Status surat");
    const online = await cli(pdf, site);
    expect(online.code).toBe(0);
    expect(online.out).toMatch(/Status surat\s+: BERLAKU/);
    // Without the roots (an old key set) nothing vouches for the certificate.
    const noRoots = join(dir, "tanpa-akar.json");
    writeFileSync(noRoots, JSON.stringify({ keys: keys.keys }));
    const refused = await cli(pdf, noRoots);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("tidak diterbitkan oleh otoritas yang dipercaya");
  });

  it("with one changed byte is refused by pdfsig, the API, the page and the CLI", async () => {
    const bad = changedByte(pdf);
    expect(await pdfsig(bad)).not.toContain("Signature is Valid.");
    const check = await apiCheck(bad);
    expect(check).toMatchObject({ verdict: "mismatch", format: "pdf", pdf: "tampered" });
    expect(check.message).toContain("telah diubah");
    expect(await apiCheck(bad, letterId)).toMatchObject({ verdict: "mismatch" });
    const r = await pageCheck(letterId, bad);
    expect(r.html).toContain('data-verdict="tidak-cocok"');
    expect(r.html).not.toContain('data-verdict="autentik"');
    const c = await cli(bad, site);
    expect(c.code).toBe(1);
    expect(c.out).toMatch(/Hasil\s+: TIDAK COCOK/);
  });

  it("with bytes appended after the signature is refused", async () => {
    const appended = new Uint8Array([...pdf, ...new TextEncoder().encode("\n% tambahan\n")]);
    expect(await apiCheck(appended)).toMatchObject({ verdict: "mismatch", pdf: "appended" });
  });

  it("of another letter is refused on this letter's page and API, and names its own letter by itself", async () => {
    const pinned = await apiCheck(otherPdf, letterId);
    expect(pinned).toMatchObject({ verdict: "mismatch", pdf: "other_file" });
    expect(pinned.message).toContain("bukan dokumen bertanda tangan surat ini");
    const r = await pageCheck(letterId, otherPdf);
    expect(r.html).toContain('data-verdict="tidak-cocok"');
    const own = await apiCheck(otherPdf);
    expect(own).toMatchObject({ verdict: "authentic", letter: { letterId: otherId } });
  });

  it("is linked from the letter page as “Unduh PDF bertanda tangan”, which serves the same bytes", async () => {
    const c = p.client("10.8.0.1");
    await c.login("sekretariat");
    const page = await c.get(`/surat/${letterId}`);
    expect(page.html).toContain(`href="/surat/${letterId}/pdf"`);
    expect(page.html).toContain("Unduh PDF bertanda tangan");
    const res = await p.runtime.app.request(`http://localhost:8787/surat/${letterId}/pdf`, {
      headers: { Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "X-Forwarded-For": "10.8.0.1" },
    });
    expect(res.status).toBe(200);
    expect(await sha256Hex(new Uint8Array(await res.arrayBuffer()))).toBe(await sha256Hex(pdf));
  });

  it("refuses a file that is neither DOCX nor PDF, naming what is accepted", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const check = await apiCheck(png);
    expect(check).toMatchObject({ verdict: "mismatch", format: "other" });
    expect(check.message).toContain("DOCX atau PDF");
    const r = await pageCheck(letterId, png, "foto.png");
    expect(r.html).toContain('data-verdict="bukan-docx-pdf"');
    expect((await cli(png, site)).code).toBe(2);
  });
});

describe("the verify page in Chromium", () => {
  it("shows the PDF's AUTENTIK result with the certificate's signer at phone and desktop size (screenshots)", async () => {
    const browser = await launchBrowser();
    try {
      const file = join(dir, "surat-bertanda-tangan.pdf");
      writeFileSync(file, pdf);
      for (const [label, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        const page = await browser.newPage({ viewport });
        await page.goto(`${site}/v/${letterId}`);
        await page.setInputFiles('input[type="file"]', file);
        await Promise.all([page.waitForLoadState("load"), page.click('form[enctype] button[type="submit"]')]);
        await page.waitForSelector('[data-verdict="autentik"][data-format="pdf"]');
        expect(await page.locator("[data-certificate-signer]").innerText()).toContain(SIGNER_JABATAN);
        // Nothing runs off the side on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await screenshot(page, `verify-page-signed-pdf-${label}`);
        await page.close();
      }
      const page = await browser.newPage({ viewport: DESKTOP });
      await page.goto(`${site}/masuk`);
      await page.fill('input[name="username"]', "sekretariat");
      await page.fill('input[name="password"]', PASSWORD);
      await Promise.all([
        page.waitForURL((u) => !u.pathname.startsWith("/masuk")),
        page.click('button[type="submit"]'),
      ]);
      await page.goto(`${site}/surat/${letterId}`);
      await page.locator("[data-signed-pdf]").scrollIntoViewIfNeeded();
      await screenshot(page, "letter-detail-signed-pdf-link-desktop");
      await page.close();
    } finally {
      await browser.close();
    }
  });
});

describe("a PDF from a certificate revoked after signing", () => {
  it("stays authentic, marked revoked with its date", async () => {
    const signer = await userId(p.runtime, "penandatangan");
    const current = await signerCertificateRepo(p.runtime.store).current(signer);
    expect(current).toBeTruthy();
    const later = { ...p.runtime.services, clock: fixedClock("2024-11-01T00:00:00.000Z") };
    expect(await revokeSignerCertificate(later, current!.id)).toBe(true);
    const check = await apiCheck(otherPdf, otherId);
    expect(check.verdict).toBe("authentic");
    if (check.verdict !== "authentic") throw new Error("not authentic");
    expect(check.certificate).toMatchObject({ status: "revoked", revokedAt: "2024-11-01T00:00:00.000Z" });
    expect(check.message).toContain("dicabut");
    const r = await pageCheck(otherId, otherPdf);
    expect(r.html).toContain('data-certificate-status="revoked"');
  });
});

describe("a withdrawn letter's PDF", () => {
  it("is genuine but says dicabut on the API, the page and the CLI, and is no longer served", async () => {
    const ttd = { id: await userId(p.runtime, "penandatangan"), role: "penandatangan" as const };
    await transitionLetter(p.runtime.services, ttd, letterId, { action: "withdraw", reason: "Diganti surat baru" });
    const check = await apiCheck(pdf);
    expect(check).toMatchObject({ verdict: "revoked", format: "pdf" });
    expect(check.message).toContain("DICABUT");
    const r = await pageCheck(letterId, pdf);
    expect(r.html).toContain('data-letter-status="dicabut"');
    expect(r.html).not.toContain(`/v/${letterId}/dokumen.pdf`);
    const c = await cli(pdf, site);
    expect(c.code).toBe(3);
    expect(c.out).toMatch(/Status surat\s+: DICABUT/);
    expect((await p.runtime.app.request(`http://localhost:8787/v/${letterId}/dokumen.pdf`)).status).toBe(410);
  });
});

describe("a letter PDF signed through the BSrE stand-in", () => {
  let bsre: BsreServer;
  let bsreId = "";
  let bsrePdf: Uint8Array;
  const USER = {
    nik: "1771010101700001",
    name: "Dedy Wahyudi",
    jabatan: "Wali Kota Bengkulu",
    status: "ISSUE" as const,
    passphrase: "passphrase-bsre",
  };

  beforeAll(async () => {
    bsre = await makeBsreServer([USER]);
    const client = bsreClient({
      baseUrl: bsre.url,
      username: bsre.username,
      password: bsre.password,
      timeoutMs: 10_000,
    });
    const { bytes } = await renderEdaranPdf(makeSampleInput(), { nomorText: "800/1/BSRE/2024" });
    bsrePdf = await bsrePdfSigning(client).sign(bytes, {
      userId: "u-bsre",
      nik: USER.nik,
      credential: { kind: "passphrase", passphrase: USER.passphrase },
    });
    // The letter's stored signed PDF is BSrE's, as the sign step stores it on an instance that signs through BSrE.
    bsreId = (await sentLetter(p.runtime, makeTestInput())).letterId;
    const sha256 = await sha256Hex(bsrePdf);
    const key = `letters/${bsreId}/signed-${sha256}.pdf`;
    await p.runtime.services.blobs.put(key, bsrePdf, "application/pdf");
    await p.runtime.store.db
      .updateTable("documents")
      .set({ sha256, storage_key: key, size: bsrePdf.byteLength })
      .where("letter_id", "=", bsreId)
      .where("kind", "=", "signed_pdf")
      .execute();
  });
  afterAll(async () => {
    p.runtime.services.bsreRoots = undefined;
    await bsre?.close();
  });

  it("is refused as untrusted while BSrE's root is not configured", async () => {
    p.runtime.services.bsreRoots = undefined;
    const check = await apiCheck(bsrePdf);
    expect(check).toMatchObject({ verdict: "mismatch", pdf: "untrusted" });
    expect(check.message).toContain("tidak diterbitkan oleh otoritas yang dipercaya");
    expect((await pageCheck(bsreId, bsrePdf)).html).toContain('data-verdict="tidak-cocok"');
  });

  it("verifies with BSrE's root configured, naming the BSrE certificate's holder, offline too", async () => {
    p.runtime.services.bsreRoots = certificatesFromPem(bsre.rootPem);
    expect(p.runtime.services.bsreRoots.length).toBe(1);
    const check = await apiCheck(bsrePdf);
    expect(check).toMatchObject({ verdict: "authentic", letter: { letterId: bsreId } });
    if (check.verdict !== "authentic") throw new Error("not authentic");
    expect(check.certificate).toMatchObject({ name: USER.name, jabatan: USER.jabatan, status: "trusted" });
    const r = await pageCheck(bsreId, bsrePdf);
    expect(r.html).toContain(`data-certificate-signer="${USER.name}"`);
    // The published key set now carries BSrE's root beside the local CA's.
    const keys = await (await fetch(`${site}/.well-known/edaran-keys.json`)).json();
    const roots: string[] = keys.pdfRoots;
    expect(roots.map((r) => base64ToBytes(r).length)).toContain(p.runtime.services.bsreRoots[0]!.length);
    const c = await cli(bsrePdf, site);
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/Penanda tangan\s+: Dedy Wahyudi/);
  });
});
