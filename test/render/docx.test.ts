import { strFromU8, unzipSync } from "fflate";
import QR from "qrcode";
import { describe, expect, it } from "vitest";
import { renderEdaranDocx, renderEdaranHtml } from "../../src/render/docx.js";
import { makeInstansiPemda, makeSampleInput, makeSampleLogo } from "../support/sample-input-fixture.js";

function parts(docx: Uint8Array): Record<string, string> {
  const files = unzipSync(docx);
  return Object.fromEntries(
    Object.entries(files)
      .filter(([p]) => p.endsWith(".xml") || p.endsWith(".rels"))
      .map(([p, d]) => [p, strFromU8(d)]),
  );
}

/** The visible text of a WordprocessingML part, runs joined. */
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => m[1] ?? " ").join("");

const signature = async () => ({
  qrPng: new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc", { type: "png", margin: 1 })),
  signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
  verifyUrl: "https://edaran.example/v/abc",
  keyId: "key-2024-01",
});

describe("renderEdaranDocx", () => {
  it("holds every part of the letter in the order of the format", async () => {
    const input = makeSampleInput();
    const opts = { nomor: "2185", logoPng: makeSampleLogo(), pemda: makeInstansiPemda(input) };
    const doc = parts(await renderEdaranDocx(input, opts));
    const text = textOf(doc["word/document.xml"] ?? "");
    const order = [
      "PEMERINTAH KOTA BENGKULU",
      "bengkulukota.go.id",
      "Yth.",
      "Sekretaris Daerah Kota Bengkulu;",
      "di -",
      "Tempat",
      "SURAT EDARAN",
      "NOMOR 800/2185/BKPSDM.II/2024",
      "TENTANG",
      "NETRALITAS APARATUR SIPIL NEGARA",
      "1. Latar Belakang",
      "2. Maksud dan Tujuan",
      "3. Ruang Lingkup",
      "4. Dasar",
      "a. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
      "5. Isi Edaran",
      "dilarang:",
      "dikenai sanksi sebagai berikut:",
      "paling lambat tanggal 9 Oktober 2024",
      "6. Penutup",
      "Demikian Surat Edaran ini disampaikan",
      "Ditetapkan di Bengkulu",
      "pada tanggal 2 Oktober 2024",
      "PENJABAT WALI KOTA BENGKULU,",
      "ARIF GUNADI",
      "Tembusan:",
      "1. Menteri Dalam Negeri di Jakarta;",
      "6. Inspektur Kota Bengkulu.",
    ];
    let at = -1;
    for (const piece of order) {
      const next = text.indexOf(piece, at + 1);
      expect(next, `"${piece}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(Object.keys(unzipSync(await renderEdaranDocx(input, opts))).some((p) => p.startsWith("word/media/"))).toBe(
      true,
    );
  });

  it("prints dots for the sequence when no nomor is given", async () => {
    const doc = parts(await renderEdaranDocx(makeSampleInput()));
    expect(textOf(doc["word/document.xml"] ?? "")).toContain("NOMOR 800/....../BKPSDM.II/2024");
  });

  it("numbers pages from page 2: empty first-page header, page field in the default header", async () => {
    const doc = parts(await renderEdaranDocx(makeSampleInput()));
    const documentXml = doc["word/document.xml"] ?? "";
    expect(documentXml).toContain("<w:titlePg/>");
    const rels = doc["word/_rels/document.xml.rels"] ?? "";
    const headerOf = (type: string) => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(documentXml)?.[1];
      const target =
        new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      return doc[`word/${target}`] ?? "";
    };
    expect(headerOf("first")).not.toContain("PAGE");
    expect(headerOf("default")).toMatch(/PAGE/);
  });

  it("gives the same bytes for the same input", async () => {
    const a = await renderEdaranDocx(makeSampleInput(), {
      nomor: "2185",
      logoPng: makeSampleLogo(),
      signature: await signature(),
    });
    const b = await renderEdaranDocx(makeSampleInput(), {
      nomor: "2185",
      logoPng: makeSampleLogo(),
      signature: await signature(),
    });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(parts(a)["docProps/core.xml"]).toContain("2024-10-02T00:00:00Z");
  });

  it("uses A4 by default and F4 (215 × 330 mm) when the profile asks", async () => {
    const a4 = parts(await renderEdaranDocx(makeSampleInput()))["word/document.xml"] ?? "";
    const f4 =
      parts(await renderEdaranDocx(makeSampleInput(), { profile: { paper: "F4" } }))["word/document.xml"] ?? "";
    const size = (xml: string) => /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml)?.slice(1).map(Number);
    expect(size(a4)).toEqual([11906, 16838]);
    expect(size(f4)).toEqual([12189, 18709]);
    expect(a4).toMatch(/<w:pgMar w:top="1417" w:right="1417" w:bottom="1701" w:left="1701"/);
  });

  it("draws the electronic signature: QR image, signer text and the UU ITE footer", async () => {
    const doc = parts(await renderEdaranDocx(makeSampleInput(), { nomor: "2185", signature: await signature() }));
    const text = textOf(doc["word/document.xml"] ?? "");
    expect(text).toContain("Ditandatangani secara elektronik oleh:");
    expect(text).toContain("2 Oktober 2024 pukul 14.05 WIB");
    expect(doc["word/document.xml"]).toContain("<pic:pic");
    const footers = Object.entries(doc).filter(([p]) => /^word\/footer\d+\.xml$/.test(p));
    expect(footers.length).toBeGreaterThan(0);
    for (const [, xml] of footers) expect(textOf(xml)).toContain("Pasal 5 ayat (1)");
    const unsigned = parts(await renderEdaranDocx(makeSampleInput()));
    for (const [p, xml] of Object.entries(unsigned))
      if (/^word\/footer/.test(p)) expect(textOf(xml)).not.toContain("Pasal 5 ayat (1)");
  });

  it("keeps wrapped list lines aligned with a hanging indent and a tab stop at the text", async () => {
    const xml = parts(await renderEdaranDocx(makeSampleInput()))["word/document.xml"] ?? "";
    // Level-2 items ("1)"): text at 3 × 0.75 cm, the label hangs one step to the left.
    expect(xml).toMatch(/<w:tab w:val="left" w:pos="1275"\/>.*?<w:ind w:left="1275" w:hanging="425"\/>/s);
  });
});

describe("renderEdaranHtml", () => {
  it("renders the same wording, escaped", () => {
    const input = makeSampleInput();
    input.tentang = "Uji <script>alert(1)</script>";
    const html = renderEdaranHtml(input, { nomor: "2185" });
    expect(html).toContain("NOMOR 800/2185/BKPSDM.II/2024");
    expect(html).toContain("UJI &lt;SCRIPT&gt;");
    expect(html).not.toContain("<script>");
  });
});
