import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { columnName, columnWidths, MAX_COLUMN_WIDTH, toXlsx, wibSerial } from "../../src/audit/export-xlsx.js";
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
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });

  it("holds-the-package-parts-and-a-bold-header-row", () => {
    const files = unzipSync(toXlsx(rows, { sheetName: "Matriks" }));
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
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

  it("drops-nul-del-and-c1-controls-from-the-sheet-xml-and-keeps-tab-and-newline", () => {
    const sheet = strFromU8(
      unzipSync(toXlsx([["a\u0000b\u007fc\u0085d\u009b", "baris\nkedua\ttab"]]))["xl/worksheets/sheet1.xml"]!,
    );
    expect(sheet).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(sheet).toContain(">abcd</t>");
    expect(sheet).toContain("baris\nkedua\ttab");
  });

  it("writes-instants-as-date-cells-that-show-wib-time-in-libreoffice", () => {
    const dated = [
      ["OPD", "Dikonfirmasi pada (WIB)"],
      ["Dinas Kesehatan", new Date("2026-11-25T09:03:00.000Z")],
      // 17:00Z is midnight WIB of the next day.
      ["BKPSDM", new Date("2024-11-20T17:00:00.000Z")],
      ["Kecamatan Ratu Agung", null],
    ];
    const files = unzipSync(toXlsx(dated));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain(`<c r="B2" s="2"><v>${wibSerial(new Date("2026-11-25T09:03:00.000Z"))}</v></c>`);
    expect(strFromU8(files["xl/styles.xml"]!)).toContain('formatCode="dd/mm/yyyy hh&quot;.&quot;mm"');
    const path = join(dir, "tanggal.xlsx");
    writeFileSync(path, toXlsx(dated));
    expect(libreOfficeCsv(path).trim().split(/\r?\n/)).toEqual([
      "OPD,Dikonfirmasi pada (WIB)",
      "Dinas Kesehatan,25/11/2026 16.03",
      "BKPSDM,21/11/2024 00.00",
      "Kecamatan Ratu Agung,",
    ]);
  });

  it("fits-column-widths-to-the-longest-cell-capped-and-keeps-the-header-frozen", () => {
    const long = "x".repeat(500);
    const widths = columnWidths([
      ["OPD", "Catatan", "Waktu"],
      ["Dinas Kesehatan", long, new Date("2024-01-01T00:00:00Z")],
      ["A", "baris satu\nbaris dua", null],
    ]);
    expect(widths[0]).toBe("Dinas Kesehatan".length + 2);
    expect(widths[1]).toBe(MAX_COLUMN_WIDTH);
    expect(widths[2]).toBe("01/01/2024 07.00".length + 2);
    const sheet = strFromU8(unzipSync(toXlsx(rows))["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toMatch(
      /<sheetViews>.*state="frozen".*<\/sheetViews><cols><col min="1" max="1" width="\d+" customWidth="1"\/>/,
    );
    expect(sheet).toContain(
      `<col min="1" max="1" width="${"Kecamatan Ratu Agung, Kota Bengkulu".length + 2}" customWidth="1"/>`,
    );
  });
});
