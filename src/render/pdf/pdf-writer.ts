// Draws laid-out pages with pdf-lib: Liberation Sans embedded as subsets, PNGs embedded once each, fixed metadata
// and a document ID derived from the content, so the same letter always gives the same bytes.
import type { PDFFont, PDFImage, PDFName, PDFOperator, PDFPage } from "pdf-lib";
import type { DrawOp } from "./flow.js";
import type { FontStyle, LetterFonts } from "./fonts.js";

/** A drawn page: its ops with x, y from the page's top-left corner (points). */
export interface DrawnPage {
  ops: DrawOp[];
}

export interface PdfMeta {
  title: string;
  author: string;
  /** The letter's date: creation and modification date alike. */
  date: Date;
  /** 16 bytes naming the document (the trailer's /ID), from its content. */
  id: Uint8Array;
}

/** The page's resource names of the two faces. */
function fontKeys(page: PDFPage, fonts: Record<FontStyle, PDFFont>): Record<FontStyle, PDFName> {
  return {
    regular: page.node.newFontDictionary(fonts.regular.name, fonts.regular.ref),
    bold: page.node.newFontDictionary(fonts.bold.name, fonts.bold.ref),
  };
}

type TextOp = Extract<DrawOp, { kind: "text" }>;
// pdf-lib is loaded on the first PDF only: it costs a server several MiB and only rendering and signing need it.
type PdfLib = typeof import("pdf-lib");

/**
 * One line of text as PDF operators, without pdf-lib's drawText (which shapes and validates every call): the text is
 * encoded once, and a justified line's spaces are widened inside one TJ array. Ligatures are off, so each character
 * is one two-byte glyph code of the hex string.
 */
function textOperators(lib: PdfLib, op: TextOp, font: PDFFont, key: PDFName, y: number): PDFOperator[] {
  const { PDFArray, PDFHexString, PDFNumber, PDFOperator, PDFOperatorNames } = lib;
  const { beginText, endText, setFontAndSize, setTextMatrix, showText } = lib;
  const encoded = font.encodeText(op.text);
  let shown: PDFOperator;
  if (op.spaceExtra > 0) {
    const hexCodes = encoded.asString();
    const parts = PDFArray.withContext(font.doc.context);
    let start = 0;
    let at = 0;
    for (const ch of op.text) {
      at += 4;
      if (ch === " ") {
        parts.push(PDFHexString.of(hexCodes.slice(start, at)));
        // TJ numbers are thousandths of the font size, subtracted from the advance.
        parts.push(PDFNumber.of(-(op.spaceExtra * 1000) / op.sizePt));
        start = at;
      }
    }
    parts.push(PDFHexString.of(hexCodes.slice(start)));
    shown = PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [parts]);
  } else {
    shown = showText(encoded);
  }
  return [beginText(), setFontAndSize(key, op.sizePt), setTextMatrix(1, 0, 0, 1, op.x, y), shown, endText()];
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

export async function writePdf(
  pages: DrawnPage[],
  size: { width: number; height: number },
  fonts: LetterFonts,
  meta: PdfMeta,
): Promise<Uint8Array> {
  const lib = await import("pdf-lib");
  const { PDFArray, PDFDocument, PDFHexString, rgb } = lib;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fonts.fontkit);
  // Fixed subset names (a fixed six-letter subset tag): pdf-lib would otherwise add a random suffix. No ligatures or kerning, as the layout measured.
  const features = { liga: false, kern: false, clig: false, calt: false };
  const embedded: Record<FontStyle, PDFFont> = {
    regular: await doc.embedFont(fonts.bytes.regular, { subset: true, customName: "EDRNAA+LiberationSans", features }),
    bold: await doc.embedFont(fonts.bytes.bold, { subset: true, customName: "EDRNAB+LiberationSans-Bold", features }),
  };
  const images = new Map<Uint8Array, PDFImage>();
  const image = async (png: Uint8Array) => {
    let img = images.get(png);
    if (!img) {
      img = await doc.embedPng(png);
      images.set(png, img);
    }
    return img;
  };
  const black = rgb(0, 0, 0);
  for (const p of pages) {
    const page = doc.addPage([size.width, size.height]);
    const top = (y: number) => size.height - y;
    const keys = fontKeys(page, embedded);
    for (const op of p.ops) {
      if (op.kind === "text") {
        page.pushOperators(...textOperators(lib, op, embedded[op.style], keys[op.style], top(op.baseline)));
        if (op.underline) {
          const width = fonts.metrics[op.style].widthOf(op.text, op.sizePt);
          const y = top(op.baseline) - op.sizePt * 0.106;
          page.drawRectangle({ x: op.x, y: y - op.sizePt * 0.0366, width, height: op.sizePt * 0.0732, color: black });
        }
      } else if (op.kind === "image") {
        page.drawImage(await image(op.png), { x: op.x, y: top(op.y + op.height), width: op.width, height: op.height });
      } else if (op.kind === "rule") {
        page.drawRectangle({
          x: op.x,
          y: top(op.y + op.thickness),
          width: op.width,
          height: op.thickness,
          color: black,
        });
      }
    }
  }
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setCreator("edaran");
  doc.setProducer("edaran (pdf-lib)");
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  const id = PDFHexString.of(hex(meta.id));
  const ids = PDFArray.withContext(doc.context);
  ids.push(id);
  ids.push(id);
  doc.context.trailerInfo.ID = ids;
  // Classic cross-reference table, no object streams: what incremental-update PAdES signing expects to append to.
  return doc.save({ useObjectStreams: false });
}
