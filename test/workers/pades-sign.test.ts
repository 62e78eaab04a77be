// PAdES inside workerd: pdf-lib, pkijs and WebCrypto (P-256, PBKDF2, AES-GCM) must all work on Workers, with the
// local CA's key from a secret and its certificates in D1.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { keySecretSource } from "../../src/sign/key-secret.js";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { issueSignerCertificate } from "../../src/sign/local-ca/issue-signer-certificate.js";
import { localCaTrust } from "../../src/sign/local-ca/local-ca-trust.js";
import { localPdfSigning } from "../../src/sign/local-ca/local-signer.js";
import { verifyPdfSignatures } from "../../src/sign/pades/verify-pdf-signatures.js";
import { openD1Store } from "../../src/store/d1-store.js";
import { makePdfLibPdf } from "../support/pdf-lib-pdf.js";

describe("PAdES signing inside workerd", () => {
  it("issues a certificate from a CA key in a secret, signs a PDF, verifies it; a changed byte fails", async () => {
    const store = openD1Store(env.DB);
    const clock = fixedClock("2024-05-01T02:00:00.000Z");
    const caJwk = (await generateSigningKeyPair("ECDSA-P256")).privateJwk;
    const deps = { store, clock, caKey: keySecretSource(JSON.stringify(caJwk)), kdfIterations: 1000 };
    await store.db
      .insertInto("users")
      .values({
        id: "u-pades-workerd",
        username: "pades-workerd",
        display_name: "Arif Gunadi",
        role: "penandatangan",
        password_hash: "x",
        created_at: "2024-01-01T00:00:00.000Z",
      })
      .execute();
    const signer = { userId: "u-pades-workerd", name: "Arif Gunadi", jabatan: "Wali Kota", pemda: "Kota Uji" };
    await issueSignerCertificate(deps, signer, "rahasia");

    const signed = await localPdfSigning(deps).sign(await makePdfLibPdf(), {
      userId: signer.userId,
      credential: { kind: "passphrase", passphrase: "rahasia" },
      widget: { page: 1, rect: [300, 100, 550, 200] },
    });
    const trust = await localCaTrust(deps);
    const [sig] = await verifyPdfSignatures(signed, trust);
    expect(sig).toMatchObject({ signerName: "Arif Gunadi", certificateStatus: "trusted", intact: true });

    const changed = signed.slice();
    changed[120] = changed[120]! ^ 1;
    const [bad] = await verifyPdfSignatures(changed, trust);
    expect(bad?.intact).toBe(false);
  });
});
