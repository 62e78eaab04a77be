// Signing in the app (Node runtime, its local CA in a 0600 key file under DATA_DIR) stores, beside the signed DOCX,
// the letter as a PDF PAdES-signed with the signer's own certificate: pdfsig calls it valid and whole, our
// verifier names him and his jabatan from the certificate, and GET /api/letters/:id/signed.pdf serves it to
// who may see the letter. A changed byte is refused by both.
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCaTrust } from "../../src/sign/local-ca/local-ca-trust.js";
import { verifyPdfSignatures } from "../../src/sign/pades/verify-pdf-signatures.js";
import { type ApiFixture, letterAt, makeApiFixture } from "../support/api-fixture.js";
import { pdfsig } from "../support/pdfsig.js";
import { SIGNING_PASSPHRASE } from "../support/signer-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

describe("a letter signed in the app", () => {
  it("has a signed PDF from the signer's own certificate that pdfsig and the verifier accept", async () => {
    const letter = await letterAt(fx, "signed");
    const res = await fx.call("GET", `/api/letters/${letter.id}/signed.pdf`, { as: "sekretariat" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/\.pdf"$/);
    const pdf = new Uint8Array(await res.arrayBuffer());

    const report = await pdfsig(pdf);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Total document signed");
    const [sig] = await verifyPdfSignatures(pdf, await localCaTrust(fx.rt.services));
    expect(sig).toMatchObject({ intact: true, coversWholeFile: true, certificateStatus: "trusted" });
    expect(sig?.signerName).toContain("Arif Gunadi");
    expect(sig?.jabatan).toBe("Penjabat Wali Kota Bengkulu");

    const tampered = pdf.slice();
    const at = pdf.indexOf(0x2f, Math.floor(pdf.length / 3));
    tampered[at] = 0x2e;
    expect(await pdfsig(tampered)).not.toContain("Signature is Valid.");
    expect((await verifyPdfSignatures(tampered, await localCaTrust(fx.rt.services)))[0]?.intact).toBe(false);

    // The CA key was made at first signing, readable by the server's user only.
    expect(statSync(join(fx.dir, "keys", "ca-key.json")).mode & 0o777).toBe(0o600);
  });

  it("re-issues his certificate when his passphrase changed since, and the old one stays verifiable", async () => {
    const first = await letterAt(fx, "signed");
    const pdfOf = async (id: string) =>
      new Uint8Array(
        await (await fx.call("GET", `/api/letters/${id}/signed.pdf`, { as: "sekretariat" })).arrayBuffer(),
      );
    const before = await pdfOf(first.id);
    const signerId = await fx.userId("penandatangan");
    const changed = "frasa-sandi-ttd-baru-456";
    await fx.json("PUT", `/api/signers/${signerId}/passphrase`, 200, {
      as: "penandatangan",
      body: { passphrase: changed, currentPassphrase: SIGNING_PASSPHRASE },
    });
    const next = await letterAt(fx, "approved");
    await fx.json("POST", `/api/letters/${next.id}/transitions`, 200, {
      as: "penandatangan",
      body: { action: "sign", passphrase: changed },
    });
    const after = await pdfOf(next.id);
    expect(await pdfsig(after)).toContain("Signature is Valid.");
    const trust = await localCaTrust(fx.rt.services);
    const [oldSig] = await verifyPdfSignatures(before, trust);
    const [newSig] = await verifyPdfSignatures(after, trust);
    expect(newSig).toMatchObject({ intact: true, certificateStatus: "trusted" });
    expect(oldSig).toMatchObject({ intact: true, certificateStatus: "trusted" });
    expect(newSig?.certificateSerial).not.toBe(oldSig?.certificateSerial);
    // Back to the fixture's passphrase for the tests after this one.
    await fx.json("PUT", `/api/signers/${signerId}/passphrase`, 200, {
      as: "penandatangan",
      body: { passphrase: SIGNING_PASSPHRASE, currentPassphrase: changed },
    });
  });

  it("serves the signed PDF to nobody signed out, and answers 404 for a letter not signed", async () => {
    const signed = await letterAt(fx, "signed");
    expect((await fx.call("GET", `/api/letters/${signed.id}/signed.pdf`)).status).toBe(401);
    const approved = await letterAt(fx, "approved");
    expect((await fx.call("GET", `/api/letters/${approved.id}/signed.pdf`, { as: "sekretariat" })).status).toBe(404);
  });
});
