import { describe, expect, it } from "vitest";
import { loadLetterFonts } from "../../../src/render/pdf/fonts.js";

const { regular } = (await loadLetterFonts()).metrics;

describe("the letter's font metrics", () => {
  it("measure a run for line breaking as Writer does, each advance rounded to 1/120 pt", () => {
    // "a" is 1139/2048 em: 800.86 px at 12 pt on an 8640-dpi device, so 801 px each; "m" 1199.53 px, so 1200.
    expect(regular.layoutWidthOf("a".repeat(61), 12)).toBeCloseTo((61 * 801) / 120, 9);
    expect(regular.layoutWidthOf("m".repeat(46), 12)).toBeCloseTo((46 * 1200) / 120, 9);
    expect(regular.widthOf("a".repeat(61), 12)).toBeCloseTo((61 * 1139 * 12) / 2048, 9);
  });
});
