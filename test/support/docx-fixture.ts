// DOCX bytes for the signing tests: a tiny hand-made package and a realistic one from the docx package.
import { Document, ImageRun, Packer, Paragraph, TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { qrPng } from "../../src/sign/qr.js";

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  "</Types>";
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  "</Relationships>";

function documentXml(text: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`
  );
}

/** A minimal valid DOCX, a few hundred bytes before signing. */
export function makeTinyDocx(text = "Surat Edaran uji"): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "_rels/.rels": strToU8(RELS),
      "word/document.xml": strToU8(documentXml(text)),
    },
    { level: 6, mtime: new Date("2024-01-01T00:00:00Z") },
  );
}

/** A DOCX the way the renderer makes them: the docx package, several paragraphs and a PNG image. */
export async function makeRealisticDocx(): Promise<Uint8Array> {
  const image = await qrPng("https://edaran.example.go.id/v/01HZXSAMPLE");
  const paragraphs = Array.from(
    { length: 40 },
    (_, i) =>
      new Paragraph({
        children: [
          new TextRun(
            `${i + 1}. Aparatur Sipil Negara di lingkungan Pemerintah Kota wajib menjaga netralitas dalam penyelenggaraan Pemilihan Umum.`,
          ),
        ],
      }),
  );
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: "SURAT EDARAN", bold: true })] }),
          new Paragraph({ children: [new TextRun("NOMOR: 800.1.4/123/BKPSDM.II/2024")] }),
          ...paragraphs,
          new Paragraph({
            children: [new ImageRun({ type: "png", data: image, transformation: { width: 100, height: 100 } })],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
