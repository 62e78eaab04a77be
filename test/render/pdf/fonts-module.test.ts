import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { liberationSans } from "../../../src/render/pdf/fonts.generated.js";

const onDisk = (file: string) => new Uint8Array(readFileSync(new URL(`../../../data/fonts/${file}`, import.meta.url)));

describe("the bundled Liberation Sans", () => {
  it("is the same bytes as data/fonts/ (rerun scripts/build-font-module.ts after changing a font)", () => {
    expect(Buffer.from(liberationSans.regular()).equals(Buffer.from(onDisk("LiberationSans-Regular.ttf")))).toBe(true);
    expect(Buffer.from(liberationSans.bold()).equals(Buffer.from(onDisk("LiberationSans-Bold.ttf")))).toBe(true);
  });

  it("ships with its licence, the SIL Open Font License 1.1", () => {
    const licence = readFileSync(new URL("../../../data/fonts/LICENSE-LiberationSans.txt", import.meta.url), "utf8");
    expect(licence).toContain("SIL OPEN FONT LICENSE Version 1.1");
    expect(licence).toContain("Reserved Font Name Liberation");
  });
});
