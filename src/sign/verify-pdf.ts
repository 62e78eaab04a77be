// One verdict for a signed PDF, shared by the server check (verify-letter.ts) and the offline CLI: every
// signature intact and chaining to a trusted root, and nothing appended after the last one. The signer is named
// from the last signature's certificate (the one that covers the whole file).
import { type PdfSignatureReport, type PdfTrust, verifyPdfSignatures } from "./pades/verify-pdf-signatures.js";

export type PdfRefusal = "unsigned" | "tampered" | "appended" | "untrusted";

export type PdfVerifyResult =
  | { status: "authentic"; signature: PdfSignatureReport }
  | { status: "refused"; reason: PdfRefusal; signature?: PdfSignatureReport };

export async function verifyPdf(pdf: Uint8Array, trust: PdfTrust): Promise<PdfVerifyResult> {
  const reports = await verifyPdfSignatures(pdf, trust);
  const last = reports.at(-1);
  if (!last) return { status: "refused", reason: "unsigned" };
  const bad = reports.find((r) => !r.intact);
  if (bad) return { status: "refused", reason: "tampered", signature: bad };
  if (!last.coversWholeFile) return { status: "refused", reason: "appended", signature: last };
  const untrusted = reports.find((r) => r.certificateStatus === "untrusted");
  if (untrusted) return { status: "refused", reason: "untrusted", signature: untrusted };
  return { status: "authentic", signature: last };
}

const refusalText: Record<PdfRefusal, string> = {
  unsigned:
    "BUKAN PDF BERTANDA TANGAN: berkas PDF ini tidak memuat tanda tangan elektronik (mungkin dicetak ulang atau dibuat dari salinan). Unduh PDF bertanda tangan dari tautan surat untuk memeriksanya.",
  tampered: "Dokumen TIDAK COCOK: isi PDF telah diubah setelah ditandatangani, atau tanda tangannya rusak.",
  appended: "Dokumen TIDAK COCOK: ada isi yang ditambahkan ke PDF setelah ditandatangani.",
  untrusted:
    "Dokumen TIDAK COCOK: sertifikat penanda tangan tidak diterbitkan oleh otoritas yang dipercaya (CA instansi ini atau BSrE).",
};

/** One sentence in Bahasa Indonesia for pages, the API and the CLI. */
export function pdfVerifyMessage(result: PdfVerifyResult): string {
  if (result.status === "authentic") {
    const s = result.signature;
    return `Dokumen AUTENTIK: PDF ini utuh dan ditandatangani secara elektronik oleh ${s.signerName}${s.jabatan ? ` (${s.jabatan})` : ""} dengan sertifikat yang dipercaya.`;
  }
  return refusalText[result.reason];
}
