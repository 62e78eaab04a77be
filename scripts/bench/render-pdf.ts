// Bench: the letter as PDF by our own renderer (src/render/pdf/), against LibreOffice converting the same letter's
// DOCX to PDF (what a clerk would otherwise do, one soffice run per letter), in the same run. The sample letter as
// the app renders it: the Pemda's profile, its images, signed with the QR.
import { renderEdaranDocx } from "../../src/render/docx.js";
import { renderEdaranPdf } from "../../src/render/pdf/render-pdf.js";
import { type BenchContext, sized } from "./context.js";
import { libreOfficeConverter } from "./libreoffice-convert.js";
import { sampleSignedLetter } from "./sample-letter.js";
import { fmt, summarize, timeEach } from "./stats.js";

export async function run(ctx: BenchContext): Promise<void> {
  const { log } = ctx;
  const { input, opts } = await sampleSignedLetter();

  const first = await timeEach(1, () => renderEdaranPdf(input, opts));
  log(`first PDF render (cold: decodes and parses the fonts): ${first[0]?.toFixed(1)} ms`);
  const pdf = await renderEdaranPdf(input, opts);
  await timeEach(sized(ctx, 10, 1), () => renderEdaranPdf(input, opts)); // warm-up
  const ours = summarize(await timeEach(sized(ctx, 100, 2), () => renderEdaranPdf(input, opts)));
  log(
    `edaran PDF (pdf-lib, Liberation Sans subsets), ${pdf.pageCount} pages, ${(pdf.bytes.length / 1024).toFixed(1)} KiB: ${fmt(ours)}`,
  );

  const lo = libreOfficeConverter(await renderEdaranDocx(input, opts));
  try {
    const loTiming = summarize(await timeEach(sized(ctx, 10, 1), lo.convert));
    log(`LibreOffice soffice --convert-to pdf of the same DOCX (a fresh soffice per letter): ${fmt(loTiming)}`);
    log(`ratio LibreOffice / edaran PDF: ${(loTiming.medianMs / ours.medianMs).toFixed(0)}× (target ≥ 20×)`);
  } finally {
    lo.close();
  }
}
