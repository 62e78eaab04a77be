// A minimal valid XLSX (one sheet, bold frozen header row, inline strings, WIB date cells, fitted column
// widths) built with fflate, so it runs in workerd.
import { strToU8, zipSync } from "fflate";
import { WIB_OFFSET_MS } from "../domain/indonesian-date.js";
import { stripControlChars } from "../domain/printable-text.js";
import { type CellValue, cellText } from "./export-csv.js";

export interface XlsxOptions {
  /** Sheet tab name; Excel allows 31 characters and no []:*?/\ . */
  sheetName?: string;
  /** Make the first row bold and freeze it (default true). */
  boldHeader?: boolean;
}

/** Column widths in characters: at least this, at most that, so one long note does not make a 300-wide column. */
export const MIN_COLUMN_WIDTH = 6;
export const MAX_COLUMN_WIDTH = 60;

// Style indexes in STYLES' cellXfs.
const STYLE_BOLD = 1;
const STYLE_DATE = 2;
// 25569 = days from Excel's 1899-12-30 epoch to 1970-01-01.
const EXCEL_EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;

/**
 * A spreadsheet date serial of the instant's WIB wall-clock time: spreadsheets have no time zones, so the
 * cell holds what a reader in Kota Bengkulu expects to see.
 */
export function wibSerial(instant: Date): number {
  return (instant.getTime() + WIB_OFFSET_MS) / DAY_MS + EXCEL_EPOCH_DAYS;
}

/** Each column's width in characters: the longest shown text (longest line) of any row, plus padding, capped. */
export function columnWidths(rows: readonly (readonly CellValue[])[]): number[] {
  const widths: number[] = [];
  for (const [r, row] of rows.entries()) {
    for (const [c, value] of row.entries()) {
      const longestLine = Math.max(
        0,
        ...cellText(value)
          .split(/\r?\n/)
          .map((l) => l.length),
      );
      // The bold header is a little wider than plain text.
      const need = Math.ceil(longestLine * (r === 0 ? 1.15 : 1)) + 2;
      widths[c] = Math.max(widths[c] ?? MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, need));
    }
  }
  return Array.from(widths, (w) => w ?? MIN_COLUMN_WIDTH);
}

// A fixed timestamp keeps the bytes the same for the same rows (no clock in this module).
const ZIP_MTIME = new Date(Date.UTC(1980, 0, 1));

/**
 * XML-escape, and drop control characters: those XML 1.0 cannot carry at all would make the file unreadable,
 * and DEL / C1 controls show as boxes or nothing.
 */
function xmlText(text: string): string {
  return stripControlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, " ")
    .trim()
    .slice(0, 31);
  return cleaned || "Sheet1";
}

function cellXml(value: CellValue, ref: string, style: number): string {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === undefined || value === "") return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    return `<c r="${ref}" s="${style === STYLE_BOLD ? STYLE_BOLD : STYLE_DATE}"><v>${wibSerial(value)}</v></c>`;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : "";
  }
  const text = typeof value === "boolean" ? (value ? "ya" : "tidak") : value;
  // Inline strings are never evaluated as formulas, so no quote prefix is needed here (unlike CSV).
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function sheetXml(rows: readonly (readonly CellValue[])[], boldHeader: boolean): string {
  const body = rows
    .map((row, r) => {
      const style = boldHeader && r === 0 ? STYLE_BOLD : 0;
      const cells = row.map((v, c) => cellXml(v, `${columnName(c)}${r + 1}`, style)).join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  const freeze =
    boldHeader && rows.length > 1
      ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
      : "";
  const widths = columnWidths(rows);
  const cols = widths.length
    ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  // Element order is fixed by the schema: sheetViews, cols, sheetData.
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `${freeze}${cols}<sheetData>${body}</sheetData></worksheet>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  "</Relationships>";

// Style 0 is normal, style 1 uses font 1 (bold), style 2 is a WIB date-time "25/11/2026 16.03" (the
// Indonesian hour.minute dot is quoted so no app reads it as a decimal point).
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh&quot;.&quot;mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

function workbookXml(sheetName: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${xmlText(safeSheetName(sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>`
  );
}

/** Rows (header first) to the bytes of an .xlsx file. Same rows, same bytes. */
export function toXlsx(rows: readonly (readonly CellValue[])[], options: XlsxOptions = {}): Uint8Array {
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(ROOT_RELS),
    "xl/workbook.xml": strToU8(workbookXml(options.sheetName ?? "Sheet1")),
    "xl/_rels/workbook.xml.rels": strToU8(WORKBOOK_RELS),
    "xl/styles.xml": strToU8(STYLES),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml(rows, options.boldHeader !== false)),
  };
  return zipSync(parts, { level: 6, mtime: ZIP_MTIME });
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
