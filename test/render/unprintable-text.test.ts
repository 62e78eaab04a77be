// Text that reaches the renderer without the schema (or past a future gap in it) must still give a DOCX whose every
// XML part is well-formed and that LibreOffice opens: characters XML 1.0 cannot hold are dropped, markup is escaped.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import QR from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { makeInstansiPemda, makeSampleInput, makeSampleLogo } from "../support/sample-input-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-xmlchars-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** C0 controls, the two noncharacters XML forbids, and two lone surrogates (low before high, so they never pair). */
const BAD = "\u0001\u0008\u000B\u001F\uFFFE\uFFFF\uDFFF\uD800";
/**
 * Splices the bad characters into a text after its fourth character, so dropping them gives the text back (in the
 * body the wording's whitespace folding may turn the vertical tab U+000B into a space first).
 */
const spoil = (s: string) => `${s.slice(0, 4)}${BAD}${s.slice(4)}`;

function spoiledInput(): EdaranInput {
  const input = makeSampleInput();
  input.tentang = spoil(`${input.tentang} & <uji> "kutip" 'tunggal' 𝐀`);
  if (input.government) {
    input.government.name = spoil(input.government.name);
    input.government.kop.address = spoil(input.government.kop.address);
  }
  input.issuer.name = spoil(input.issuer.name);
  input.issuer.jabatan = spoil(input.issuer.jabatan);
  input.addressees.yth[0] = spoil(input.addressees.yth[0] ?? "");
  input.sections.latarBelakang = [
    spoil(input.sections.latarBelakang?.[0] ?? ""),
    ...(input.sections.latarBelakang ?? []).slice(1),
  ];
  const point = input.sections.isi[0];
  if (point) point.text = spoil(point.text);
  input.tembusan[0] = spoil(input.tembusan[0] ?? "");
  input.place = spoil(input.place);
  return input;
}

const signature = async () => ({
  qrPng: new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc", { type: "png", margin: 1 })),
  signedAtText: spoil("2 Oktober 2024 pukul 14.05 WIB"),
  verifyUrl: spoil("https://edaran.example/v/abc?x=<&>"),
  keyId: spoil("key-2024-01"),
});

// Python's expat is a strict XML 1.0 parser: it refuses U+0001, U+FFFE and the like as "not well-formed".
const CHECK_PARTS = `
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for name in z.namelist():
    if name.endswith((".xml", ".rels")):
        try:
            xml.dom.minidom.parseString(z.read(name))
            print("ok", name)
        except Exception as e:
            print("BAD", name, e)
`;

import { convertWithLibreOffice } from "../support/libreoffice.js";

/** Every XML part of the package, each "ok <name>" or "BAD <name> <parser error>". */
function parseEveryPart(docx: Uint8Array, name: string): string[] {
  const file = join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  return execFileSync("/usr/bin/python3", ["-c", CHECK_PARTS, file], { encoding: "utf8" }).trim().split("\n");
}

function libreOfficeText(docx: Uint8Array, name: string): string {
  const input = join(dir, `${name}.docx`);
  writeFileSync(input, docx);
  const pdf = convertWithLibreOffice(input, "pdf", dir);
  return execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

describe("text XML cannot hold, given to renderEdaranDocx directly", () => {
  it("leaves every XML part well-formed, the characters dropped and the markup escaped", async () => {
    const input = spoiledInput();
    const tentang = makeSampleInput().tentang;
    const docx = await renderEdaranDocx(input, {
      pemda: makeInstansiPemda(input),
      nomorText: spoil("800/2185/BKPSDM.II/2024"),
      logoPng: makeSampleLogo(),
      signature: await signature(),
    });
    const results = parseEveryPart(docx, "parts");
    expect(results.filter((r) => !r.startsWith("ok "))).toEqual([]);
    // The parts that carry the letter's text were among those parsed.
    for (const part of [
      "word/document.xml",
      "word/footer1.xml",
      "word/footer2.xml",
      "word/header1.xml",
      "docProps/core.xml",
    ])
      expect(results).toContain(`ok ${part}`);

    const files = unzipSync(docx);
    const core = strFromU8(files["docProps/core.xml"] ?? new Uint8Array());
    expect(core).toContain(
      `<dc:title>Surat Edaran tentang ${tentang} &amp; &lt;uji&gt; &quot;kutip&quot; &apos;tunggal&apos; 𝐀</dc:title>`,
    );
    expect(core).toContain("<dc:creator>Pemerintah Kota Bengkulu</dc:creator>");
    const document = strFromU8(files["word/document.xml"] ?? new Uint8Array());
    expect(document).toContain("800/2185/BKPSDM.II/2024");
    expect(document).toContain("&amp; &lt;UJI&gt; &quot;KUTIP&quot; &apos;TUNGGAL&apos; 𝐀");
    expect(document).toMatch(/PEME ?RINTAH KOTA BENGKULU/);
    expect(document).toMatch(/Ment ?eri Dalam Negeri di Jakarta/);
  });

  it("gives a DOCX LibreOffice opens and prints", async () => {
    const input = spoiledInput();
    const docx = await renderEdaranDocx(input, {
      pemda: makeInstansiPemda(input),
      nomorText: spoil("800/2185/BKPSDM.II/2024"),
      signature: await signature(),
    });
    const text = libreOfficeText(docx, "lo");
    expect(text).toMatch(/PEME ?RINTAH KOTA BENGKULU/);
    expect(text).toContain("NOMOR 800/2185/BKPSDM.II/2024");
    expect(text).toContain("Ditandatangani secara elektronik oleh:");
    expect(text).toMatch(/Ment ?eri Dalam Negeri di Jakarta/);
    expect(text).toContain(`& <UJI> "KUTIP" 'TUNGGAL'`);
  });
});
