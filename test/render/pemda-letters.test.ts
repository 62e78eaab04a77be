// Issue #11: letters of a Kota, a Kabupaten and a Provinsi, each with another signer, read back from LibreOffice's
// PDF page by page: the kop by signer, the signer block per Pasal 44 in the foot and the TTE box, A4 and F4, the
// Lampiran of a long Yth. list, and text that must come out exactly as written. One conversion per letter.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import QR from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { convertWithLibreOffice, pdfPagesText } from "../support/libreoffice.js";
import {
  PEMDA_LETTERS,
  type PemdaLetter,
  type PemdaLetterName,
  TRICKY_TEXT,
  TRICKY_WORD,
} from "../support/pemda-letters-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-pemda-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fold = (s: string) => s.replace(/\s+/g, " ").trim();

interface Printed {
  letter: PemdaLetter;
  documentXml: string;
  pdf: string;
  /** Each page's lines, whitespace folded, without the page number and the signed footer statement. */
  pages: string[][];
}

const printed = new Map<PemdaLetterName, Promise<Printed>>();

async function print(name: PemdaLetterName): Promise<Printed> {
  const letter = PEMDA_LETTERS[name]();
  const qrPng = new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc", { type: "png", margin: 1 }));
  const signature = {
    qrPng,
    signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
    verifyUrl: "https://edaran.example/v/abc",
    keyId: "key-2024-01",
  };
  const docx = await renderEdaranDocx(letter.input, {
    nomor: "2185",
    pemda: letter.pemda,
    images: letter.images,
    ...(letter.signed ? { signature } : {}),
  });
  writeFileSync(join(dir, `${name}.docx`), docx);
  const pdf = convertWithLibreOffice(join(dir, `${name}.docx`), "pdf", dir);
  const footer = /^(Dokumen ini telah ditandatangani|\d{4} tentang Informasi|cetaknya merupakan|\(kunci )/;
  const pages = pdfPagesText(pdf).map((page) =>
    page
      .split("\n")
      .map(fold)
      .filter((l) => l && !/^-\s*\d+\s*-$/.test(l) && !footer.test(l)),
  );
  return { letter, documentXml: strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array()), pdf, pages };
}

/** Each letter is rendered and converted once, whichever test asks first. */
function letter(name: PemdaLetterName): Promise<Printed> {
  let p = printed.get(name);
  if (!p) {
    p = print(name);
    printed.set(name, p);
  }
  return p;
}

function pageSizePt(pdf: string): [number, number] {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const [w = 0, h = 0] = (/Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? []).slice(1).map(Number);
  return [w, h];
}

/** The images drawn on each page (pdfimages lists soft masks apart; they are not counted). */
function imagesPerPage(pdf: string, pageCount: number): number[] {
  const rows = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" }).split("\n").slice(2);
  const counts = Array.from({ length: pageCount }, () => 0);
  for (const row of rows) {
    const [page, , type] = row.trim().split(/\s+/);
    if (type === "image") counts[Number(page) - 1] = (counts[Number(page) - 1] ?? 0) + 1;
  }
  return counts;
}

const A4 = [595.3, 841.9];
const F4 = [609.4, 935.4]; // 215 × 330 mm; twip rounding gives 610 × 936

function expectPaper(pdf: string, [w, h]: number[]) {
  const [pw, ph] = pageSizePt(pdf);
  expect(Math.abs(pw - (w ?? 0))).toBeLessThan(1.5);
  expect(Math.abs(ph - (h ?? 0))).toBeLessThan(1.5);
}

/** The page holding the foot, and its lines from "Ditetapkan di" on. */
function footPage(p: Printed): { index: number; lines: string[] } {
  const index = p.pages.findIndex((lines) => lines.some((l) => l.startsWith("Ditetapkan di")));
  const lines = p.pages[index] ?? [];
  return { index, lines: lines.slice(lines.findIndex((l) => l.startsWith("Ditetapkan di"))) };
}

/** `expected` appear in `lines` in this order (other lines may come between). */
function expectInOrder(lines: string[], expected: string[]) {
  let at = -1;
  for (const text of expected) {
    const next = lines.findIndex((l, i) => i > at && l === text);
    expect(next, `"${text}" after line ${at} of ${JSON.stringify(lines)}`).toBeGreaterThan(at);
    at = next;
  }
}

describe("a Kota letter the Pj Wali Kota signs (signed, A4)", () => {
  it("carries the kop jabatan: the emblem over WALI KOTA BENGKULU, no address lines, no rule", async () => {
    const p = await letter("kotaPj");
    expectPaper(p.pdf, A4);
    const first = p.pages[0] ?? [];
    expect(first[0]).toBe("WALI KOTA BENGKULU");
    expect(first[1]).toBe("Yth. 1. Sekretaris Daerah Kota Bengkulu;");
    expect(first.join("\n")).not.toMatch(/PEMERINTAH KOTA BENGKULU|Basuki Rahmat|bengkulukota\.go\.id/);
    expect(imagesPerPage(p.pdf, p.pages.length)[0], "the emblem on page 1").toBe(1);
    expect(p.documentXml).not.toContain("thickThinSmallGap");
  });

  it("names the Pj without NIP or pangkat in the foot and in the TTE box", async () => {
    const p = await letter("kotaPj");
    const foot = footPage(p);
    expectInOrder(foot.lines, [
      "Ditetapkan di Bengkulu",
      "pada tanggal 2 Oktober 2024",
      "PENJABAT WALI KOTA BENGKULU,",
      "Ditandatangani secara elektronik oleh:",
      "PENJABAT WALI KOTA BENGKULU,",
      "ARIF GUNADI",
      "2 Oktober 2024 pukul 14.05 WIB",
      "ARIF GUNADI",
      "Tembusan:",
    ]);
    expect(foot.lines.join("\n")).not.toContain("NIP");
    expect(imagesPerPage(p.pdf, p.pages.length)[foot.index], "the QR on the foot's page").toBe(1);
  });
});

describe("a Kabupaten letter the Bupati signs (unsigned, A4)", () => {
  it("carries the kop jabatan as text alone when the profile has no emblem image", async () => {
    const p = await letter("kabupatenBupati");
    expectPaper(p.pdf, A4);
    expect(p.pages[0]?.[0]).toBe("BUPATI BANGGAI KEPULAUAN");
    expect(imagesPerPage(p.pdf, p.pages.length).every((n) => n === 0)).toBe(true);
    expect(p.pages.flat().join("\n")).not.toContain("PEMERINTAH KABUPATEN BANGGAI KEPULAUAN");
  });

  it("leaves room for a wet signature under BUPATI BANGGAI KEPULAUAN, with no TTE box", async () => {
    const p = await letter("kabupatenBupati");
    const foot = footPage(p);
    expectInOrder(foot.lines, [
      "Ditetapkan di Salakan",
      "pada tanggal 2 Oktober 2024",
      "BUPATI BANGGAI KEPULAUAN,",
      "RUSLI MOIDADY",
      "Tembusan:",
    ]);
    expect(p.pages.flat().join("\n")).not.toMatch(/Ditandatangani secara elektronik|NIP/);
  });
});

describe('a Kabupaten letter signed "a.n. Bupati" by a Plh. Sekretaris Daerah (signed, F4)', () => {
  it("carries the kop instansi centred, without a lambang and without an empty logo column", async () => {
    const p = await letter("kabupatenAnF4");
    expectPaper(p.pdf, F4);
    const first = p.pages[0] ?? [];
    expect(first.slice(0, 3)).toEqual([
      "PEMERINTAH KABUPATEN BANGGAI KEPULAUAN",
      "Jalan Merdeka Nomor 1 Salakan, Banggai Kepulauan 94871 Telepon (0462) 2222",
      "Laman bangkepkab.go.id",
    ]);
    // No kop table: the body opens with the kop's own paragraphs.
    expect(p.documentXml).toMatch(/<w:body><w:p>/);
    expect(
      imagesPerPage(p.pdf, p.pages.length).reduce((a, n) => a + n, 0),
      "only the QR",
    ).toBe(1);
  });

  it("keeps the Bupati and the Plh. Sekretaris Daerah, with gelar, pangkat and NIP, in the foot and the TTE box", async () => {
    const p = await letter("kabupatenAnF4");
    const foot = footPage(p);
    expectInOrder(foot.lines, [
      "Ditetapkan di Salakan",
      "a.n. BUPATI BANGGAI KEPULAUAN,",
      "Plh. SEKRETARIS DAERAH,",
      "Ditandatangani secara elektronik oleh:",
      "a.n. BUPATI BANGGAI KEPULAUAN,",
      "Plh. SEKRETARIS DAERAH,",
      "Ir. H. BASRI LAMADJIDO, M.H.",
      "NIP 19700101 199003 1 001",
      "Ir. H. BASRI LAMADJIDO, M.H.",
      "Pembina Utama Muda",
      "NIP 19700101 199003 1 001",
      "Tembusan:",
    ]);
  });
});

describe("a Provinsi letter the Wakil Gubernur signs as Plt. Gubernur (unsigned, A4)", () => {
  it("carries the kop jabatan and names Plt. GUBERNUR over WAKIL GUBERNUR, without NIP", async () => {
    const p = await letter("provinsiPlt");
    expect(p.pages[0]?.[0]).toBe("GUBERNUR BENGKULU");
    const foot = footPage(p);
    expectInOrder(foot.lines, [
      "Ditetapkan di Bengkulu",
      "Plt. GUBERNUR BENGKULU,",
      "WAKIL GUBERNUR BENGKULU,",
      "ROSJONSYAH",
      "Tembusan:",
    ]);
    expect(foot.lines.join("\n")).not.toContain("NIP");
  });

  it("keeps quotes, ampersands, angle brackets, apostrophes, a 60-letter word and non-Latin letters exactly", async () => {
    const p = await letter("provinsiPlt");
    expect(TRICKY_WORD).toHaveLength(60);
    const all = p.pages.flat();
    // In the body the long word fits a line and comes out whole; the paragraph reads back as written.
    expect(all).toContain(TRICKY_WORD);
    expect(fold(all.join(" "))).toContain(TRICKY_TEXT);
    // In the judul, in capitals, the word is wider than the line and LibreOffice must break it: the letters stay.
    const bare = (s: string) => s.replace(/\s+/g, "");
    expect(bare((p.pages[0] ?? []).join(""))).toContain(bare(`UJI TEKS ${TRICKY_TEXT.toUpperCase()}`));
    expect(fold(footPage(p).lines.join(" "))).toContain(`1. Menteri Dalam Negeri di Jakarta & ${TRICKY_TEXT}.`);
  });
});

describe("a Kota letter to 42 addressees (signed, A4)", () => {
  it('keeps the title block on page 1 with "Yth. (daftar terlampir)"', async () => {
    const p = await letter("kota42");
    const first = p.pages[0] ?? [];
    expectInOrder(first, [
      "WALI KOTA BENGKULU",
      "Yth. (daftar terlampir)",
      "di -",
      "Tempat",
      "SURAT EDARAN",
      "NOMOR 800/2185/BKPSDM.II/2024",
      "TENTANG",
      "1. Latar Belakang",
    ]);
    expect(first.join("\n")).not.toContain("Kepala Dinas");
  });

  it("lists them on a Lampiran page after the foot, headed with the letter's nomor and date, the foot repeated", async () => {
    const p = await letter("kota42");
    const foot = footPage(p);
    const at = p.pages.findIndex((lines) => lines[0] === "LAMPIRAN");
    expect(at, "the Lampiran starts a page after the foot's").toBeGreaterThan(foot.index);
    const lampiran = p.pages.slice(at).flat();
    expectInOrder(lampiran, [
      "LAMPIRAN",
      "SURAT EDARAN WALI KOTA BENGKULU",
      "NOMOR : 800/2185/BKPSDM.II/2024",
      "TANGGAL : 2 OKTOBER 2024",
      "DAFTAR TUJUAN SURAT EDARAN",
    ]);
    const text = fold(lampiran.join(" "));
    const yth = p.letter.input.addressees.yth;
    expect(yth).toHaveLength(42);
    let pos = 0;
    for (const [i, item] of yth.entries()) {
      const next = text.indexOf(`${i + 1}. ${item}${i < yth.length - 1 ? ";" : ""}`, pos);
      expect(next, `item ${i + 1}`).toBeGreaterThanOrEqual(pos);
      pos = next;
    }
    const afterList = lampiran.slice(lampiran.findIndex((l) => l.startsWith("42. ")));
    expectInOrder(afterList, [
      "di lingkungan Pemerintah Kota Bengkulu",
      "PENJABAT WALI KOTA BENGKULU,",
      "Ditandatangani secara elektronik oleh:",
      "ARIF GUNADI",
    ]);
    expect(imagesPerPage(p.pdf, p.pages.length).at(-1), "the QR under the list").toBe(1);
  });
});
