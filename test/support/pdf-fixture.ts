// Plain PDFs to sign in tests until the letter's own PDF lands: pdfkit writes a classic xref table (see
// pdf-lib-pdf.ts for the other kind of file). Node only: pdfkit reads its fonts from disk.

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
