// CSV export for the Inspektorat (RFC 4180), made to open cleanly in Excel and to be safe there.

export type CellValue = string | number | boolean | null | undefined;

/** Excel reads a file as UTF-8 only when it starts with this byte order mark. */
export const UTF8_BOM = "\uFEFF";

// Cells starting with these are run as formulas by spreadsheet apps (OWASP "CSV injection");
// tab and CR are on the list too because Excel strips them before looking at the next character.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will show but never evaluate: a leading quote neutralises formula starts. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: numbers as written, text formula-safe and quoted when it holds a comma, quote or line break. */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "ya" : "tidak";
  const text = neutraliseFormula(value);
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
