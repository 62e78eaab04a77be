import { describe, expect, it } from "vitest";
import { csvField, instantCell, toCsv, toCsvBytes, UTF8_BOM, wibDateTime } from "../../src/audit/export-csv.js";

/** A small RFC 4180 reader, to prove what we write parses back to the same values. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe("toCsv", () => {
  it("starts-with-a-utf8-bom-and-ends-lines-with-crlf", () => {
    const csv = toCsv([
      ["OPD", "Status"],
      ["Dinas Kesehatan", "dikonfirmasi"],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe("OPD,Status\r\nDinas Kesehatan,dikonfirmasi\r\n");
    const bytes = toCsvBytes([["a"]]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("can-leave-the-bom-out", () => {
    expect(toCsv([["a", "b"]], { bom: false })).toBe("a,b\r\n");
  });

  it("quotes-fields-with-commas-quotes-and-line-breaks-and-they-parse-back", () => {
    const rows = [
      ["nama", "catatan"],
      ['Budi "Bob" Santoso', "baris satu\nbaris dua"],
      ["Kota Bengkulu, Provinsi Bengkulu", "a\r\nb"],
    ];
    const csv = toCsv(rows, { bom: false });
    expect(csv).toContain('"Budi ""Bob"" Santoso"');
    expect(parseCsv(csv)).toEqual(rows);
  });

  it("prefixes-formula-starts-with-a-quote-so-excel-does-not-run-them", () => {
    for (const hostile of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]) {
      const field = csvField(hostile);
      const unquoted = field.startsWith('"') ? field.slice(1) : field;
      expect(unquoted.startsWith("'")).toBe(true);
    }
    expect(csvField("aman")).toBe("aman");
  });

  it("drops-nul-escape-del-and-c1-controls-so-none-reaches-the-file-raw-and-none-hides-a-formula", () => {
    const csv = toCsv([["Bu\u0000di\u001b[31m", "catatan\u007f\u0085\u009b", '\u0000=HYPERLINK("http://x")']], {
      bom: false,
    });
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(parseCsv(csv)).toEqual([["Budi[31m", "catatan", `'=HYPERLINK("http://x")`]]);
    // Tab, newline and CR are text and stay (quoted).
    expect(csvField("baris satu\nbaris\tdua")).toBe('"baris satu\nbaris\tdua"');
  });

  it("writes-numbers-as-numbers-including-negatives-and-empty-for-missing", () => {
    expect(toCsv([[-5, 12.5, null, undefined, true, false]], { bom: false })).toBe("-5,12.5,,,ya,tidak\r\n");
  });

  it("keeps-non-ascii-text", () => {
    const csv = toCsv([["Kepala Dinas Pekerjaan Umum dan Penataan Ruang — Ñ é"]], { bom: false });
    expect(new TextDecoder().decode(new TextEncoder().encode(csv))).toContain("— Ñ é");
  });

  it("writes-instants-as-wib-day-month-year-hour-dot-minute-across-the-utc-midnight", () => {
    expect(wibDateTime(new Date("2026-11-25T09:03:00Z"))).toBe("25/11/2026 16.03");
    // 17:00Z is already the next day in WIB.
    expect(wibDateTime(new Date("2024-11-20T17:00:00Z"))).toBe("21/11/2024 00.00");
    expect(wibDateTime(new Date("2024-12-31T16:59:00Z"))).toBe("31/12/2024 23.59");
    expect(
      toCsv([[instantCell("2024-11-20T16:59:00.000Z"), instantCell(null), instantCell("bukan waktu")]], { bom: false }),
    ).toBe("20/11/2024 23.59,,\r\n");
  });
});
