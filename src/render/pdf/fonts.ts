// The letter's typeface: Liberation Sans Regular and Bold (metric-compatible with Arial, which LibreOffice itself
// substitutes for Arial), their metrics for the layout and the fontkit port pdf-lib embeds them with.

import type { Font } from "fontkit";
import type { PDFDocument } from "pdf-lib";
import { liberationSans } from "./fonts.generated.js";

type FontkitPort = Parameters<PDFDocument["registerFontkit"]>[0];

export type FontStyle = "regular" | "bold";

/** Advance widths and vertical metrics of one face, in points at a given size; no kerning, as LibreOffice lays out. */
export interface FontMetrics {
  widthOf(text: string, sizePt: number): number;
  /**
   * The width LibreOffice's Writer gives the text when it breaks lines: each advance rounded to a whole pixel of its
   * reference device (8640 dpi, 1/120 pt), so a run can come out a little narrower or wider than `widthOf`.
   */
  layoutWidthOf(text: string, sizePt: number): number;
  /** Single line spacing: ascent + descent + line gap, as LibreOffice spaces lines of this font. */
  lineHeight(sizePt: number): number;
  ascent(sizePt: number): number;
  descent(sizePt: number): number;
}

// Parsed faces, kept for the life of the process (isolate): parsing a 400 KB TrueType font is most of a render's
// cost, and fontkit's Font only caches what it decodes, so one parse serves every render.
const parsed = new Map<Uint8Array, Font>();
type Fontkit = typeof import("fontkit").default;
const parse = (fontkit: Fontkit, bytes: Uint8Array): Font => {
  let font = parsed.get(bytes);
  if (!font) {
    // fontkit 1.x sniffs the format with Buffer methods; pdf-lib hands it a Uint8Array.
    font = fontkit.create(Buffer.from(bytes));
    parsed.set(bytes, font);
  }
  return font;
};

/**
 * The face pdf-lib embeds, its layout reduced to one glyph per character from the cmap. The letter draws without
 * ligatures or kerning (as it was measured), and Liberation Sans covers no script that needs shaping, so this is
 * what fontkit's shaper would return, without its cost on every line (half a render otherwise).
 */
const unshaped = new Map<Font, Font>();
function unshapedFont(font: Font): Font {
  let u = unshaped.get(font);
  if (!u) {
    // cast: Object.create keeps the prototype chain of the Font it wraps
    u = Object.create(font, {
      layout: {
        value: (text: string) => {
          const glyphs = Array.from(text, (ch) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0));
          const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
          return { glyphs, positions };
        },
      },
    }) as Font;
    unshaped.set(font, u);
  }
  return u;
}

const portOf = (fontkit: Fontkit): FontkitPort =>
  // cast: pdf-lib types its port after @pdf-lib/fontkit, whose Font has the members fontkit 1.x has
  ({ create: (bytes: Uint8Array) => unshapedFont(parse(fontkit, bytes)) }) as unknown as FontkitPort;

/**
 * Pixels per point of the reference device Writer lays DOCX text out on (8640 dpi): with paragraph-lines'
 * LINE_OVERRUN_PT this rounding reproduces every one of LibreOffice's breaks measured twip by twip (12 and 11 pt).
 */
const LAYOUT_PX_PER_PT = 8640 / 72;

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
    layoutWidthOf(text, sizePt) {
      let px = 0;
      for (const ch of text) px += Math.round(advance(ch.codePointAt(0) ?? 0) * sizePt * LAYOUT_PX_PER_PT);
      return px / LAYOUT_PX_PER_PT;
    },
    lineHeight: (s) => (font.ascent - font.descent + font.lineGap) * unit * s,
    ascent: (s) => font.ascent * unit * s,
    descent: (s) => -font.descent * unit * s,
  };
}

export interface LetterFonts {
  bytes: Record<FontStyle, Uint8Array>;
  metrics: Record<FontStyle, FontMetrics>;
  /** The fontkit port pdf-lib embeds these faces with. */
  fontkit: FontkitPort;
}

let loaded: Promise<LetterFonts> | undefined;

/**
 * Liberation Sans for a profile's font. Arial and Liberation Sans map to it directly; any other name (Bookman Old
 * Style, ...) also gets Liberation Sans, the only face shipped, so the PDF keeps the DOCX's Arial-like metrics.
 */
export function loadLetterFonts(): Promise<LetterFonts> {
  loaded ??= loadFonts();
  return loaded;
}

// fontkit (and its brotli, unicode tables) is loaded on the first layout only: ~10 MiB of a server's memory that
// pages without a letter on them never use.
async function loadFonts(): Promise<LetterFonts> {
  const fontkit = (await import("fontkit")).default;
  const bytes = { regular: liberationSans.regular(), bold: liberationSans.bold() };
  return {
    bytes,
    metrics: {
      regular: metricsOf(parse(fontkit, bytes.regular)),
      bold: metricsOf(parse(fontkit, bytes.bold)),
    },
    fontkit: portOf(fontkit),
  };
}
