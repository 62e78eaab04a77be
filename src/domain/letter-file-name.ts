// The one name a letter's DOCX carries everywhere: the download from the app and the email attachment,
// so the file the OPD head saves from the email is the same file name the verify page offers.

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PDF_CONTENT_TYPE = "application/pdf";

/** A safe ASCII file name: SE-800-2185-BKPSDM.II-2024.docx, or SE-<fallback>-<id prefix>.docx before numbering. */
export function letterDocxFileName(
  row: { id: string; nomor: string | null },
  fallback: string,
  extension: "docx" | "pdf" = "docx",
): string {
  const base = row.nomor ? `SE-${row.nomor.replaceAll("/", "-")}` : `SE-${fallback}-${row.id.slice(0, 8)}`;
  return `${base.replace(/[^A-Za-z0-9.\-_]/g, "_")}.${extension}`;
}
