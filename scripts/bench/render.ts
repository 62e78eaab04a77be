// Bench: render the sample letter with our renderer, against docxtemplater filling the same letter saved as a
// template, and against the bare DEFLATE of the letter's XML parts (the floor any DOCX writer pays).
import { readFileSync } from "node:fs";
import Docxtemplater from "docxtemplater";
import { deflateSync, strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import PizZip from "pizzip";
import { parseEdaranInput } from "../../src/domain/edaran-input.js";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { fmt, summarize, timeEach } from "./stats.js";

const N = 200;

/** Our own output turned into a docxtemplater template: every text run becomes a {tN} tag. */
function buildTemplate(docx: Uint8Array): { template: Uint8Array; data: Record<string, string> } {
  const files = unzipSync(docx);
  const data: Record<string, string> = {};
  let n = 0;
  const xml = strFromU8(files["word/document.xml"] as Uint8Array).replace(
    /(<w:t(?: [^>]*)?>)([^<]+)(<\/w:t>)/g,
    (_, open: string, text: string, close: string) => {
      const key = `t${n++}`;
      data[key] = text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      return `${open}{${key}}${close}`;
    },
  );
  files["word/document.xml"] = strToU8(xml);
  return { template: zipSync(files), data };
}

export async function run(log: (line: string) => void): Promise<void> {
  const parsed = parseEdaranInput(
    JSON.parse(readFileSync(new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url), "utf8")),
  );
  if (!parsed.ok) throw new Error("sampel tidak valid");
  const input = parsed.value;
  const logoPng = new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));
  const render = () => renderEdaranDocx(input, { nomor: "2185", logoPng });

  const first = await timeEach(1, render);
  log(`render pertama (dingin): ${first[0]?.toFixed(1)} ms`);
  await timeEach(20, render); // warm-up
  const ours = summarize(await timeEach(N, render));
  log(`edaran (docx + fflate), ${N}×: ${fmt(ours)}`);

  const sample = await render();
  const { template, data } = buildTemplate(sample);
  const fill = () => {
    const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: false });
    doc.render(data);
    return doc.getZip().generate({ type: "uint8array", compression: "DEFLATE" });
  };
  await timeEach(20, fill);
  const dt = summarize(await timeEach(N, fill));
  log(`docxtemplater (templat ${Object.keys(data).length} tag), ${N}×: ${fmt(dt)}`);

  const xmlParts = Object.entries(unzipSync(sample))
    .filter(([p]) => p.endsWith(".xml") || p.endsWith(".rels"))
    .map(([, d]) => d);
  const xmlBytes = xmlParts.reduce((a, d) => a + d.length, 0);
  const deflate = () => xmlParts.forEach((d) => deflateSync(d));
  await timeEach(20, deflate);
  const floor = summarize(await timeEach(N, deflate));
  log(`DEFLATE saja (${xmlParts.length} bagian XML, ${(xmlBytes / 1024).toFixed(0)} KiB), ${N}×: ${fmt(floor)}`);

  log(`rasio edaran / docxtemplater: ${(ours.medianMs / dt.medianMs).toFixed(2)} (target ≤ 1)`);
  log(`rasio edaran / DEFLATE: ${(ours.medianMs / floor.medianMs).toFixed(2)} (target ≤ 2.5)`);
}
