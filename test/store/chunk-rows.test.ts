import { describe, expect, it } from "vitest";
import { chunkRows } from "../../src/store/chunk-rows.js";

describe("chunkRows", () => {
  it("keeps each chunk's parameters within D1's 100 per statement", () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({ a: i, b: i, c: i, d: i, e: i, f: i, g: i, h: i }));
    const chunks = chunkRows(rows);
    expect(chunks.map((c) => c.length)).toEqual([12, 12, 12, 9]);
    expect(chunks.flat()).toEqual(rows);
  });

  it("gives no chunk for no rows and one row per chunk when a row alone is wide", () => {
    expect(chunkRows([])).toEqual([]);
    expect(
      chunkRows(
        [
          { a: 1, b: 2 },
          { a: 3, b: 4 },
        ],
        1,
      ),
    ).toEqual([[{ a: 1, b: 2 }], [{ a: 3, b: 4 }]]);
  });
});
