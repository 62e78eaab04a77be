export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A safe ASCII file name: SE-800-2185-BKPSDM.II-2024.docx, or SE-konsep-<id>.docx before numbering. */
export function docxFileName(row: { id: string; nomor: string | null }, fallback: string): string {
  const base = row.nomor ? `SE-${row.nomor.replaceAll("/", "-")}` : `SE-${fallback}-${row.id.slice(0, 8)}`;
  return `${base.replace(/[^A-Za-z0-9.\-_]/g, "_")}.docx`;
}

/** A DOCX download. Response bodies want an ArrayBuffer-backed view, which the renderer's bytes may not be. */
export function docxResponse(bytes: Uint8Array, fileName: string): Response {
  const body = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  return new Response(body, {
    headers: {
      "Content-Type": DOCX_TYPE,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
