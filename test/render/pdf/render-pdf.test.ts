// The PDF of a letter: same input and options → same bytes, dated from the letter, fonts embedded, and the TTE box
// reported where its QR and wording were drawn (read back with poppler).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import QR from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import { renderEdaranPdf } from "../../../src/render/pdf/render-pdf.js";
import { PEMDA_LETTERS } from "../../support/pemda-letters-fixture.js";
import { makeSampleInput } from "../../support/sample-input-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signature = async () => ({
  qrPng: new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc", { type: "png", margin: 1 })),
  signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
  verifyUrl: "https://edaran.example/v/abc",
  keyId: "key-2024-01",
});

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

/** Words of one page with their boxes (pdftotext -bbox), y from the page's top. */
function words(pdf: string, page: number): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = execFileSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"], {
    encoding: "utf8",
  });
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] ?? "" }));
}

describe("renderEdaranPdf", () => {
  it("gives the same bytes for the same letter and options, and other bytes for another nomor", async () => {
    const sig = await signature();
    const a = await renderEdaranPdf(makeSampleInput(), { nomor: "2185", signature: sig });
    const b = await renderEdaranPdf(makeSampleInput(), { nomor: "2185", signature: sig });
    const c = await renderEdaranPdf(makeSampleInput(), { nomor: "2186", signature: sig });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(false);
  });

  it("dates the file from the letter and embeds Liberation Sans Regular and Bold as subsets", async () => {
    const input = makeSampleInput();
    const pdf = save("sample", (await renderEdaranPdf(input, { nomor: "2185" })).bytes);
    const info = execFileSync("pdfinfo", ["-isodates", pdf], { encoding: "utf8" });
    expect(info).toMatch(new RegExp(`CreationDate:\\s+${input.date}T00:00:00`));
    const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    expect(fonts.map((l) => l.split(/\s+/)[0]).sort()).toEqual(["EDRNAA+LiberationSans", "EDRNAB+LiberationSans-Bold"]);
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it("reports the TTE box on the foot's page around the QR's wording, and none when unsigned", async () => {
    const letter = PEMDA_LETTERS.kabupatenAnF4();
    const sig = await signature();
    const r = await renderEdaranPdf(letter.input, { nomor: "2185", pemda: letter.pemda, signature: sig });
    const box = r.tteBox;
    if (!box) throw new Error("no TTE box");
    const pdf = save("an-f4", r.bytes);
    const pageHeight = 935.4;
    const inside = words(pdf, box.page + 1).filter(
      (w) =>
        w.xMin >= box.x - 0.5 &&
        w.xMax <= box.x + box.width + 0.5 &&
        w.yMin >= pageHeight - (box.y + box.height) - 0.5 &&
        w.yMax <= pageHeight - box.y + 0.5,
    );
    const text = inside.map((w) => w.text).join(" ");
    expect(text).toContain("Ditandatangani secara elektronik oleh:");
    expect(text).toContain("Plh. SEKRETARIS DAERAH,");
    expect(text).toContain("2 Oktober 2024 pukul 14.05 WIB");
    // The name under the box (the foot's own line) is not inside it.
    expect(text.match(/BASRI/g)).toHaveLength(1);
    const images = execFileSync("pdfimages", ["-f", String(box.page + 1), "-l", String(box.page + 1), "-list", pdf], {
      encoding: "utf8",
    });
    expect(
      images
        .split("\n")
        .slice(2)
        .filter((l) => /\bimage\b/.test(l)),
    ).toHaveLength(1);

    const unsigned = await renderEdaranPdf(letter.input, { nomor: "2185", pemda: letter.pemda });
    expect(unsigned.tteBox).toBeNull();
    expect(unsigned.tteBoxes).toEqual([]);
  });

  it("reports a second TTE box on the Lampiran of a long addressee list", async () => {
    const letter = PEMDA_LETTERS.kota42();
    const r = await renderEdaranPdf(letter.input, {
      nomor: "2185",
      pemda: letter.pemda,
      images: letter.images,
      signature: await signature(),
    });
    expect(r.tteBoxes).toHaveLength(2);
    expect(r.tteBoxes[1]?.page).toBe(r.pageCount - 1);
    expect(r.tteBox).toEqual(r.tteBoxes[0]);
  });
});
