// CSV export for the Inspektorat (RFC 4180), made to open cleanly in Excel and to be safe there.
import { formatWaktuSingkatWib } from "../domain/indonesian-date.js";
import { stripControlChars } from "../domain/printable-text.js";

/** A Date is an instant: CSV writes it as WIB text, XLSX as a real date cell (WIB wall-clock time). */
export type CellValue = string | number | boolean | Date | null | undefined;

/** An instant as WIB "25/11/2026 16.03": exports show the times the screens show. */
export const wibDateTime = formatWaktuSingkatWib;

/** An ISO instant (as stored) to a Date for an export cell; null for null or an unreadable value. */
export function instantCell(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The text a cell shows (CSV field before quoting, XLSX column width). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : wibDateTime(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "ya" : "tidak";
  return value;
}

/** Excel reads a file as UTF-8 only when it starts with this byte order mark. */
export const UTF8_BOM = "\uFEFF";

// Cells starting with these are run as formulas by spreadsheet apps (OWASP "CSV injection");
// tab and CR are on the list too because Excel strips them before looking at the next character.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will show but never evaluate: a leading quote neutralises formula starts. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field: numbers as written, instants as WIB text, text formula-safe and quoted when it holds a comma, quote
 * or line break. Control characters (NUL, ESC, …) are dropped first, so none reaches the file raw and none can
 * hide a formula start from the check ("\u0000=cmd" is written '=cmd).
 */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean" || value instanceof Date) return cellText(value);
  const text = neutraliseFormula(stripControlChars(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Prefix the UTF-8 BOM (default true) so Excel shows "Kecamatan Ratu Agung" and "é" correctly. */
  bom?: boolean;
}

/** Rows (header first) to one CSV text with CRLF line ends, as RFC 4180 asks. */
export function toCsv(rows: readonly (readonly CellValue[])[], options: CsvOptions = {}): string {
  const body = rows.map((row) => row.map(csvField).join(",")).join("\r\n");
  return (options.bom === false ? "" : UTF8_BOM) + body + (rows.length ? "\r\n" : "");
}

/** The same as bytes, for a download response body. */
export function toCsvBytes(rows: readonly (readonly CellValue[])[], options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(toCsv(rows, options));
}
