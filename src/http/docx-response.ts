import { arrayBufferView } from "../domain/encoding.js";
import { DOCX_CONTENT_TYPE, letterDocxFileName } from "../domain/letter-file-name.js";

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
