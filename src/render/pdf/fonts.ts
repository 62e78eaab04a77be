// The letter's typeface: Liberation Sans Regular and Bold (metric-compatible with Arial, which LibreOffice itself
// substitutes for Arial), their metrics for the layout and the fontkit port pdf-lib embeds them with.

import fontkit, { type Font } from "fontkit";
import type { PDFDocument } from "pdf-lib";
import { liberationSans } from "./fonts.generated.js";

type FontkitPort = Parameters<PDFDocument["registerFontkit"]>[0];

export type FontStyle = "regular" | "bold";

/** Advance widths and vertical metrics of one face, in points at a given size; no kerning, as LibreOffice lays out. */
export interface FontMetrics {
  widthOf(text: string, sizePt: number): number;
  /** Single line spacing: ascent + descent + line gap, as LibreOffice spaces lines of this font. */
  lineHeight(sizePt: number): number;
  ascent(sizePt: number): number;
  descent(sizePt: number): number;
}

// fontkit 1.x sniffs the format with Buffer methods; pdf-lib hands it a Uint8Array.
export const fontkitPort: FontkitPort = {
  create: (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)),
} as unknown as FontkitPort; // cast: pdf-lib types its port after @pdf-lib/fontkit, whose Font has the same members we use

function metricsOf(font: Font): FontMetrics {
  const widths = new Map<number, number>();
  const unit = 1 / font.unitsPerEm;
  const advance = (cp: number) => {
    let w = widths.get(cp);
    if (w === undefined) {
      w = font.glyphForCodePoint(cp).advanceWidth * unit;
      widths.set(cp, w);
    }
    return w;
  };
  return {
    widthOf(text, sizePt) {
      let w = 0;
      for (const ch of text) w += advance(ch.codePointAt(0) ?? 0);
      return w * sizePt;
    },
    lineHeight: (s) => (font.ascent - font.descent + font.lineGap) * unit * s,
    ascent: (s) => font.ascent * unit * s,
    descent: (s) => -font.descent * unit * s,
  };
}

export interface LetterFonts {
  bytes: Record<FontStyle, Uint8Array>;
  metrics: Record<FontStyle, FontMetrics>;
}

let loaded: LetterFonts | undefined;

/**
 * Liberation Sans for a profile's font. Arial and Liberation Sans map to it directly; any other name (Bookman Old
 * Style, ...) also gets Liberation Sans, the only face shipped, so the PDF keeps the DOCX's Arial-like metrics.
 */
export function letterFonts(): LetterFonts {
  if (!loaded) {
    const bytes = { regular: liberationSans.regular(), bold: liberationSans.bold() };
    loaded = {
      bytes,
      metrics: {
        regular: metricsOf(fontkit.create(Buffer.from(bytes.regular))),
        bold: metricsOf(fontkit.create(Buffer.from(bytes.bold))),
      },
    };
  }
  return loaded;
}
