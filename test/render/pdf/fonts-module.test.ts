import { readFileSync } from "node:fs";
import fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { liberationSans } from "../../../src/render/pdf/fonts.generated.js";

const onDisk = (file: string) => new Uint8Array(readFileSync(new URL(`../../../data/fonts/${file}`, import.meta.url)));
const face = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes));

// What an Indonesian letter writes: Basic Latin, Latin-1, Latin Extended-A, General Punctuation and a few symbols.
const COVERED = [
  ...Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x17f - 0xa0 + 1 }, (_, i) => 0xa0 + i),
  ...[0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x20ac, 0x2116, 0x2122],
  ...Array.from("ḤḍЁёлка", (ch) => ch.codePointAt(0) ?? 0), // transliterations and Cyrillic the tests draw
];

describe("the bundled Liberation Sans", () => {
  it("is the same bytes as the subset fonts in data/fonts/ (rerun scripts/build-font-module.ts after changing a font)", () => {
    expect(Buffer.from(liberationSans.regular()).equals(Buffer.from(onDisk("LiberationSans-Regular.subset.ttf")))).toBe(
      true,
    );
    expect(Buffer.from(liberationSans.bold()).equals(Buffer.from(onDisk("LiberationSans-Bold.subset.ttf")))).toBe(true);
  });

  for (const style of ["Regular", "Bold"] as const) {
    it(`keeps every character an Indonesian letter needs, with the full ${style} font's advance widths`, () => {
      const full = face(onDisk(`LiberationSans-${style}.ttf`));
      const subset = face(onDisk(`LiberationSans-${style}.subset.ttf`));
      expect(subset.unitsPerEm).toBe(full.unitsPerEm);
      expect([subset.ascent, subset.descent, subset.lineGap]).toEqual([full.ascent, full.descent, full.lineGap]);
      const missing = COVERED.filter((cp) => !subset.hasGlyphForCodePoint(cp));
      expect(missing.map((cp) => cp.toString(16))).toEqual([]);
      const differ = COVERED.filter(
        (cp) => subset.glyphForCodePoint(cp).advanceWidth !== full.glyphForCodePoint(cp).advanceWidth,
      );
      expect(differ).toEqual([]);
    });
  }

  it("draws a character outside the subset as a visible box (.notdef), not as nothing", () => {
    const subset = face(liberationSans.regular());
    expect(face(onDisk("LiberationSans-Regular.ttf")).hasGlyphForCodePoint(0x03a9)).toBe(true);
    const omega = subset.glyphForCodePoint(0x03a9); // Ω: in the full font, not in the subset
    expect(subset.hasGlyphForCodePoint(0x03a9)).toBe(false);
    expect(omega.id).toBe(0);
    expect(omega.advanceWidth).toBeGreaterThan(0);
    expect(omega.path.commands.length).toBeGreaterThan(0);
  });

  it("ships with its licence, the SIL Open Font License 1.1", () => {
    const licence = readFileSync(new URL("../../../data/fonts/LICENSE-LiberationSans.txt", import.meta.url), "utf8");
    expect(licence).toContain("SIL OPEN FONT LICENSE Version 1.1");
    expect(licence).toContain("Reserved Font Name Liberation");
  });
});
