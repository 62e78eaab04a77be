import { describe, expect, it } from "vitest";
import { DEFAULT_NOMOR_PATTERN, formatNomor, placeholderNomor, romanMonth } from "../../src/domain/nomor.js";

describe("formatNomor", () => {
  it("fills the default pattern", () => {
    expect(formatNomor(DEFAULT_NOMOR_PATTERN, { kka: "800", seq: 2185, unit: "BKPSDM.II", year: 2024 })).toBe(
      "800/2185/BKPSDM.II/2024",
    );
  });
  it("supports variants with the month, also as a Roman numeral", () => {
    const parts = { kka: "800.1.4", seq: "17", unit: "SETDA", year: 2024, month: 10 };
    expect(formatNomor("{kka}/{seq}/{monthRoman}/{unit}/{year}", parts)).toBe("800.1.4/17/X/SETDA/2024");
    expect(formatNomor("{kka}/{seq}/{month}/{unit}", parts)).toBe("800.1.4/17/10/SETDA");
  });
  it("refuses a month token without a month", () => {
    expect(() => formatNomor("{kka}/{seq}/{month}", { kka: "800", seq: 1, unit: "X", year: 2024 })).toThrow(/bulan/);
  });
  it("prints dots where the register's numbers go", () => {
    expect(placeholderNomor()).toBe("....../....../....../......");
    expect(romanMonth(4)).toBe("IV");
    expect(() => romanMonth(13)).toThrow();
  });
});
