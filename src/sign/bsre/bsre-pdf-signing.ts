// The BSrE adapter of PdfSigning: BSrE holds the official's key and returns the PDF already signed, so this
// sends the whole file (after checking the official may sign) and checks that what comes back is the same
// document with one more signature.
import { AppError } from "../../domain/app-error.js";
import { findSignatures } from "../pades/byte-range.js";
import type { PdfSigning } from "../pades/pdf-signer-port.js";
import type { SignatureWidget } from "../pades/signature-placeholder.js";
import type { BsreClient, BsreSignatureProperties } from "./bsre-client.js";

/** Our widget (0-based page, [x1 y1 x2 y2] in points from the bottom left) as BSrE's 1-based page and box. */
export function signatureProperties(
  widget: SignatureWidget | undefined,
  extra: { reason?: string; location?: string },
): BsreSignatureProperties {
  const text = {
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.location ? { location: extra.location } : {}),
  };
  if (!widget) return { tampilan: "INVISIBLE", ...text };
  const [x1, y1, x2, y2] = widget.rect;
  return {
    tampilan: "VISIBLE",
    page: widget.page + 1,
    originX: Math.min(x1, x2),
    originY: Math.min(y1, y2),
    width: Math.abs(x2 - x1),
    height: Math.abs(y2 - y1),
    ...text,
  };
}

export function bsrePdfSigning(client: BsreClient): PdfSigning {
  return {
    async sign(pdf, request) {
      if (!request.nik) {
        throw new AppError("validation_failed", "NIK penandatangan belum diisi", [
          { path: "nik", message: "Isi NIK penandatangan yang terdaftar di BSrE" },
        ]);
      }
      await client.checkStatus(request.nik);
      const [signed] = await client.signPdf({
        nik: request.nik,
        ...(request.credential.kind === "passphrase"
          ? { passphrase: request.credential.passphrase }
          : { totp: request.credential.totp }),
        signatureProperties: [signatureProperties(request.widget, request)],
        file: [pdf],
      });
      if (!signed || findSignatures(signed).length <= findSignatures(pdf).length) {
        throw new AppError("bsre_unavailable", "Dokumen dari layanan BSrE tidak memuat tanda tangan baru");
      }
      return signed;
    },
  };
}
