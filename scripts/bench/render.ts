// Bench: render the sample letter with our renderer, against docxtemplater filling the same letter saved as a
// template, and against the bare DEFLATE of the letter's XML parts (the floor any DOCX writer pays). All three
// compress at the same DEFLATE level, and run in interleaved rounds so load on the machine hits them alike.
import { readFileSync } from "node:fs";
import Docxtemplater from "docxtemplater";
import { deflateSync, strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import PizZip from "pizzip";
import { parseEdaranInput } from "../../src/domain/edaran-input.js";
import { resolveLegalBases } from "../../src/domain/legal-bases.js";
import { pemdaFromInput } from "../../src/domain/pemda-from-input.js";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { LETTER_PARTS } from "../../src/render/docx-skeleton.js";
import { DEFLATE_LEVEL } from "../../src/render/zip-writer.js";
import { shippedLegalBases } from "../../src/store/seed.js";
import { type BenchContext, sized } from "./context.js";
import { fmt, summarize, timeEach, timeInterleaved } from "./stats.js";

/** Our own output turned into a docxtemplater template: every text run becomes a {tN} tag. */
function buildTemplate(docx: Uint8Array): { template: Uint8Array; data: Record<string, string> } {
  const files = unzipSync(docx);
  const data: Record<string, string> = {};
  let n = 0;
  const xml = strFromU8(files["word/document.xml"] as Uint8Array).replace(
    /(<w:t(?: [^>]*)?>)([^<]+)(<\/w:t>)/g,
    (_, open: string, text: string, close: string) => {
      const key = `t${n++}`;
      data[key] = text
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&");
      return `${open}{${key}}${close}`;
    },
  );
  files["word/document.xml"] = strToU8(xml);
  return { template: zipSync(files), data };
}

export async function run(ctx: BenchContext): Promise<void> {
  const { log } = ctx;
  const N = sized(ctx, 200, 2);
  const parsed = parseEdaranInput(
    JSON.parse(readFileSync(new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url), "utf8")),
  );
  if (!parsed.ok) throw new Error("the sample letter is not valid");
  // As drafting stores it: catalogue ids resolved to full titles, so the bench renders the letter as printed.
  const shipped = new Map(shippedLegalBases.map((b) => [b.id, b]));
  const resolved = resolveLegalBases(parsed.value, (id) => shipped.get(id));
  if (!resolved.ok) throw new Error("the sample letter cites unknown legal bases");
  const input = resolved.value;
  const logoPng = new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));
  // As the app renders: with the Pemda's profile (the Pj signs, so the kop jabatan) and its images.
  const pemda = pemdaFromInput(input);
  const render = () => renderEdaranDocx(input, { nomor: "2185", pemda, images: { lambang: logoPng, emblem: logoPng } });

  const first = await timeEach(1, render);
  log(`first render (cold, builds the profile's skeleton): ${first[0]?.toFixed(1)} ms`);

  const sample = await render();
  const { template, data } = buildTemplate(sample);
  const fill = () => {
    const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: false });
    doc.render(data);
    return doc
      .getZip()
      .generate({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: DEFLATE_LEVEL } });
  };

  const parts = Object.entries(unzipSync(sample)).filter(([p]) => p.endsWith(".xml") || p.endsWith(".rels"));
  const letterNames = new Set<string>(Object.values(LETTER_PARTS));
  const allXml = parts.map(([, d]) => d);
  const letterXml = parts.filter(([p]) => letterNames.has(p)).map(([, d]) => d);
  const kib = (ds: Uint8Array[]) => (ds.reduce((a, d) => a + d.length, 0) / 1024).toFixed(0);
  const deflateAll = (ds: Uint8Array[]) => () => {
    for (const d of ds) deflateSync(d, { level: DEFLATE_LEVEL });
  };

  const contenders = {
    ours: render,
    docxtemplater: fill,
    floorAll: deflateAll(allXml),
    floorLetter: deflateAll(letterXml),
  };
  await timeInterleaved(sized(ctx, 20, 1), contenders); // warm-up
  const t = await timeInterleaved(N, contenders);
  const ours = summarize(t.ours);
  const dt = summarize(t.docxtemplater);
  const floorAll = summarize(t.floorAll);
  const floorLetter = summarize(t.floorLetter);

  log(`DEFLATE level ${DEFLATE_LEVEL} throughout; ${N} rounds, interleaved`);
  log(`edaran (skeleton + WordprocessingML + zip), ${(sample.length / 1024).toFixed(1)} KiB: ${fmt(ours)}`);
  log(
    `docxtemplater (template with ${Object.keys(data).length} tags), ${(fill().length / 1024).toFixed(1)} KiB: ${fmt(dt)}`,
  );
  log(`DEFLATE only, all ${allXml.length} XML parts (${kib(allXml)} KiB): ${fmt(floorAll, "letters")}`);
  log(
    `DEFLATE only, the ${letterXml.length} parts a render compresses (${kib(letterXml)} KiB): ${fmt(floorLetter, "letters")}`,
  );
  log(`ratio edaran / docxtemplater: ${(ours.medianMs / dt.medianMs).toFixed(2)} (target ≤ 1)`);
  log(`ratio edaran / DEFLATE of all XML parts: ${(ours.medianMs / floorAll.medianMs).toFixed(2)} (target ≤ 2.5)`);
  log(
    `ratio edaran / DEFLATE of the letter's own parts: ${(ours.medianMs / floorLetter.medianMs).toFixed(2)} ` +
      "(stricter: profile parts come precompressed)",
  );
}
