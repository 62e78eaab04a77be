import { describe, expect, it } from "vitest";
import { type Block, paginate } from "../../../src/render/pdf/flow.js";

const block = (lines: number, over: Partial<Block> = {}): Block => ({
  lines: Array.from({ length: lines }, () => ({ height: 10, ops: [] })),
  before: 0,
  after: 0,
  keepNext: false,
  whole: false,
  widowControl: true,
  pageBreakBefore: false,
  ...over,
});
const counts = (blocks: Block[]) => paginate(blocks, () => 100).map((page) => page.length);

describe("paginate", () => {
  it("splits a paragraph that keeps with nothing at the page end, two lines on each side", () => {
    expect(counts([block(8), block(5)])).toEqual([10, 3]);
  });

  it("moves a paragraph whole when widow control leaves no split (three lines, two places left)", () => {
    expect(counts([block(8), block(3)])).toEqual([8, 3]);
  });

  it("moves a paragraph that keeps with the next together with the next one's first two lines", () => {
    expect(counts([block(7), block(2, { keepNext: true }), block(4)])).toEqual([7, 6]);
  });
});
