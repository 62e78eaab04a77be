import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { qrPng } from "../../src/sign/qr.js";
import { decodePng } from "../support/png-decode.js";

function decode(png: Uint8Array): string | undefined {
  const img = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
}

describe("qrPng", () => {
  it("makes a PNG that decodes back to the verify URL", async () => {
    const url = "https://edaran.pemkot.example.go.id/v/01HZX4T9Q8W7E6R5T4Y3U2I1O0";
    const png = await qrPng(url);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(decode(png)).toBe(url);
  });

  it("decodes the same with the small PNG decoder the workerd test uses", async () => {
    const png = await qrPng("https://edaran.example/v/XYZ");
    const ours = decodePng(png);
    const theirs = PNG.sync.read(Buffer.from(png));
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    expect(Buffer.from(ours.data).equals(theirs.data)).toBe(true);
  });

  it("encodes a different URL differently", async () => {
    expect(decode(await qrPng("https://edaran.example/v/A"))).toBe("https://edaran.example/v/A");
    expect(decode(await qrPng("https://edaran.example/v/B"))).toBe("https://edaran.example/v/B");
  });
});
