// The letter as a signed PDF: rendered by edaran itself (render/pdf) with the same options as the signed DOCX
// (nomor, TTE box, QR), then signed through whichever PdfSigning the instance runs (local CA or BSrE), the
// PAdES widget placed on the TTE box the PDF drew, so a reader's viewer shows the signature where the box is.

import type { EdaranInput } from "../domain/edaran-input.js";
import { sha256Hex } from "../domain/encoding.js";
import type { RenderOptions } from "../render/docx.js";
import { renderEdaranPdf } from "../render/pdf/render-pdf.js";
import type { PdfSigning, PdfSignRequest } from "./pades/pdf-signer-port.js";

export interface SignedLetterPdf {
  bytes: Uint8Array;
  sha256: string;
}

export async function signLetterPdf(
  signing: PdfSigning,
  input: EdaranInput,
  options: RenderOptions,
  request: Omit<PdfSignRequest, "widget">,
): Promise<SignedLetterPdf> {
  const { bytes, tteBox } = await renderEdaranPdf(input, options);
  const widget = tteBox
    ? { page: tteBox.page, rect: [tteBox.x, tteBox.y, tteBox.x + tteBox.width, tteBox.y + tteBox.height] as const }
    : undefined;
  const signed = await signing.sign(bytes, { ...request, ...(widget ? { widget } : {}) });
  return { bytes: signed, sha256: await sha256Hex(signed) };
}
