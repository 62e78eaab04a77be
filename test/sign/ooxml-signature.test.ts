import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { renderEdaranDocx } from "../../src/render/docx.js";
import type { KeySet } from "../../src/sign/key-set.js";
import { type GeneratedKeyPair, generateSigningKeyPair } from "../../src/sign/keys.js";
import { AlreadyOoxmlSignedError, addOoxmlSignature, type OoxmlSigner } from "../../src/sign/ooxml/ooxml-signature.js";
import {
  createOoxmlSignerJson,
  importOoxmlSigner,
  ooxmlSignerSecretSource,
} from "../../src/sign/ooxml/ooxml-signer.js";
import { ooxmlSignerFileSource } from "../../src/sign/ooxml/ooxml-signer-file.js";
import { readRelationships, relationshipTransform } from "../../src/sign/ooxml/relationship-transform.js";
import { qrPng } from "../../src/sign/qr.js";
import { registerJsonContentType, signDocx } from "../../src/sign/sign-docx.js";
import { verifyDocx } from "../../src/sign/verify-docx.js";
import { makeTinyDocx } from "../support/docx-fixture.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

const SUBJECT = {
  commonName: "Pemerintah Kota Contoh (edaran)",
  organization: "Pemerintah Kota Contoh",
  country: "ID",
};
const SIGNED_AT = "2024-05-01T02:03:04.000Z";
const CHECK_SCRIPT = new URL("../../scripts/check-ooxml-signature.py", import.meta.url).pathname;

interface LoSignature {
  valid: boolean;
  certificateStatus: number;
  signer: string | null;
}

/** LibreOffice's own verdict on every file, from one headless soffice. */
function libreOfficeVerdicts(files: Record<string, Uint8Array>): Record<string, LoSignature[]> {
  const dir = mkdtempSync(join(tmpdir(), "edaran-ooxml-"));
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(dir, `${name}.docx`);
    writeFileSync(path, bytes);
    return path;
  });
  const out = execFileSync("/usr/bin/python3", [CHECK_SCRIPT, ...paths], { encoding: "utf8", timeout: 180_000 });
  const verdicts: Record<string, LoSignature[]> = {};
  for (const line of out.trim().split("\n")) {
    const { file, signatures } = JSON.parse(line) as { file: string; signatures: LoSignature[] };
    verdicts[file.slice(dir.length + 1, -".docx".length)] = signatures;
  }
  return verdicts;
}

/** The same package with one part's text edited and re-zipped. */
function editPart(docx: Uint8Array, part: string, from: string, to: string): Uint8Array {
  const files = unzipSync(docx);
  const text = strFromU8(files[part]!);
  expect(text).toContain(from);
  files[part] = strToU8(text.replace(from, to));
  return zipSync(files);
}

/** The same package with one byte of a binary part flipped. */
function flipByte(docx: Uint8Array, part: string): Uint8Array {
  const files = unzipSync(docx);
  const bytes = files[part]!.slice();
  bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x01;
  files[part] = bytes;
  return zipSync(files);
}

function keySetOf(k: GeneratedKeyPair): KeySet {
  return { keys: [{ kid: k.kid, alg: k.alg, jwk: k.publicJwk, createdAt: "2024-01-01T00:00:00.000Z" }] };
}

describe("OOXML digital signature", () => {
  let signer: OoxmlSigner;
  let edaranKey: GeneratedKeyPair;
  let letter: Uint8Array;

  beforeAll(async () => {
    signer = await importOoxmlSigner(await createOoxmlSignerJson(SUBJECT, new Date("2024-01-01T00:00:00Z")));
    edaranKey = await generateSigningKeyPair();
    // The sample letter as sign-letter renders it: nomor, signature block and QR code.
    const input = makeSampleInput();
    const verifyUrl = "https://edaran.bengkulukota.example.go.id/v/01HZXLETTER0001";
    const rendered = await renderEdaranDocx(input, {
      nomorText: "000.1.4/2185/BKPSDM.II/2024",
      signature: {
        qrPng: await qrPng(verifyUrl),
        signedAtText: "1 Mei 2024 pukul 09.03 WIB",
        verifyUrl,
        keyId: edaranKey.kid,
      },
    });
    // The sign-letter order: OOXML signature over the final content types, then edaran's own signature.
    const ooxml = await addOoxmlSignature(rendered, signer, {
      signedAt: SIGNED_AT,
      comments: "Surat Edaran ditandatangani secara elektronik",
      editContentTypes: registerJsonContentType,
    });
    letter = (
      await signDocx(ooxml, {
        privateKey: edaranKey.privateKey,
        kid: edaranKey.kid,
        alg: edaranKey.alg,
        letterId: "01HZXLETTER0001",
        nomor: "800.1.4/123/BKPSDM.II/2024",
        signedAt: SIGNED_AT,
      })
    ).bytes;
  });

  it("is reported valid by LibreOffice, and invalid once a part or relationship is changed", () => {
    const verdicts = libreOfficeVerdicts({
      signed: letter,
      "document-edited": editPart(letter, "word/document.xml", "Aparatur", "Aparatus"),
      "relationship-edited": editPart(letter, "word/_rels/document.xml.rels", "styles.xml", "Styles.xml"),
      "image-changed": flipByte(letter, "word/media/image1.png"),
      // docProps/core.xml is left unsigned on purpose (Office lets it change after signing).
      "core-properties-edited": editPart(
        letter,
        "docProps/core.xml",
        "</cp:coreProperties>",
        "<dc:subject>x</dc:subject></cp:coreProperties>",
      ),
    });
    // LibreOffice marks every OOXML signature "partial" (Office leaves metadata parts unsigned).
    expect(verdicts.signed).toEqual([
      {
        valid: true,
        certificateStatus: expect.any(Number),
        signer: "CN=Pemerintah Kota Contoh (edaran),O=Pemerintah Kota Contoh,C=ID",
        partial: true,
      },
    ]);
    expect(verdicts["document-edited"]!.map((s) => s.valid)).toEqual([false]);
    expect(verdicts["relationship-edited"]!.map((s) => s.valid)).toEqual([false]);
    expect(verdicts["image-changed"]!.map((s) => s.valid)).toEqual([false]);
    expect(verdicts["core-properties-edited"]!.map((s) => s.valid)).toEqual([true]);
  });

  it("leaves edaran's own signature over the whole file verifiable", async () => {
    const result = await verifyDocx(letter, keySetOf(edaranKey));
    expect(result.status).toBe("authentic");
  });

  it("adds the origin, its relationship and the signature part with their content types", () => {
    const files = unzipSync(letter);
    expect(files["_xmlsignatures/origin.sigs"]).toHaveLength(0);
    expect(strFromU8(files["_rels/.rels"]!)).toContain(
      'Type="http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin" Target="_xmlsignatures/origin.sigs"',
    );
    expect(strFromU8(files["_xmlsignatures/_rels/origin.sigs.rels"]!)).toContain('Target="sig1.xml"');
    const types = strFromU8(files["[Content_Types].xml"]!);
    expect(types).toContain(
      '<Default Extension="sigs" ContentType="application/vnd.openxmlformats-package.digital-signature-origin"/>',
    );
    expect(types).toContain(
      '<Override PartName="/_xmlsignatures/sig1.xml" ContentType="application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml"/>',
    );
    expect(types).toContain('<Default Extension="json" ContentType="application/json"/>');
    const sig = strFromU8(files["_xmlsignatures/sig1.xml"]!);
    expect(sig).toContain(
      'URI="/word/document.xml?ContentType=application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"',
    );
    expect(sig).not.toContain("docProps/core.xml");
    expect(sig).toContain("<mdssi:Value>2024-05-01T02:03:04Z</mdssi:Value>");
  });

  it("refuses a package that already carries an OOXML signature", async () => {
    const once = await addOoxmlSignature(makeTinyDocx(), signer, { signedAt: SIGNED_AT });
    await expect(addOoxmlSignature(once, signer, { signedAt: SIGNED_AT })).rejects.toBeInstanceOf(
      AlreadyOoxmlSignedError,
    );
  });
});

describe("relationship transform", () => {
  it("keeps the chosen relationships sorted by Id with TargetMode explicit, in canonical form", () => {
    const rels = readRelationships(
      '<?xml version="1.0"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n' +
        '  <Relationship Type="t/b" Id="rId2" Target="https://a.example/?x=1&amp;y=2" TargetMode="External"/>\n' +
        "  <Relationship Id='rId1' Type='t/a' Target='word/document.xml'></Relationship>\n" +
        '  <Relationship Id="rId3" Type="t/c" Target="docProps/core.xml"/>\n</Relationships>',
    );
    expect(relationshipTransform(rels, new Set(["rId2", "rId1"]))).toBe(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Target="word/document.xml" TargetMode="Internal" Type="t/a"></Relationship>' +
        '<Relationship Id="rId2" Target="https://a.example/?x=1&amp;y=2" TargetMode="External" Type="t/b"></Relationship>' +
        "</Relationships>",
    );
  });
});

describe("OOXML signer key and certificate", () => {
  it("makes a self-signed X.509 certificate that names the subject and verifies with its own key", async () => {
    const json = await createOoxmlSignerJson(SUBJECT, new Date("2024-01-01T00:00:00Z"));
    const cert = new X509Certificate(Buffer.from(json.certificate, "base64"));
    expect(cert.subject).toBe("C=ID\nO=Pemerintah Kota Contoh\nCN=Pemerintah Kota Contoh (edaran)");
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validFrom).toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it("on Node creates the key file once, owner-only, and reuses it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edaran-ooxml-key-"));
    const clock = fixedClock(new Date("2024-01-01T00:00:00Z"));
    const first = await ooxmlSignerFileSource({ dir, clock, subject: SUBJECT }).current();
    const source = ooxmlSignerFileSource({ dir, clock, subject: SUBJECT });
    expect(statSync(source.path).mode & 0o777).toBe(0o600);
    const again = await source.current();
    expect(again.certificateDer).toEqual(first.certificateDer);
    expect(JSON.parse(readFileSync(source.path, "utf8")).privateJwk.kty).toBe("RSA");
  });

  it("on Workers reads the same JSON from a secret", async () => {
    const json = await createOoxmlSignerJson(SUBJECT, new Date("2024-01-01T00:00:00Z"));
    const signer = await ooxmlSignerSecretSource(JSON.stringify(json)).current();
    expect(Buffer.from(signer.certificateDer).toString("base64")).toBe(json.certificate);
    await expect(ooxmlSignerSecretSource("{}").current()).rejects.toThrow();
  });
});
