import { afterEach, describe, expect, it } from "vitest";
import { bsreClient } from "../../../src/sign/bsre/bsre-client.js";
import { bsreConfigFromEnv } from "../../../src/sign/bsre/bsre-config.js";
import { bsrePdfSigning } from "../../../src/sign/bsre/bsre-pdf-signing.js";
import { bsreTrust } from "../../../src/sign/bsre/bsre-trust.js";
import type { PdfSignRequest } from "../../../src/sign/pades/pdf-signer-port.js";
import { verifyPdfSignatures } from "../../../src/sign/pades/verify-pdf-signatures.js";
import { type BsreServer, type BsreUser, makeBsreServer } from "../../support/bsre-server.js";
import { makePdfkitPdf } from "../../support/pdf-fixture.js";
import { pdfsig } from "../../support/pdfsig.js";

let server: BsreServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const WALIKOTA: BsreUser = {
  nik: "1771010101700001",
  name: "Arif Gunadi",
  jabatan: "Wali Kota Bengkulu",
  status: "ISSUE",
  passphrase: "passphrase-bsre",
  totp: "246810",
};

async function start(users = [WALIKOTA], credentials?: { username: string; password: string }, timeoutMs = 10_000) {
  server = await makeBsreServer(users);
  const client = bsreClient({
    baseUrl: server.url,
    username: credentials?.username ?? server.username,
    password: credentials?.password ?? server.password,
    timeoutMs,
  });
  return { server, client, signing: bsrePdfSigning(client) };
}

const request: PdfSignRequest = {
  userId: "u-walikota",
  nik: WALIKOTA.nik,
  credential: { kind: "passphrase", passphrase: WALIKOTA.passphrase },
  widget: { page: 1, rect: [320, 120, 560, 220] },
};

describe("the BSrE adapter against the esign client stand-in", () => {
  it("checks the status, then signs; pdfsig and verifyPdfSignatures with the BSrE roots call it valid", async () => {
    const { server, signing } = await start();
    const signed = await signing.sign(await makePdfkitPdf(), request);

    expect(server.requests.map((r) => [r.path, r.status])).toEqual([
      ["/api/v2/user/check/status", 200],
      ["/api/v2/sign/pdf", 200],
    ]);
    expect(server.requests[1]?.body.signatureProperties).toEqual([
      { tampilan: "VISIBLE", page: 2, originX: 320, originY: 120, width: 240, height: 100 },
    ]);
    const report = await pdfsig(signed);
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    const [sig] = await verifyPdfSignatures(signed, bsreTrust(server.rootPem, new Date()));
    expect(sig).toMatchObject({ signerName: "Arif Gunadi", certificateStatus: "trusted", intact: true });
  });

  it("signs with a TOTP too", async () => {
    const { signing } = await start();
    const signed = await signing.sign(await makePdfkitPdf(), {
      ...request,
      credential: { kind: "totp", totp: "246810" },
    });
    expect(await pdfsig(signed)).toContain("Signature is Valid.");
  });

  it("asks BSrE's own verify endpoint, which refuses a copy with a changed byte", async () => {
    const { client, signing } = await start();
    const signed = await signing.sign(await makePdfkitPdf(), request);
    expect(await client.verifyPdf(signed)).toMatchObject({ conclusion: "VALID", signatureCount: 1 });
    const changed = signed.slice();
    changed[300] = changed[300]! ^ 1;
    expect(await client.verifyPdf(changed)).toMatchObject({ conclusion: "INVALID" });
  });

  it("refuses a wrong passphrase", async () => {
    const { signing } = await start();
    const wrong = { ...request, credential: { kind: "passphrase", passphrase: "salah" } as const };
    await expect(signing.sign(await makePdfkitPdf(), wrong)).rejects.toMatchObject({
      code: "bsre_credential_wrong",
      message: "Passphrase atau kode TOTP BSrE salah",
    });
  });

  it("stops at the status check for a NIK that is not registered or has no certificate", async () => {
    const { server, signing } = await start([
      WALIKOTA,
      { ...WALIKOTA, nik: "1771010101700002", status: "NO_CERTIFICATE" },
    ]);
    await expect(signing.sign(await makePdfkitPdf(), { ...request, nik: "1771999999999999" })).rejects.toMatchObject({
      code: "bsre_not_registered",
    });
    await expect(signing.sign(await makePdfkitPdf(), { ...request, nik: "1771010101700002" })).rejects.toMatchObject({
      code: "bsre_no_certificate",
    });
    expect(server.requests.map((r) => r.path)).not.toContain("/api/v2/sign/pdf");
  });

  it("says the instance's esign client account was refused on a 401", async () => {
    const { signing } = await start([WALIKOTA], { username: "esign-pemda", password: "keliru" });
    await expect(signing.sign(await makePdfkitPdf(), request)).rejects.toMatchObject({
      code: "bsre_rejected_client",
      status: 502,
    });
  });

  it("maps a 5xx to bsre_unavailable and no answer to bsre_timeout", async () => {
    const { server, signing } = await start([WALIKOTA], undefined, 300);
    server.inject({ kind: "5xx", status: 503 });
    await expect(signing.sign(await makePdfkitPdf(), request)).rejects.toMatchObject({ code: "bsre_unavailable" });
    server.inject({ kind: "hang" });
    await expect(signing.sign(await makePdfkitPdf(), request)).rejects.toMatchObject({
      code: "bsre_timeout",
      status: 504,
    });
  });

  it("refuses to sign without a NIK", async () => {
    const { server, signing } = await start();
    const { nik: _, ...withoutNik } = request;
    await expect(signing.sign(await makePdfkitPdf(), withoutNik)).rejects.toMatchObject({ code: "validation_failed" });
    expect(server.requests).toEqual([]);
  });
});

describe("bsreConfigFromEnv", () => {
  it("is null without BSRE_URL, refuses a half-filled set, and defaults the timeout", () => {
    expect(bsreConfigFromEnv({})).toBeNull();
    expect(() => bsreConfigFromEnv({ BSRE_URL: "https://esign.example.go.id" })).toThrow();
    expect(
      bsreConfigFromEnv({ BSRE_URL: "https://esign.example.go.id/", BSRE_USERNAME: "u", BSRE_PASSWORD: "p" }),
    ).toEqual({ baseUrl: "https://esign.example.go.id", username: "u", password: "p", timeoutMs: 30_000 });
  });
});
