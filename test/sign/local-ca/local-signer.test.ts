import { stat } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import {
  issueSignerCertificate,
  revokeSignerCertificate,
} from "../../../src/sign/local-ca/issue-signer-certificate.js";
import { currentCa } from "../../../src/sign/local-ca/local-ca.js";
import { localCaTrust } from "../../../src/sign/local-ca/local-ca-trust.js";
import { localPdfSigning, localSigner } from "../../../src/sign/local-ca/local-signer.js";
import { verifyPdfSignatures } from "../../../src/sign/pades/verify-pdf-signatures.js";
import { makeLocalCaFixture, SIGNER } from "../../support/local-ca-fixture.js";
import { makePdfkitPdf } from "../../support/pdf-fixture.js";
import { pdfsig } from "../../support/pdfsig.js";

let fixture: Awaited<ReturnType<typeof makeLocalCaFixture>> | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const PASS = "kata sandi tanda tangan";
const widget = { page: 0, rect: [320, 120, 560, 220] } as const;
const request = { userId: SIGNER.userId, credential: { kind: "passphrase", passphrase: PASS } as const, widget };

describe("the local CA adapter", () => {
  it("issues a certificate with the signer's name, jabatan, NIP and Pemda; pdfsig calls his letter valid", async () => {
    fixture = await makeLocalCaFixture();
    await issueSignerCertificate(fixture.deps, SIGNER, PASS);
    const signed = await localPdfSigning(fixture.deps).sign(await makePdfkitPdf(), request);

    const report = await pdfsig(signed);
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    expect(report).toContain(`Signer Certificate Common Name: ${SIGNER.name}`);
    expect(report).toMatch(/serialNumber=197001011990031001/);

    const [sig] = await verifyPdfSignatures(signed, await localCaTrust(fixture.deps));
    expect(sig).toMatchObject({
      signerName: SIGNER.name,
      jabatan: SIGNER.jabatan,
      nip: SIGNER.nip,
      organization: SIGNER.pemda,
      certificateStatus: "trusted",
      coversWholeFile: true,
      intact: true,
      signedAt: "2024-05-01T02:00:00.000Z",
    });
  });

  it("creates the CA key file once, owner-only, and keeps one CA certificate for it", async () => {
    fixture = await makeLocalCaFixture();
    const first = await currentCa(fixture.deps);
    const again = await currentCa(fixture.deps);
    expect(again.certificate).toEqual(first.certificate);
    expect((await stat(fixture.caKeyPath)).mode & 0o777).toBe(0o600);
    const rows = await fixture.deps.store.db.selectFrom("local_ca_certificates").selectAll().execute();
    expect(rows.map((r) => r.id)).toEqual([first.id]);
  });

  it("keeps the private key only encrypted, and refuses a wrong passphrase with a typed error", async () => {
    fixture = await makeLocalCaFixture();
    await issueSignerCertificate(fixture.deps, SIGNER, PASS);
    const row = await fixture.deps.store.db.selectFrom("signer_certificates").selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(JSON.parse(row.encrypted_key)).sort()).toEqual([
      "ciphertext",
      "iterations",
      "iv",
      "kdf",
      "salt",
      "v",
    ]);
    await expect(localSigner(fixture.deps, SIGNER.userId, "salah")).rejects.toMatchObject({
      code: "signing_passphrase_wrong",
      message: "Passphrase penandatanganan salah",
    });
  });

  it("refuses a TOTP and a signer without a certificate", async () => {
    fixture = await makeLocalCaFixture();
    const signing = localPdfSigning(fixture.deps);
    const pdf = await makePdfkitPdf(1);
    await expect(signing.sign(pdf, request)).rejects.toMatchObject({ code: "signer_certificate_missing" });
    await issueSignerCertificate(fixture.deps, SIGNER, PASS);
    const totp = signing.sign(pdf, { ...request, credential: { kind: "totp", totp: "123456" } });
    await expect(totp).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("rotates: the new certificate signs, a letter signed with the old one stays trusted", async () => {
    fixture = await makeLocalCaFixture();
    const old = await issueSignerCertificate(fixture.deps, SIGNER, PASS);
    const signing = localPdfSigning(fixture.deps);
    const before = await signing.sign(await makePdfkitPdf(1), request);
    fixture.clock.advance(86_400_000);
    const next = await issueSignerCertificate(fixture.deps, { ...SIGNER, jabatan: "Plt. Wali Kota Bengkulu" }, "baru");
    expect(next.id).not.toBe(old.id);
    const after = await signing.sign(await makePdfkitPdf(1), {
      ...request,
      credential: { kind: "passphrase", passphrase: "baru" },
    });

    const trust = await localCaTrust(fixture.deps);
    const [b] = await verifyPdfSignatures(before, trust);
    const [a] = await verifyPdfSignatures(after, trust);
    expect(b).toMatchObject({ certificateSerial: old.id, certificateStatus: "trusted", intact: true });
    expect(a).toMatchObject({
      certificateSerial: next.id,
      jabatan: "Plt. Wali Kota Bengkulu",
      certificateStatus: "trusted",
    });
  });

  it("shows a letter signed with a revoked certificate as revoked, still intact; the certificate signs no more", async () => {
    fixture = await makeLocalCaFixture();
    const issued = await issueSignerCertificate(fixture.deps, SIGNER, PASS);
    const signed = await localPdfSigning(fixture.deps).sign(await makePdfkitPdf(1), request);
    fixture.clock.advance(60_000);
    expect(await revokeSignerCertificate(fixture.deps, issued.id)).toBe(true);
    expect(await revokeSignerCertificate(fixture.deps, issued.id)).toBe(false);

    const [sig] = await verifyPdfSignatures(signed, await localCaTrust(fixture.deps));
    expect(sig).toMatchObject({ certificateStatus: "revoked", revokedAt: "2024-05-01T02:01:00.000Z", intact: true });
    await expect(localSigner(fixture.deps, SIGNER.userId, PASS)).rejects.toMatchObject({
      code: "signer_certificate_missing",
    });
  });

  it("refuses a letter with one changed byte, as pdfsig does", async () => {
    fixture = await makeLocalCaFixture();
    await issueSignerCertificate(fixture.deps, SIGNER, PASS);
    const signed = await localPdfSigning(fixture.deps).sign(await makePdfkitPdf(), request);
    const changed = signed.slice();
    changed[400] = changed[400]! ^ 0x01;
    const [sig] = await verifyPdfSignatures(changed, await localCaTrust(fixture.deps));
    expect(sig?.intact).toBe(false);
    expect(await pdfsig(changed)).toContain("Signature Validation: Digest Mismatch.");
  });
});
