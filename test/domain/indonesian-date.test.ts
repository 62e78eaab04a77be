import { describe, expect, it } from "vitest";
import {
  formatHariTanggal,
  formatTanggal,
  formatTanggalWaktuWib,
  isValidDate,
  parseIsoDate,
} from "../../src/domain/indonesian-date.js";

describe("Indonesian dates", () => {
  it("prints the long form without a leading zero", () => {
    expect(formatTanggal("2024-10-02")).toBe("2 Oktober 2024");
    expect(formatTanggal("2024-11-27")).toBe("27 November 2024");
    expect(formatTanggal("2025-01-31")).toBe("31 Januari 2025");
  });
  it("names the weekday", () => {
    expect(formatHariTanggal("2024-11-27")).toBe("Rabu, 27 November 2024");
  });
  it("prints WIB time with a dot, crossing midnight from UTC", () => {
    expect(formatTanggalWaktuWib(new Date("2024-10-02T07:05:00Z"))).toBe("2 Oktober 2024 pukul 14.05 WIB");
    expect(formatTanggalWaktuWib(new Date("2024-10-02T18:30:00Z"))).toBe("3 Oktober 2024 pukul 01.30 WIB");
  });
  it("refuses days that do not exist", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("2024-13-01")).toBeNull();
    expect(parseIsoDate("2024-1-01")).toBeNull();
    expect(isValidDate(2024, 4, 31)).toBe(false);
    expect(() => formatTanggal("2024-02-30")).toThrow();
  });
});
