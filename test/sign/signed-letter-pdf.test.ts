// The sign step's PDF: the letter rendered by edaran and signed with the penandatangan's own certificate from the
// local CA, its signature widget on the TTE box. pdfsig calls it valid and whole; our verifier names the signer
// from his certificate; one changed byte is refused by both; a wrong passphrase signs nothing.
import QR from "qrcode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueSignerCertificate } from "../../src/sign/local-ca/issue-signer-certificate.js";
import { localCaTrust } from "../../src/sign/local-ca/local-ca-trust.js";
import { localPdfSigning } from "../../src/sign/local-ca/local-signer.js";
import { verifyPdfSignatures } from "../../src/sign/pades/verify-pdf-signatures.js";
import { signLetterPdf } from "../../src/sign/signed-letter-pdf.js";
import { makeLocalCaFixture, SIGNER } from "../support/local-ca-fixture.js";
import { pdfsig } from "../support/pdfsig.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

let fx: Awaited<ReturnType<typeof makeLocalCaFixture>>;
beforeEach(async () => {
  fx = await makeLocalCaFixture();
});
afterEach(async () => {
  await fx.close();
});

const PASSPHRASE = "rahasia-tanda-tangan-123";

async function signedSample(passphrase = PASSPHRASE) {
  const verifyUrl = "https://edaran.example/v/abc";
  const qrPng = new Uint8Array(await QR.toBuffer(verifyUrl, { type: "png", margin: 1 }));
  return signLetterPdf(
    localPdfSigning(fx.deps),
    makeSampleInput(),
    {
      nomorText: "800/2185/BKPSDM.II/2024",
      signature: { qrPng, signedAtText: "2 Oktober 2024 pukul 14.05 WIB", verifyUrl, keyId: "key-1" },
    },
    { userId: SIGNER.userId, credential: { kind: "passphrase", passphrase }, reason: "Surat Edaran" },
  );
}

describe("the letter's signed PDF", () => {
  it("is valid and wholly signed by his own certificate, the widget on the TTE box, and a changed byte breaks it", async () => {
    await issueSignerCertificate(fx.deps, SIGNER, PASSPHRASE);
    const { bytes, sha256 } = await signedSample();
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);

    const report = await pdfsig(bytes);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Total document signed");

    const trust = await localCaTrust(fx.deps);
    const [sig] = await verifyPdfSignatures(bytes, trust);
    expect(sig).toMatchObject({ intact: true, coversWholeFile: true, certificateStatus: "trusted" });
    expect(sig?.signerName).toContain("Arif Gunadi");
    expect(sig?.jabatan).toBe(SIGNER.jabatan);

    const tampered = bytes.slice();
    const at = bytes.indexOf(0x2f, Math.floor(bytes.length / 3)); // a "/" of some object, inside the signed range
    tampered[at] = 0x2e;
    expect(await pdfsig(tampered)).not.toContain("Signature is Valid.");
    expect((await verifyPdfSignatures(tampered, trust))[0]?.intact).toBe(false);
  });

  it("signs nothing with a wrong passphrase", async () => {
    await issueSignerCertificate(fx.deps, SIGNER, PASSPHRASE);
    await expect(signedSample("bukan-passphrase-nya")).rejects.toMatchObject({ code: "signing_passphrase_wrong" });
  });
});
