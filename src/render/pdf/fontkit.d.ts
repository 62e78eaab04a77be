// fontkit 1.x ships no types; these are the few calls the PDF renderer makes (and pdf-lib's Fontkit port).
declare module "fontkit" {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: { commands: unknown[] };
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  const fontkit: { create(buffer: Buffer): Font };
  export default fontkit;
}
