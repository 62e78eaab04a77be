// Adds an empty PAdES signature to a PDF as an incremental update (ISO 32000-1 §7.5.6): the original bytes
// stay as they are, and new objects follow them: the signature dictionary (/ETSI.CAdES.detached, a zeroed
// /Contents and a /ByteRange filled in here), its widget on a page (a rectangle, or none for an invisible
// signature), the page with the widget in /Annots and the catalog's /AcroForm listing the field. pdf-lib only
// reads the file (it copes with object and xref streams); every byte written comes from this module.
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFString,
} from "pdf-lib";
import { asciiBytes, type ByteRange, latin1 } from "./byte-range.js";
import { pdfDate } from "./pdf-date.js";

export interface SignatureWidget {
  /** 0-based page index. */
  page: number;
  /** [x1, y1, x2, y2] in PDF points, origin bottom left (the page's user space). */
  rect: readonly [number, number, number, number];
}

export interface PlaceholderOptions {
  signingTime: Date;
  /** Absent: an invisible signature (a zero rectangle on the first page). */
  widget?: SignatureWidget;
  /** Bytes reserved for the CMS SignedData. */
  contentsSize: number;
  name?: string;
  reason?: string;
  location?: string;
}

export interface PreparedPdf {
  pdf: Uint8Array;
  byteRange: ByteRange;
}

const BYTE_RANGE_SLOT = "/ByteRange [0 0000000000 0000000000 0000000000]";

function lastStartXref(text: string): number {
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-1024));
  if (!m) throw new Error("no startxref at the end of the PDF");
  return Number(m[1]);
}

function textString(s: string): string {
  return PDFHexString.fromText(s).toString();
}

function withItem(context: PDFDocument["context"], array: PDFArray | undefined, item: PDFObject): PDFArray {
  const out = array ? array.clone(context) : context.obj([]);
  out.push(item);
  return out;
}

export async function addSignaturePlaceholder(input: Uint8Array, opts: PlaceholderOptions): Promise<PreparedPdf> {
  const doc = await PDFDocument.load(input, { updateMetadata: false });
  const { context } = doc;
  const pages = doc.getPages();
  const pageIndex = opts.widget?.page ?? 0;
  const page = pages[pageIndex];
  if (!page) throw new RangeError(`page ${pageIndex} does not exist (the PDF has ${pages.length})`);

  // pdf-lib drops the object and xref streams it unpacked from its count, so the trailer's /Size decides too:
  // a new object must not reuse the number of an object stream the old xref still points into.
  const original = latin1(input);
  const prevXref = lastStartXref(original);
  const size = /\/Size\s+(\d+)/.exec(original.slice(prevXref, prevXref + 4096));
  let nextNumber = Math.max(context.largestObjectNumber + 1, Number(size?.[1] ?? 0));
  const sigRef = PDFRef.of(nextNumber++);
  const widgetRef = PDFRef.of(nextNumber++);
  const written = new Map<PDFRef, string>();

  const acroFormEntry = doc.catalog.get(PDFName.of("AcroForm"));
  const acroForm = acroFormEntry ? context.lookupMaybe(acroFormEntry, PDFDict) : undefined;
  const fieldsEntry = acroForm?.get(PDFName.of("Fields"));
  const fields = fieldsEntry ? context.lookupMaybe(fieldsEntry, PDFArray) : undefined;
  // The field name must be unique in the form: the first "Tanda Tangan n" not taken.
  const taken = new Set(
    (fields?.asArray() ?? []).map((f) => {
      const t = context.lookupMaybe(f, PDFDict)?.get(PDFName.of("T"));
      return t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : "";
    }),
  );
  let n = 1;
  while (taken.has(`Tanda Tangan ${n}`)) n++;
  const fieldName = `Tanda Tangan ${n}`;

  const rect = opts.widget?.rect ?? [0, 0, 0, 0];
  written.set(
    widgetRef,
    `<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T ${textString(fieldName)} /V ${sigRef} /P ${page.ref} /Rect [${rect.map((n) => PDFNumber.of(n).toString()).join(" ")}] >>`,
  );

  // The page gets the widget in /Annots (an indirect /Annots array is rewritten in place).
  const annotsEntry = page.node.get(PDFName.of("Annots"));
  if (annotsEntry instanceof PDFRef) {
    written.set(annotsEntry, withItem(context, context.lookup(annotsEntry, PDFArray), widgetRef).toString());
  } else {
    const pageDict = page.node.clone(context);
    pageDict.set(PDFName.of("Annots"), withItem(context, context.lookupMaybe(annotsEntry, PDFArray), widgetRef));
    written.set(page.ref, pageDict.toString());
  }

  // The form lists the field; SigFlags 3: the file has signatures and must be saved incrementally.
  const newFields = withItem(context, fields, widgetRef);
  const form = acroForm ? acroForm.clone(context) : context.obj({});
  form.set(PDFName.of("SigFlags"), PDFNumber.of(3));
  if (fieldsEntry instanceof PDFRef) written.set(fieldsEntry, newFields.toString());
  else form.set(PDFName.of("Fields"), newFields);
  if (acroFormEntry instanceof PDFRef) {
    written.set(acroFormEntry, form.toString());
  } else {
    const catalog = doc.catalog.clone(context);
    catalog.set(PDFName.of("AcroForm"), form);
    const rootRef = context.trailerInfo.Root;
    if (!(rootRef instanceof PDFRef)) throw new Error("the trailer has no /Root reference");
    written.set(rootRef, catalog.toString());
  }

  const optional = [
    opts.name ? `/Name ${textString(opts.name)}` : "",
    opts.reason ? `/Reason ${textString(opts.reason)}` : "",
    opts.location ? `/Location ${textString(opts.location)}` : "",
  ].join("");
  const contentsSlot = `/Contents <${"0".repeat(opts.contentsSize * 2)}>`;
  const sigBody = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_SLOT} ${contentsSlot} /M (${pdfDate(opts.signingTime)})${optional} >>`;
  written.set(sigRef, sigBody);

  // Write the update: the objects, then a cross-reference section of the same kind as the file's last one.
  let out = original.endsWith("\n") ? original : `${original}\n`;
  const offsets: { ref: PDFRef; offset: number }[] = [];
  let sigOffset = 0;
  for (const [ref, body] of written) {
    offsets.push({ ref, offset: out.length });
    if (ref === sigRef) sigOffset = out.length;
    out += `${ref.objectNumber} ${ref.generationNumber} obj\n${body}\nendobj\n`;
  }
  const trailerRefs = [
    `/Root ${context.trailerInfo.Root}`,
    context.trailerInfo.Info ? `/Info ${context.trailerInfo.Info}` : "",
    context.trailerInfo.ID ? `/ID ${context.trailerInfo.ID}` : "",
  ].join(" ");
  const xrefIsStream = !original.startsWith("xref", prevXref);
  if (xrefIsStream) out += xrefStream(PDFRef.of(nextNumber++), offsets, out.length, nextNumber, trailerRefs, prevXref);
  else out += xrefTable(offsets, out.length, nextNumber, trailerRefs, prevXref);

  const bytes = asciiBytes(out);
  const headerAt = out.indexOf(BYTE_RANGE_SLOT, sigOffset);
  const contentsStart = out.indexOf(contentsSlot, sigOffset) + "/Contents ".length;
  const contentsEnd = contentsStart + contentsSlot.length - "/Contents ".length;
  const byteRange = [0, contentsStart, contentsEnd, bytes.length - contentsEnd] as const;
  // Same width as the slot: the numbers have at most 10 digits each, spaces fill the rest.
  bytes.set(asciiBytes(`/ByteRange [${byteRange.join(" ")}]`.padEnd(BYTE_RANGE_SLOT.length, " ")), headerAt);
  return { pdf: bytes, byteRange };
}

function sections(offsets: { ref: PDFRef; offset: number }[]): { ref: PDFRef; offset: number }[] {
  return [...offsets].sort((x, y) => x.ref.objectNumber - y.ref.objectNumber);
}

function xrefTable(
  offsets: { ref: PDFRef; offset: number }[],
  at: number,
  size: number,
  trailerRefs: string,
  prev: number,
): string {
  const rows = sections(offsets).map(
    (o) =>
      `${o.ref.objectNumber} 1\n${String(o.offset).padStart(10, "0")} ${String(o.ref.generationNumber).padStart(5, "0")} n\r\n`,
  );
  return `xref\n${rows.join("")}trailer\n<< /Size ${size} ${trailerRefs} /Prev ${prev} >>\nstartxref\n${at}\n%%EOF\n`;
}

function xrefStream(
  self: PDFRef,
  offsets: { ref: PDFRef; offset: number }[],
  at: number,
  size: number,
  trailerRefs: string,
  prev: number,
): string {
  const entries = sections([...offsets, { ref: self, offset: at }]);
  // W [1 4 2]: type 1 (in use), a 4-byte offset, a 2-byte generation; one subsection per object.
  let data = "";
  for (const e of entries) {
    const o = e.offset;
    const g = e.ref.generationNumber;
    data += String.fromCharCode(
      1,
      (o >>> 24) & 255,
      (o >>> 16) & 255,
      (o >>> 8) & 255,
      o & 255,
      (g >>> 8) & 255,
      g & 255,
    );
  }
  const index = entries.map((e) => `${e.ref.objectNumber} 1`).join(" ");
  return `${self.objectNumber} 0 obj\n<< /Type /XRef /Size ${size} /Index [${index}] /W [1 4 2] ${trailerRefs} /Prev ${prev} /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`;
}
