// Writes data/logo-kota-bengkulu.png: a PLACEHOLDER emblem (grey shield with the word LOGO), not the real
// lambang of Kota Bengkulu, so nobody mistakes a test letter for an official one. Run: npx tsx scripts/make-placeholder-logo.ts
import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";

const W = 120;
const H = 140;
const png = new PNG({ width: W, height: H });

function set(x: number, y: number, [r, g, b, a]: readonly number[]) {
  if (x < 0 || y < 0 || x >= W || y >= H) return;
  const i = (y * W + x) * 4;
  png.data[i] = r ?? 0;
  png.data[i + 1] = g ?? 0;
  png.data[i + 2] = b ?? 0;
  png.data[i + 3] = a ?? 255;
}

// Shield: straight sides for the top 55%, then a curve to a point at the bottom.
function insideShield(x: number, y: number, inset: number): boolean {
  const cx = W / 2;
  const half = W / 2 - 4 - inset;
  const top = 4 + inset;
  const bottom = H - 4 - inset;
  if (y < top || y > bottom) return false;
  const straightEnd = top + (bottom - top) * 0.55;
  if (y <= straightEnd) return Math.abs(x - cx) <= half;
  const t = (y - straightEnd) / (bottom - straightEnd);
  return Math.abs(x - cx) <= half * Math.sqrt(1 - t * t);
}

// 5×7 glyphs for the word on the shield.
const GLYPHS: Record<string, string[]> = {
  L: ["10000", "10000", "10000", "10000", "10000", "10000", "11111"],
  O: ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
  G: ["01110", "10001", "10000", "10111", "10001", "10001", "01111"],
};

for (let y = 0; y < H; y++)
  for (let x = 0; x < W; x++) {
    if (insideShield(x, y, 6)) set(x, y, [236, 236, 236, 255]);
    else if (insideShield(x, y, 0)) set(x, y, [90, 90, 90, 255]);
    else set(x, y, [255, 255, 255, 0]);
  }

const word = "LOGO";
const scale = 4;
const wordW = word.length * 6 * scale - scale;
let ox = Math.round((W - wordW) / 2);
const oy = Math.round(H * 0.32);
for (const ch of word) {
  const g = GLYPHS[ch] ?? [];
  for (const [gy, row] of g.entries()) {
    for (const [gx, bit] of [...row].entries()) {
      if (bit !== "1") continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) set(ox + gx * scale + dx, oy + gy * scale + dy, [90, 90, 90, 255]);
    }
  }
  ox += 6 * scale;
}

writeFileSync(new URL("../data/logo-kota-bengkulu.png", import.meta.url), PNG.sync.write(png));
console.log("data/logo-kota-bengkulu.png ditulis (placeholder)");
