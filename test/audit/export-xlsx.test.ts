import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { columnName, toXlsx } from "../../src/audit/export-xlsx.js";
import { convertWithLibreOffice } from "../support/libreoffice.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  ["OPD", "Terkirim", "Dikonfirmasi pada", "Persentase"],
  ["Dinas Kesehatan", 1, "2024-10-02 09:15", 100],
  ["Kecamatan Ratu Agung, Kota Bengkulu", 0, "", 0],
  ['Badan "Kesbangpol" <uji> & co', 1, "=1+1", 50.5],
  ["Baris dengan é ñ —", -3, "teks", 0.25],
];

/** Converts with the real LibreOffice into CSV and returns its lines. */
function libreOfficeCsv(xlsxPath: string): string {
  return readFileSync(convertWithLibreOffice(xlsxPath, "csv:Text - txt - csv (StarCalc):44,34,76", dir), "utf8");
}

describe("toXlsx", () => {
  it("names-columns-like-a-spreadsheet", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("holds-the-package-parts-and-a-bold-header-row", () => {
    const files = unzipSync(toXlsx(rows, { sheetName: "Matriks" }));
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
    ]);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t>OPD</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>1</v></c>');
    expect(sheet).toContain("Badan &quot;Kesbangpol&quot; &lt;uji&gt; &amp; co");
    expect(strFromU8(files["xl/styles.xml"]!)).toContain("<b/>");
    expect(strFromU8(files["xl/workbook.xml"]!)).toContain('name="Matriks"');
  });

  it("gives-the-same-bytes-for-the-same-rows", () => {
    expect(Buffer.from(toXlsx(rows)).equals(Buffer.from(toXlsx(rows)))).toBe(true);
  });

  it("opens-in-libreoffice-and-the-values-round-trip", () => {
    const path = join(dir, "matriks.xlsx");
    writeFileSync(path, toXlsx(rows, { sheetName: "Matriks" }));
    const csv = libreOfficeCsv(path);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toEqual([
      "OPD,Terkirim,Dikonfirmasi pada,Persentase",
      "Dinas Kesehatan,1,2024-10-02 09:15,100",
      '"Kecamatan Ratu Agung, Kota Bengkulu",0,,0',
      '"Badan ""Kesbangpol"" <uji> & co",1,=1+1,50.5',
      "Baris dengan é ñ —,-3,teks,0.25",
    ]);
  });

  it("drops-control-characters-xml-cannot-carry-instead-of-breaking-the-file", () => {
    const path = join(dir, "control.xlsx");
    writeFileSync(path, toXlsx([["a\u0001b", "c\u0008d"]]));
    expect(libreOfficeCsv(path).trim()).toBe("ab,cd");
  });
});
