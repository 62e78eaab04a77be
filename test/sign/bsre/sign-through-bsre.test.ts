// An instance configured with BSRE_URL (real Node app, real SQLite) signs through the Pemda's esign client: the
// stand-in (test/support/bsre-server.ts) speaks BSrE's v2 contract and signs for real with its RSA CA. The
// signer's NIK comes from his account; his BSrE passphrase or TOTP is the only confirmation (no local
// passphrase was ever set here). Every refusal and outage leaves the letter approved, and the credential is
// in no audit row, no log line and nowhere in the database file.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fixedClock } from "../../../src/domain/clock.js";
import { bsreTrust } from "../../../src/sign/bsre/bsre-trust.js";
import { verifyPdfSignatures } from "../../../src/sign/pades/verify-pdf-signatures.js";
import { type ApiFixture, letterAt, makeApiFixture } from "../../support/api-fixture.js";
import { type BsreServer, type BsreUser, makeBsreServer } from "../../support/bsre-server.js";
import { pdfsig } from "../../support/pdfsig.js";

const WALIKOTA: BsreUser = {
  nik: "1771010101700001",
  name: "Arif Gunadi",
  jabatan: "Penjabat Wali Kota Bengkulu",
  status: "ISSUE",
  passphrase: "passphrase-bsre-rahasia",
  totp: "246810",
};
const UNREGISTERED_NIK = "1771010101700002";
const NO_CERT: BsreUser = { ...WALIKOTA, nik: "1771010101700003", status: "NO_CERTIFICATE" };
const SECRETS = [WALIKOTA.passphrase, WALIKOTA.totp!, "salah-sekali-123", "135790"];

let server: BsreServer;
let fx: ApiFixture;
// Each failure counts against the signer's limit (5 in 15 minutes); tests move past the window between them.
const clock = fixedClock(new Date());
const logged: string[] = [];

beforeAll(async () => {
  server = await makeBsreServer([WALIKOTA, NO_CERT]);
  fx = await makeApiFixture({
    clock,
    env: {
      BSRE_URL: server.url,
      BSRE_USERNAME: server.username,
      BSRE_PASSWORD: server.password,
      BSRE_TIMEOUT_MS: "1000",
      BSRE_ROOTS_PEM: server.rootPem,
    },
    // The request records (with any error the app logged) are captured like the console.
    logger: { line: (record) => logged.push(JSON.stringify(record)) },
  });
});
afterAll(async () => {
  await fx?.close();
  await server?.close();
});
beforeEach(async () => {
  clock.advance(16 * 60_000);
  for (const level of ["log", "error", "warn", "info"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "));
    });
  await setNik(WALIKOTA.nik);
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function setNik(nik: string | null) {
  const id = await fx.userId("penandatangan");
  await fx.json("PUT", `/api/signers/${id}`, 200, {
    as: "admin",
    body: { name: "Arif Gunadi", jabatan: "Penjabat Wali Kota Bengkulu", ...(nik ? { nik } : {}) },
  });
}

const sign = (id: string, credential: { passphrase: string } | { totp: string }) =>
  fx.call("POST", `/api/letters/${id}/transitions`, { as: "penandatangan", body: { action: "sign", ...credential } });

async function errorOf(res: Response): Promise<{ code: string; message: string; issues?: { path: string }[] }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

async function statusOf(id: string): Promise<string> {
  const row = await fx.rt.store.db
    .selectFrom("letters")
    .select("status")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.status;
}

async function refusalReasons(letterId: string): Promise<unknown[]> {
  const rows = await fx.rt.store.db
    .selectFrom("audit_log")
    .select("data_json")
    .where("action", "=", "letter.sign_refused")
    .where("letter_id", "=", letterId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => JSON.parse(r.data_json).reason);
}

async function signedPdf(id: string): Promise<Uint8Array> {
  const res = await fx.call("GET", `/api/letters/${id}/signed.pdf`, { as: "sekretariat" });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function expectValidBsrePdf(id: string) {
  const pdf = await signedPdf(id);
  const report = await pdfsig(pdf);
  expect(report).toContain("Signature Validation: Signature is Valid.");
  expect(report).toContain("Total document signed");
  expect(report).toContain("Arif Gunadi");
  const roots = fx.rt.services.bsreRoots;
  expect(roots?.length).toBe(1);
  const [sig] = await verifyPdfSignatures(pdf, bsreTrust(server.rootPem, new Date()));
  expect(sig).toMatchObject({ intact: true, coversWholeFile: true, certificateStatus: "trusted" });
  expect(sig?.signerName).toContain("Arif Gunadi");
  const [viaServices] = await verifyPdfSignatures(pdf, { roots: roots ?? [], now: new Date() });
  expect(viaServices?.certificateStatus).toBe("trusted");
}

describe("signing through BSrE", () => {
  it("signs with the BSrE passphrase and the NIK of his account: pdfsig calls the PDF valid", async () => {
    const letter = await letterAt(fx, "approved");
    const before = server.requests.length;
    const res = await sign(letter.id, { passphrase: WALIKOTA.passphrase });
    expect(res.status).toBe(200);
    expect(await statusOf(letter.id)).toBe("signed");
    const calls = server.requests.slice(before);
    expect(calls.map((r) => r.path)).toEqual(["/api/v2/user/check/status", "/api/v2/sign/pdf"]);
    expect(calls[1]?.body).toMatchObject({ nik: WALIKOTA.nik, passphrase: WALIKOTA.passphrase });
    expect(calls[1]?.body.totp).toBeUndefined();
    // The visible TTE box the PDF drew is where BSrE is asked to put its signature.
    expect(calls[1]?.body.signatureProperties).toEqual([
      expect.objectContaining({ tampilan: "VISIBLE", page: expect.any(Number), width: expect.any(Number) }),
    ]);
    await expectValidBsrePdf(letter.id);
    // The DOCX is signed as before.
    expect((await fx.call("GET", `/api/letters/${letter.id}/signed.docx`, { as: "sekretariat" })).status).toBe(200);
  });

  it("signs with a TOTP code instead", async () => {
    const letter = await letterAt(fx, "approved");
    const before = server.requests.length;
    expect((await sign(letter.id, { totp: WALIKOTA.totp! })).status).toBe(200);
    const signCall = server.requests.slice(before).find((r) => r.path === "/api/v2/sign/pdf");
    expect(signCall?.body).toMatchObject({ nik: WALIKOTA.nik, totp: WALIKOTA.totp });
    expect(signCall?.body.passphrase).toBeUndefined();
    await expectValidBsrePdf(letter.id);
  });

  it("refuses a wrong passphrase or TOTP (BSrE 2031): audited without it, the letter stays approved", async () => {
    const letter = await letterAt(fx, "approved");
    const wrong = await sign(letter.id, { passphrase: "salah-sekali-123" });
    expect(wrong.status).toBe(400);
    const err = await errorOf(wrong);
    expect(err.code).toBe("bsre_credential_wrong");
    expect(err.message).toContain("Passphrase BSrE salah");
    expect(err.issues?.map((i) => i.path)).toEqual(["passphrase"]);
    const wrongTotp = await sign(letter.id, { totp: "135790" });
    expect((await errorOf(wrongTotp)).issues?.map((i) => i.path)).toEqual(["totp"]);
    expect(await statusOf(letter.id)).toBe("approved");
    expect(await refusalReasons(letter.id)).toEqual(["bsre_credential_wrong", "bsre_credential_wrong"]);
    // No signed document was recorded for it.
    const docs = await fx.rt.store.db
      .selectFrom("documents")
      .select("kind")
      .where("letter_id", "=", letter.id)
      .execute();
    expect(docs.map((d) => d.kind)).not.toContain("signed_pdf");
    // And it can still be signed with the right one.
    expect((await sign(letter.id, { passphrase: WALIKOTA.passphrase })).status).toBe(200);
  });

  it("rate-limits wrong credentials per signer as the local passphrase is: after 5, even the right one waits", async () => {
    const letter = await letterAt(fx, "approved");
    for (let i = 0; i < 5; i++) expect((await sign(letter.id, { passphrase: `salah-${i}` })).status).toBe(400);
    const limited = await sign(letter.id, { passphrase: WALIKOTA.passphrase });
    expect(limited.status).toBe(429);
    expect(await statusOf(letter.id)).toBe("approved");
  });

  it("names what to fix for a NIK not filled in, not registered at BSrE, or without a certificate", async () => {
    const letter = await letterAt(fx, "approved");
    await setNik(null);
    const noNik = await sign(letter.id, { passphrase: WALIKOTA.passphrase });
    expect(noNik.status).toBe(409);
    const noNikErr = await errorOf(noNik);
    expect(noNikErr.code).toBe("signer_nik_missing");
    expect(noNikErr.message).toContain("NIK Arif Gunadi belum diisi di akun penandatangan");

    await setNik(UNREGISTERED_NIK);
    const unregistered = await sign(letter.id, { passphrase: WALIKOTA.passphrase });
    expect(unregistered.status).toBe(409);
    const unregisteredErr = await errorOf(unregistered);
    expect(unregisteredErr.code).toBe("bsre_not_registered");
    expect(unregisteredErr.message).toContain("belum terdaftar di BSrE");
    expect(unregisteredErr.message).toContain("periksa NIK di halaman Akun penandatangan");

    clock.advance(16 * 60_000);
    await setNik(NO_CERT.nik);
    const noCert = await sign(letter.id, { passphrase: WALIKOTA.passphrase });
    expect(noCert.status).toBe(409);
    const noCertErr = await errorOf(noCert);
    expect(noCertErr.code).toBe("bsre_no_certificate");
    expect(noCertErr.message).toContain("belum memiliki sertifikat elektronik BSrE yang aktif");

    expect(await statusOf(letter.id)).toBe("approved");
    expect(await refusalReasons(letter.id)).toEqual(["nik_missing", "bsre_not_registered", "bsre_no_certificate"]);
  });

  it("answers a BSrE 5xx and a BSrE that never answers with a 5xx of ours; the letter stays approved", async () => {
    const letter = await letterAt(fx, "approved");
    server.inject({ kind: "5xx", status: 503 });
    const down = await sign(letter.id, { passphrase: WALIKOTA.passphrase });
    expect(down.status).toBe(502);
    expect((await errorOf(down)).code).toBe("bsre_unavailable");

    server.inject({ kind: "hang" });
    const hung = await sign(letter.id, { passphrase: WALIKOTA.passphrase });
    expect(hung.status).toBe(504);
    const hungErr = await errorOf(hung);
    expect(hungErr.code).toBe("bsre_timeout");
    expect(hungErr.message).toContain("tidak menjawab dalam 1 detik");

    expect(await statusOf(letter.id)).toBe("approved");
    // An outage is not the signer's refusal: nothing to audit, and BSrE answers again afterwards.
    expect(await refusalReasons(letter.id)).toEqual([]);
    expect((await sign(letter.id, { passphrase: WALIKOTA.passphrase })).status).toBe(200);
  });

  it("stores and logs none of the credentials the signer typed", async () => {
    const rows = await fx.rt.store.db.selectFrom("audit_log").select("data_json").execute();
    const audit = rows.map((r) => r.data_json).join("\n");
    expect(audit).toContain("bsre_credential_wrong");
    const files = readdirSync(fx.dir).filter((f) => f.startsWith("edaran.sqlite"));
    const database = files.map((f) => readFileSync(join(fx.dir, f)).toString("latin1")).join("");
    const lines = logged.join("\n");
    // The 5xx test logged its errors: the capture works.
    expect(lines).toContain("bsre");
    for (const secret of SECRETS) {
      expect(audit).not.toContain(secret);
      expect(database).not.toContain(secret);
      expect(lines).not.toContain(secret);
    }
  });
});
