// Every `npm run bench` section runs once at its tiny size, so a bench that rots fails CI instead of the next
// person who runs it. Only that it runs and reports figures is checked here: speed is read from the full run.
import { describe, expect, it } from "vitest";
import { SECTIONS } from "../../scripts/bench/sections.js";

describe("bench sections at tiny size", () => {
  it("has sections to run", () => {
    expect(SECTIONS.length).toBeGreaterThan(0);
  });

  for (const section of SECTIONS) {
    it(`runs "${section.name}" and prints figures`, { timeout: 240_000 }, async () => {
      const lines: string[] = [];
      await section.run({ log: (line) => lines.push(line), size: "tiny" });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join("\n")).toMatch(/\d/);
    });
  }
});
