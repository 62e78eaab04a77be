import { arrayBufferView } from "../domain/encoding.js";
import { DOCX_CONTENT_TYPE, letterDocxFileName, PDF_CONTENT_TYPE } from "../domain/letter-file-name.js";

/**
 * A letter's DOCX as a download, named as the email attachment is (letterDocxFileName). Response bodies want an
 * ArrayBuffer-backed view, which the renderer's bytes may not be.
 */
export function docxResponse(
  bytes: Uint8Array,
  letter: { id: string; nomor: string | null },
  fallbackName: string,
): Response {
  const fileName = letterDocxFileName(letter, fallbackName);
  const body = arrayBufferView(bytes);
  return new Response(body, {
    headers: {
      "Content-Type": DOCX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** The signed PDF as a download, named like the DOCX. */
export function pdfResponse(bytes: Uint8Array, letter: { id: string; nomor: string | null }, fallbackName: string) {
  return new Response(arrayBufferView(bytes), {
    headers: {
      "Content-Type": PDF_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${letterDocxFileName(letter, fallbackName, "pdf")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
