import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { logoPng } from "../../src/render/logo-png.generated.js";

describe("the bundled lambang", () => {
  it("is the same bytes as data/logo-kota-bengkulu.png (rerun scripts/build-logo-module.ts after changing the PNG)", () => {
    const onDisk = new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));
    expect(Buffer.from(logoPng).equals(Buffer.from(onDisk))).toBe(true);
  });
});
