// Issue #11: real LibreOffice pages of letters from one to six pages long, unsigned and signed. The signature page
// must carry text of the letter (the Penutup), the foot never splits, and no page ends on a heading or a lead-in.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import QR from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import { type RenderOptions, renderEdaranDocx } from "../../src/render/docx.js";
import { buildSignatureWording, buildWording } from "../../src/render/wording.js";
import { makeGrownInput } from "../support/grown-letter-fixture.js";
import { convertWithLibreOffice, pdfPagesText } from "../support/libreoffice.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-pages-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signature = async () => ({
  qrPng: new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc", { type: "png", margin: 1 })),
  signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
  verifyUrl: "https://edaran.example/v/abc",
  keyId: "key-2024-01",
});

// Point counts chosen so the page break falls just before, inside and after the foot (F4 unless named).
const variants: { points: number; signed: boolean; paper: "A4" | "F4" }[] = [
  ...[0, 6, 12, 18, 23].map((points) => ({ points, signed: false, paper: "F4" as const })),
  ...[0, 5, 11, 17, 22].map((points) => ({ points, signed: true, paper: "F4" as const })),
  { points: 9, signed: true, paper: "A4" },
];

const fold = (s: string) => s.replace(/\s+/g, " ").trim();

/** A page's text lines, without the page number and the signed footer statement. */
function bodyLines(page: string, footerStatement: string): string[] {
  return page
    .split("\n")
    .map(fold)
    .filter((l) => l && !/^-\s*\d+\s*-$/.test(l) && !footerStatement.includes(l));
}

async function letterPages(v: (typeof variants)[number]) {
  const input = makeGrownInput(v.points);
  const sig = v.signed ? await signature() : undefined;
  const opts: RenderOptions = { profile: { paper: v.paper }, ...(sig ? { signature: sig } : {}) };
  const name = `${v.paper}-${v.points}-${v.signed ? "signed" : "unsigned"}`;
  writeFileSync(join(dir, `${name}.docx`), await renderEdaranDocx(input, opts));
  const pages = pdfPagesText(convertWithLibreOffice(join(dir, `${name}.docx`), "pdf", dir));
  const footerStatement = sig ? fold(buildSignatureWording(input, sig).footer) : "";
  return { input, sig, wording: buildWording(input), pages: pages.map((p) => bodyLines(p, footerStatement)) };
}

describe("pagination of letters from one to six pages in LibreOffice", () => {
  const pageCounts: number[] = [];

  it.each(variants)(
    "keeps the foot whole and with the Penutup: $paper, $points more points, signed $signed",
    async (v) => {
      const { input, sig, wording, pages } = await letterPages(v);
      pageCounts.push(pages.length);
      const onPages = (text: string) => pages.flatMap((lines, i) => (lines.some((l) => l.includes(text)) ? [i] : []));

      // The foot's lines, and the TTE block's when signed, are all on one page.
      const footTexts = [...wording.foot.lines, ...wording.foot.jabatan, wording.foot.name, ...wording.foot.after];
      if (sig) footTexts.push(...buildSignatureWording(input, sig).lines.slice(0, 1));
      const footPages = new Set(footTexts.flatMap(onPages));
      expect(footPages.size, `foot on pages ${[...footPages].join(", ")}`).toBe(1);
      const footPage = [...footPages][0] ?? -1;

      // That page carries the end of the Penutup above the foot.
      const lines = pages[footPage] ?? [];
      const footAt = lines.findIndex((l) => l.includes(wording.foot.lines[0] ?? ""));
      const penutupEnd = input.penutup.split(" ").slice(-2).join(" ");
      expect(lines.slice(0, footAt).join(" "), `page ${footPage + 1}`).toContain(penutupEnd);

      // No page ends with a section heading or a lead-in line ("… wajib:"), unless it is the letter's last page.
      const headings = wording.sections.map((s) => fold(`${s.label} ${s.heading}`));
      for (const [i, page] of pages.slice(0, -1).entries()) {
        const last = page.at(-1) ?? "";
        expect(headings, `page ${i + 1} ends with "${last}"`).not.toContain(last);
        expect(last, `page ${i + 1}`).not.toMatch(/:$/);
      }
    },
  );

  it("spans one to six pages over the variants", () => {
    expect(Math.min(...pageCounts)).toBe(1);
    expect(Math.max(...pageCounts)).toBe(6);
  });
});
