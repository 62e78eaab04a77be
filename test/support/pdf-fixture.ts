// Plain PDFs to sign in tests until the letter's own PDF lands: pdfkit (classic xref table) and pdf-lib
// (object streams and an xref stream), so the incremental update is tried on both kinds of file.

import { PDFDocument as PdfLibDocument, StandardFonts } from "pdf-lib";
import PDFDocument from "pdfkit";

export async function makePdfkitPdf(pages = 2): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", compress: false, info: { CreationDate: new Date(Date.UTC(2024, 4, 1)) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    doc.fontSize(12).text(`SURAT EDARAN — halaman ${i + 1}`, 72, 72);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

export async function makePdfLibPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PdfLibDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc.addPage([595, 842]).drawText(`SURAT EDARAN halaman ${i + 1}`, { x: 72, y: 760, font });
  return doc.save({ useObjectStreams: true });
}
