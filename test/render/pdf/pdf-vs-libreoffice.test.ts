// Issue #12 item 3: our PDF has the same pages as LibreOffice's rendering of our DOCX, for the letters of #11's
// tests (pagination.test.ts: one to six pages, signed and not, F4 and A4; pemda-letters.test.ts: three Pemda, the
// 42-addressee Lampiran), and a kop instansi with its lambang. Page by page, the text as pdftotext reads it (whitespace folded, page number and signed
// footer statement left out) must be the same lines; then the #11 rules are checked on our PDF itself.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import QR from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EdaranInput } from "../../../src/domain/edaran-input.js";
import { type RenderOptions, renderEdaranDocx, renderPemda } from "../../../src/render/docx.js";
import { renderEdaranPdf } from "../../../src/render/pdf/render-pdf.js";
import { buildSignatureWording, buildWording, nomorText } from "../../../src/render/wording.js";
import { makeGrownInput } from "../../support/grown-letter-fixture.js";
import { pdfPagesText } from "../../support/libreoffice.js";
import { paginationRuleBreaks } from "../../support/pagination-rules.js";
import { PEMDA_LETTERS } from "../../support/pemda-letters-fixture.js";
import { makeSampleLogo } from "../../support/sample-input-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-pdf-lo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fold = (s: string) => s.replace(/\s+/g, " ").trim();
// Liberation Sans has no Han glyphs: LibreOffice draws 中文 from a fallback font, our PDF leaves them out (the only
// text the two files do not share; only the provinsi letter's tricky text has any).
const comparable = (s: string) => fold(s.replace(/\p{Script=Han}/gu, ""));
const FOOTER =
  /^(Dokumen ini telah ditandatangani|\d{4} tentang Informasi|tentang Informasi dan|cetaknya merupakan|merupakan alat bukti|\(kunci |key-|\d{4}-\d{2}\)\.)/;

function pageLines(pdf: string): string[][] {
  return pdfPagesText(pdf).map((page) =>
    page
      .split("\n")
      .map(comparable)
      .filter((l) => l && !/^-\s*\d+\s*-$/.test(l) && !FOOTER.test(l)),
  );
}

interface Case {
  name: string;
  input: EdaranInput;
  opts: RenderOptions;
  grown: boolean;
}

const signature = async () => ({
  qrPng: new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc", { type: "png", margin: 1 })),
  signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
  verifyUrl: "https://edaran.example/v/abc",
  keyId: "key-2024-01",
});

// The variants of test/render/pagination.test.ts, and the letters of test/render/pemda-letters.test.ts.
const grownVariants: { points: number; signed: boolean; paper: "A4" | "F4" }[] = [
  ...[0, 6, 12, 18, 23].map((points) => ({ points, signed: false, paper: "F4" as const })),
  ...[0, 5, 11, 17, 22].map((points) => ({ points, signed: true, paper: "F4" as const })),
  { points: 9, signed: true, paper: "A4" },
];

async function cases(): Promise<Case[]> {
  const sig = await signature();
  const grown = grownVariants.map((v) => ({
    name: `${v.paper}-${v.points}-${v.signed ? "signed" : "unsigned"}`,
    input: makeGrownInput(v.points),
    opts: { profile: { paper: v.paper }, ...(v.signed ? { signature: sig } : {}) },
    grown: true,
  }));
  const pemda = Object.entries(PEMDA_LETTERS).map(([name, make]) => {
    const l = make();
    return {
      name,
      input: l.input,
      opts: { nomor: "2185", pemda: l.pemda, images: l.images, ...(l.signed ? { signature: sig } : {}) },
      grown: false,
    };
  });
  // The kop instansi with a lambang (the fixtures' a.n. letter has none on file): the three-column kop table.
  const an = PEMDA_LETTERS.kabupatenAnF4();
  const lambang = {
    name: "kabupatenAnF4-lambang",
    input: an.input,
    opts: { nomor: "2185", pemda: an.pemda, images: { lambang: makeSampleLogo() }, signature: sig },
    grown: false,
  };
  // Other page settings of a profile: line spacing 1.15 with the page number at the bottom, and 11 pt type.
  const settings = [
    { name: "A4-9-signed-spacing-1.15-number-bottom", profile: { lineSpacing: 1.15, pageNumber: "bottom" as const } },
    { name: "A4-9-signed-11pt", profile: { fontSizePt: 11 } },
  ].map(({ name, profile }) => ({
    name,
    input: makeGrownInput(9),
    opts: { profile, signature: sig },
    grown: false,
  }));
  return [...grown, ...pemda, lambang, ...settings];
}

interface Printed {
  c: Case;
  ours: string[][];
  libreOffice: string[][];
}

const printed: Printed[] = [];

beforeAll(async () => {
  const all = await cases();
  for (const c of all) {
    writeFileSync(join(dir, `${c.name}.docx`), await renderEdaranDocx(c.input, c.opts));
    writeFileSync(join(dir, `${c.name}.ours.pdf`), (await renderEdaranPdf(c.input, c.opts)).bytes);
  }
  // One LibreOffice start for every letter.
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(dir, ".lo-profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      ...all.map((c) => join(dir, `${c.name}.docx`)),
    ],
    { stdio: "pipe", timeout: 300_000 },
  );
  for (const c of all) {
    const lo = join(dir, `${c.name}.pdf`);
    if (!existsSync(lo)) throw new Error(`LibreOffice could not convert ${c.name}.docx`);
    printed.push({ c, ours: pageLines(join(dir, `${c.name}.ours.pdf`)), libreOffice: pageLines(lo) });
  }
}, 300_000);

const names = [
  ...grownVariants.map((v) => `${v.paper}-${v.points}-${v.signed ? "signed" : "unsigned"}`),
  ...Object.keys(PEMDA_LETTERS),
  "kabupatenAnF4-lambang",
  "A4-9-signed-spacing-1.15-number-bottom",
  "A4-9-signed-11pt",
];
const find = (name: string) => {
  const p = printed.find((x) => x.c.name === name);
  if (!p) throw new Error(`${name} was not printed`);
  return p;
};

describe("our PDF against LibreOffice's rendering of our DOCX", () => {
  it.each(names)("has the same pages, line for line: %s", (name) => {
    const p = find(name);
    expect(p.ours.length, "page count").toBe(p.libreOffice.length);
    for (const [i, lines] of p.libreOffice.entries()) expect(p.ours[i], `page ${i + 1}`).toEqual(lines);
  });

  it.each(names.filter((n) => /^(A4|F4)-\d+-(signed|unsigned)/.test(n)))(
    "keeps the #11 rules on our own pages: %s",
    (name) => {
      const { c, ours } = find(name);
      const pemda = renderPemda(c.input, c.opts);
      const wording = buildWording(c.input, nomorText(c.input, c.opts.nomor, pemda), pemda);
      const sig = c.opts.signature ? buildSignatureWording(c.input, c.opts.signature, pemda) : undefined;
      expect(paginationRuleBreaks(ours, c.input, wording, sig)).toEqual([]);
    },
  );

  it("spans one to six pages over the grown letters", () => {
    const counts = printed.filter((p) => p.c.grown).map((p) => p.ours.length);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(6);
  });
});
