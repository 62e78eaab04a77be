// A PDF with object streams and an xref stream (pdf-lib's default), so the incremental update is tried on that
// kind of file too; pdf-lib runs inside workerd as well.
import { PDFDocument as PdfLibDocument, StandardFonts } from "pdf-lib";

export async function makePdfLibPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PdfLibDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc.addPage([595, 842]).drawText(`SURAT EDARAN halaman ${i + 1}`, { x: 72, y: 760, font });
  return doc.save({ useObjectStreams: true });
}
