// The letter's wording follows its input: the groups in scope and their names, whether a sanction class follows
// each prohibited act, who reports, which optional parts there are (numbered consecutively), and legal bases
// given with their full title.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { renderEdaranDocx, renderEdaranHtml } from "../../src/render/docx.js";
import { buildWording } from "../../src/render/wording.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

const docxText = async (input: EdaranInput) => {
  const xml = strFromU8(unzipSync(await renderEdaranDocx(input))["word/document.xml"] ?? new Uint8Array());
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => m[1] ?? " ").join("");
};

const isi = (input: EdaranInput) => buildWording(input).sections.find((s) => s.heading === "Isi Edaran");
const blockTexts = (input: EdaranInput) => (isi(input)?.blocks ?? []).map((b) => b.text);

describe("the scope sentence", () => {
  it("names the non-ASN staff as the letter calls them", () => {
    const input = makeSampleInput();
    input.scope.nonAsnName = "PTT/non-ASN";
    expect(blockTexts(input)).toContain(
      "Aparatur Sipil Negara (Pegawai Negeri Sipil dan Pegawai Pemerintah dengan Perjanjian Kerja) dan PTT/non-ASN dilarang:",
    );
  });

  it("says Pegawai Tidak Tetap when the letter gives no name", () => {
    expect(blockTexts(makeSampleInput())).toContain(
      "Aparatur Sipil Negara (Pegawai Negeri Sipil dan Pegawai Pemerintah dengan Perjanjian Kerja) dan Pegawai Tidak Tetap dilarang:",
    );
  });

  it("lists exactly the groups in scope", () => {
    const input = makeSampleInput();
    input.scope = { asn: { pns: true, pppk: false }, nonAsn: false };
    expect(blockTexts(input)).toContain("Pegawai Negeri Sipil dilarang:");
    input.scope = { asn: { pns: false, pppk: true }, nonAsn: true, nonAsnName: "Tenaga Harian Lepas" };
    expect(blockTexts(input)).toContain("Pegawai Pemerintah dengan Perjanjian Kerja dan Tenaga Harian Lepas dilarang:");
  });
});

describe("the sanction class after each prohibited act", () => {
  it("follows each act by default, as the netralitas letter prints it", () => {
    expect(blockTexts(makeSampleInput())).toContain("menjadi anggota atau pengurus partai politik (pemberhentian).");
  });

  it("is left out when the letter says so, with or without a class in the input", () => {
    const input = makeSampleInput();
    input.display = { sanctionClassAfterActs: false };
    input.prohibitedActs = [{ text: "menggunakan kendaraan dinas untuk mudik", sanction: "disiplin" }, { text: "x" }];
    const texts = blockTexts(input);
    expect(texts).toContain("menggunakan kendaraan dinas untuk mudik;");
    expect(texts).toContain("x.");
    expect(texts.join("\n")).not.toContain("(hukuman disiplin)");
  });
});

describe("the reporting duty", () => {
  const duty = (input: EdaranInput) => blockTexts(input).find((t) => t.includes("tanda terima")) ?? "";

  it("is the Kepala Perangkat Daerah's by default", () => {
    expect(duty(makeSampleInput())).toMatch(
      /^Kepala Perangkat Daerah agar menyampaikan Surat Edaran ini .* paling lambat tanggal 9 Oktober 2024\.$/,
    );
  });

  it("names who the input says reports, and stays the last point", () => {
    const input = makeSampleInput();
    input.reporting = { who: "Camat dan Lurah" };
    const texts = blockTexts(input);
    expect(texts.at(-1)).toMatch(/^Camat dan Lurah agar menyampaikan Surat Edaran ini /);
  });
});

describe("the optional parts of the batang tubuh", () => {
  const withoutOptional = () => {
    const input = makeSampleInput();
    delete input.sections.latarBelakang;
    input.sections.maksudTujuan = [];
    return input;
  };

  it("numbers the parts the letter has consecutively", () => {
    expect(buildWording(withoutOptional()).sections.map((s) => `${s.label} ${s.heading}`)).toEqual([
      "1. Ruang Lingkup",
      "2. Dasar",
      "3. Isi Edaran",
      "4. Penutup",
    ]);
    expect(buildWording(makeSampleInput()).sections.map((s) => s.label)).toEqual(["1.", "2.", "3.", "4.", "5.", "6."]);
  });

  it("prints the same numbering in the DOCX and in the HTML preview", async () => {
    const input = withoutOptional();
    delete input.sections.ruangLingkup;
    const text = await docxText(input);
    expect(text).not.toMatch(/Latar Belakang|Maksud dan Tujuan|Ruang Lingkup/);
    expect(text).toMatch(/1\.\s*Dasar.*2\.\s*Isi Edaran.*3\.\s*Penutup/s);
    const html = renderEdaranHtml(input);
    expect(html).not.toMatch(/Latar Belakang|Maksud dan Tujuan|Ruang Lingkup/);
    expect(html).toMatch(/1\.<\/span> Dasar.*2\.<\/span> Isi Edaran.*3\.<\/span> Penutup/s);
  });
});

describe("legal bases given with their full title", () => {
  const bmd = {
    judul: "Peraturan Menteri Dalam Negeri Nomor 19 Tahun 2016 tentang Pedoman Pengelolaan Barang Milik Daerah",
    singkat: "Peraturan Menteri Dalam Negeri Nomor 19 Tahun 2016",
  };

  it("prints the full title in Dasar and the short name in a sanction clause", async () => {
    const input = makeSampleInput();
    input.tentang = "Penggunaan Kendaraan Dinas";
    input.sections.dasar = [bmd];
    input.sanctions = [{ who: "Pegawai", what: "yang melanggar dikenai sanksi", basis: bmd, pasal: "Pasal 5" }];
    const text = await docxText(input);
    expect(text).toContain(`${bmd.judul}.`);
    expect(text).toContain(
      "Pegawai yang melanggar dikenai sanksi sesuai dengan Pasal 5 Peraturan Menteri Dalam Negeri Nomor 19 Tahun 2016.",
    );
  });

  it("cites the full title in a sanction clause when no short name is given", () => {
    const input = makeSampleInput();
    input.sanctions = [{ who: "Pegawai", what: "dikenai sanksi", basis: { judul: bmd.judul } }];
    expect(blockTexts(input)).toContain(`Pegawai dikenai sanksi sesuai dengan ${bmd.judul}.`);
  });
});
