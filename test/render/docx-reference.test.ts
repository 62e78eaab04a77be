// The fast writer (skeleton parts + WordprocessingML strings) must write what the docx object model wrote: same
// parts, same XML, same images, for every kind of letter, so the letter reads and lays out exactly as before.
import { strFromU8, unzipSync } from "fflate";
import QR from "qrcode";
import { describe, expect, it } from "vitest";
import { type RenderOptions, renderEdaranDocx } from "../../src/render/docx.js";
import { makeInstansiPemda, makeSampleInput, makeSampleLogo } from "../support/sample-input-fixture.js";
import { referenceParts } from "./docx-reference.js";

const signature = async () => ({
  qrPng: new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc?x=<&>", { type: "png", margin: 1 })),
  signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
  verifyUrl: "https://edaran.example/v/abc?x=<&>",
  keyId: "key-2024-01",
});

const cases: [string, () => Promise<RenderOptions>][] = [
  ["a draft without nomor, logo or signature", async () => ({})],
  [
    "a signed letter with logo and nomor",
    async () => ({ nomor: "2185", logoPng: makeSampleLogo(), signature: await signature() }),
  ],
  [
    "a signed letter without logo, page numbers at the bottom, another font",
    async () => ({
      nomorText: "800/17/BKPSDM.II/2024",
      signature: await signature(),
      profile: { pageNumber: "bottom", font: "Bookman Old Style", fontSizePt: 11, lineSpacing: 1.15 },
    }),
  ],
  [
    "an F4 letter with its own margins and kop sizes",
    async () => ({
      logoPng: makeSampleLogo(),
      profile: {
        paper: "F4",
        marginsCm: { left: 4, top: 3 },
        kop: { nameSizePt: 14, logoWidthCm: 2.5 },
        paragraphAfterPt: 3,
      },
    }),
  ],
];

describe("the DOCX writer against the docx object model", () => {
  it.each(cases)("writes the same parts for %s", async (_, options) => {
    const opts = await options();
    const input = makeSampleInput();
    // Markup to escape, and characters XML cannot hold (control, noncharacters, a lone surrogate) to drop.
    input.tentang = `${input.tentang} & <uji> "kutip" 'tunggal' \u0001\uFFFE\uFFFF\uD800 𝐀`;
    input.tembusan[0] = `Menteri\u0008\uDFFF Dalam Negeri`;
    // The reference models the kop instansi; the kop jabatan and the Lampiran are checked in LibreOffice.
    const withKop = { ...opts, pemda: makeInstansiPemda(input) };
    const ours = unzipSync(await renderEdaranDocx(input, withKop));
    const reference = unzipSync(await referenceParts(input, withKop));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(reference).sort());
    for (const [name, data] of Object.entries(reference)) {
      if (name === "docProps/core.xml") continue; // always the renderer's own, dated from the letter
      const mine = ours[name] ?? new Uint8Array();
      if (name.endsWith(".png")) expect(Buffer.from(mine).equals(Buffer.from(data)), name).toBe(true);
      else expect(strFromU8(mine), name).toBe(strFromU8(data));
    }
  });
});
