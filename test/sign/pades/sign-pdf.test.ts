import { PDFDocument } from "pdf-lib";
import * as pkijs from "pkijs";
import { describe, expect, it } from "vitest";
import { findSignatures } from "../../../src/sign/pades/byte-range.js";
import { signPdf } from "../../../src/sign/pades/sign-pdf.js";
import { verifyPdfSignatures } from "../../../src/sign/pades/verify-pdf-signatures.js";
import { makePdfkitPdf } from "../../support/pdf-fixture.js";
import { makePdfLibPdf } from "../../support/pdf-lib-pdf.js";
import { pdfsig } from "../../support/pdfsig.js";
import { makeTestCa } from "../../support/test-ca-fixture.js";

const at = new Date("2024-05-01T02:03:04Z");
const widget = { page: 1, rect: [300, 100, 550, 200] } as const;

describe("signPdf and verifyPdfSignatures", () => {
  it.each([
    ["pdfkit (xref table)", makePdfkitPdf],
    ["pdf-lib (xref stream)", makePdfLibPdf],
  ])("signs a %s PDF that pdfsig calls valid and wholly signed, and names the signer", async (_, make) => {
    const ca = await makeTestCa("Arif Gunadi", "Wali Kota Bengkulu");
    const pdf = await make();
    const signed = await signPdf(pdf, { signer: ca.signer, widget, signingTime: at });
    expect(signed.subarray(0, pdf.length)).toEqual(pdf);

    const report = await pdfsig(signed);
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    expect(report).toContain("Signer Certificate Common Name: Arif Gunadi");

    const [sig, ...more] = await verifyPdfSignatures(signed, { roots: [ca.root], now: new Date() });
    expect(more).toEqual([]);
    expect(sig).toMatchObject({
      signerName: "Arif Gunadi",
      jabatan: "Wali Kota Bengkulu",
      signedAt: at.toISOString(),
      certificateStatus: "trusted",
      coversWholeFile: true,
      intact: true,
    });
  });

  it("makes an invisible signature when no widget is given", async () => {
    const ca = await makeTestCa();
    const signed = await signPdf(await makePdfkitPdf(1), { signer: ca.signer, signingTime: at });
    expect(await pdfsig(signed)).toContain("Signature is Valid.");
    expect(new TextDecoder("latin1").decode(signed)).toContain("/Rect [0 0 0 0]");
  });

  it("refuses one changed byte inside the signed range, as pdfsig does", async () => {
    const ca = await makeTestCa();
    const signed = await signPdf(await makePdfkitPdf(), { signer: ca.signer, widget, signingTime: at });
    for (const offset of [200, signed.length - 30]) {
      const changed = signed.slice();
      changed[offset] = changed[offset]! === 0x41 ? 0x42 : 0x41;
      const [sig] = await verifyPdfSignatures(changed, { roots: [ca.root], now: new Date() });
      expect(sig?.intact).toBe(false);
      const report = await pdfsig(changed);
      expect(report).toContain("Signature Validation: Digest Mismatch.");
      expect(report).not.toContain("Signature is Valid.");
    }
  });

  it("refuses a signature whose unsigned padding was written into", async () => {
    const ca = await makeTestCa();
    const signed = await signPdf(await makePdfkitPdf(1), { signer: ca.signer, signingTime: at });
    const text = new TextDecoder("latin1").decode(signed);
    const padding = text.indexOf("0000000000>");
    const changed = signed.slice();
    changed[padding] = "7".charCodeAt(0);
    const [sig] = await verifyPdfSignatures(changed, { roots: [ca.root], now: new Date() });
    expect(sig?.intact).toBe(false);
  });

  it("keeps the first signature intact under a second one, which alone covers the whole file", async () => {
    const ca = await makeTestCa();
    const once = await signPdf(await makePdfLibPdf(), { signer: ca.signer, widget, signingTime: at });
    // On the same page: the second widget joins the page's /Annots and the form's /Fields.
    const twice = await signPdf(once, { signer: ca.signer, widget, signingTime: at });
    const sigs = await verifyPdfSignatures(twice, { roots: [ca.root], now: new Date() });
    expect(sigs.map((s) => [s.intact, s.coversWholeFile])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(await pdfsig(twice)).toMatch(/Not total document signed[\s\S]*Total document signed/);
  });

  it("calls a certificate from another CA untrusted, though the signature itself is intact", async () => {
    const ca = await makeTestCa();
    const other = await makeTestCa();
    const signed = await signPdf(await makePdfkitPdf(1), { signer: ca.signer, signingTime: at });
    const [sig] = await verifyPdfSignatures(signed, { roots: [other.root], now: new Date() });
    expect(sig).toMatchObject({ certificateStatus: "untrusted", intact: true });
  });

  it("finds no signature in an unsigned PDF", async () => {
    expect(await verifyPdfSignatures(await makePdfkitPdf(1), { roots: [], now: new Date() })).toEqual([]);
  });
});

describe("the CMS inside /Contents", () => {
  it("carries content-type, message-digest and signing-certificate-v2, and no signing-time (PAdES baseline)", async () => {
    const ca = await makeTestCa();
    const signed = await signPdf(await makePdfkitPdf(1), { signer: ca.signer, signingTime: at });
    const [found] = findSignatures(signed);
    const info = pkijs.ContentInfo.fromBER(found!.contents.slice().buffer);
    const sd = new pkijs.SignedData({ schema: info.content });
    expect(sd.signerInfos[0]?.signedAttrs?.attributes.map((a) => a.type).sort()).toEqual([
      "1.2.840.113549.1.9.16.2.47",
      "1.2.840.113549.1.9.3",
      "1.2.840.113549.1.9.4",
    ]);
    expect(sd.certificates).toHaveLength(2);
  });

  it("signs with an RSA chain as well (BSrE's kind of key)", async () => {
    const ca = await makeTestCa("Arif Gunadi", "Wali Kota", "BSrE Uji", "RSA");
    const signed = await signPdf(await makePdfkitPdf(1), { signer: ca.signer, signingTime: at });
    expect(await pdfsig(signed)).toContain("Signature is Valid.");
    const [sig] = await verifyPdfSignatures(signed, { roots: [ca.root], now: new Date() });
    expect(sig).toMatchObject({ certificateStatus: "trusted", intact: true });
  });
});

describe("the incremental update on a PDF that has a form already", () => {
  it("adds the signature field to an indirect /AcroForm and keeps the fields it had", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    doc.getForm().createTextField("catatan").addToPage(page, { x: 50, y: 50, width: 200, height: 20 });
    const pdf = await doc.save({ useObjectStreams: false });
    const ca = await makeTestCa();
    const signed = await signPdf(pdf, {
      signer: ca.signer,
      widget: { page: 0, rect: [300, 50, 500, 120] },
      signingTime: at,
    });

    expect(await pdfsig(signed)).toContain("Signature is Valid.");
    const reread = await PDFDocument.load(signed);
    expect(
      reread
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual(["catatan", "Tanda Tangan 1"]);
    expect(reread.getPage(0).node.Annots()?.size()).toBe(2);
  });
});
