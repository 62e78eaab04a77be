// What every bench section is given: where to print, and how big to run. `npm run bench` runs "full";
// test/bench/bench-sections.test.ts runs every section once at "tiny" so a broken bench fails CI.
export type BenchSize = "full" | "tiny";

export interface BenchContext {
  log: (line: string) => void;
  size: BenchSize;
}

/** The full figure, or the tiny one when the section only has to prove it still runs. */
export const sized = (ctx: BenchContext, full: number, tiny: number): number => (ctx.size === "full" ? full : tiny);
