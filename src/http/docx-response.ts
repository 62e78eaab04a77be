import { letterDocxFileName } from "../domain/letter-file-name.js";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The download name of a letter's DOCX; the email attachment uses the same function. */
export const docxFileName = letterDocxFileName;

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
