// Real LibreOffice: the DOCX must open and print as the letter, page by page.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { convertWithLibreOffice, pdfPagesText } from "../support/libreoffice.js";
import { makeSampleInput, makeSampleLogo } from "../support/sample-input-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-lo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function toPdfPages(docx: Uint8Array, name: string): string[] {
  const input = join(dir, `${name}.docx`);
  writeFileSync(input, docx);
  return pdfPagesText(convertWithLibreOffice(input, "pdf", dir));
}

describe("the DOCX in LibreOffice", () => {
  it("prints kop, title, nomor, tentang, sections, signer and tembusan on four A4 pages", async () => {
    const pages = toPdfPages(
      await renderEdaranDocx(makeSampleInput(), { nomor: "2185", logoPng: makeSampleLogo() }),
      "a4",
    );
    expect(pages).toHaveLength(4);
    const [first = "", , , last = ""] = pages;
    // A Pj Wali Kota signs: the kop jabatan, without the Pemerintah's name and address lines.
    expect(first).toMatch(/^\s*WALI KOTA BENGKULU\s*$/m);
    expect(first).not.toContain("PEMERINTAH KOTA BENGKULU");
    expect(first).not.toContain("bengkulukota.go.id");
    expect(first).toContain("SURAT EDARAN");
    expect(first).toContain("NOMOR 800/2185/BKPSDM.II/2024");
    expect(first).toContain("TENTANG");
    expect(first).toContain("NETRALITAS APARATUR SIPIL NEGARA");
    expect(first).not.toMatch(/-\s*1\s*-/);
    const all = pages.join("\n");
    for (const heading of [
      "1. Latar Belakang",
      "2. Maksud dan Tujuan",
      "3. Ruang Lingkup",
      "4. Dasar",
      "5. Isi Edaran",
      "6. Penutup",
    ])
      expect(all).toContain(heading);
    expect(pages[1]).toMatch(/-\s*2\s*-/);
    expect(last).toContain("Ditetapkan di Bengkulu");
    expect(last).toContain("PENJABAT WALI KOTA BENGKULU,");
    expect(last).toContain("ARIF GUNADI");
    // A Pj Wali Kota is shown without pangkat and NIP (Permendagri 1/2023 Pasal 44).
    expect(last).not.toContain("NIP");
    expect(last).toContain("Tembusan:");
    expect(last).toContain("Inspektur Kota Bengkulu.");
  });

  it("prints the same letter on F4 (215 × 330 mm) pages", async () => {
    const pages = toPdfPages(await renderEdaranDocx(makeSampleInput(), { profile: { paper: "F4" } }), "f4");
    expect(pages.length).toBeLessThanOrEqual(4);
    expect(pages.join("\n")).toContain("NOMOR 800/....../BKPSDM.II/2024");
    const size = execFileSync("pdfinfo", [join(dir, "f4.pdf")], { encoding: "utf8" });
    // 215 × 330 mm ≈ 609.4 × 935.4 pt; twip rounding gives 610 × 936.
    const [w = 0, h = 0] = (/Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(size) ?? []).slice(1).map(Number);
    expect(Math.abs(w - 609.4)).toBeLessThan(1.5);
    expect(Math.abs(h - 935.4)).toBeLessThan(1.5);
  });
});
