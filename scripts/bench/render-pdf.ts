// Bench: the letter as PDF by our own renderer (src/render/pdf/), against LibreOffice converting the same letter's
// DOCX to PDF (what a clerk would otherwise do, one soffice run per letter), in the same run. The sample letter as
// the app renders it: the Pemda's profile, its images, signed with the QR.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEdaranInput } from "../../src/domain/edaran-input.js";
import { resolveLegalBases } from "../../src/domain/legal-bases.js";
import { pemdaFromInput } from "../../src/domain/pemda-from-input.js";
import { type RenderOptions, renderEdaranDocx } from "../../src/render/docx.js";
import { renderEdaranPdf } from "../../src/render/pdf/render-pdf.js";
import { qrPng } from "../../src/sign/qr.js";
import { shippedLegalBases } from "../../src/store/seed.js";
import { type BenchContext, sized } from "./context.js";
import { fmt, summarize, timeEach } from "./stats.js";

export async function run(ctx: BenchContext): Promise<void> {
  const { log } = ctx;
  const parsed = parseEdaranInput(
    JSON.parse(readFileSync(new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url), "utf8")),
  );
  if (!parsed.ok) throw new Error("the sample letter is not valid");
  const shipped = new Map(shippedLegalBases.map((b) => [b.id, b]));
  const resolved = resolveLegalBases(parsed.value, (id) => shipped.get(id));
  if (!resolved.ok) throw new Error("the sample letter cites unknown legal bases");
  const input = resolved.value;
  const logoPng = new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));
  const opts: RenderOptions = {
    nomor: "2185",
    pemda: pemdaFromInput(input),
    images: { lambang: logoPng, emblem: logoPng },
    signature: {
      qrPng: await qrPng("https://edaran.example/v/01HZXSAMPLE"),
      signedAtText: "2 Oktober 2024 pukul 14.05 WIB",
      verifyUrl: "https://edaran.example/v/01HZXSAMPLE",
      keyId: "key-2024-01",
    },
  };

  const first = await timeEach(1, () => renderEdaranPdf(input, opts));
  log(`first PDF render (cold: decodes and parses the fonts): ${first[0]?.toFixed(1)} ms`);
  const pdf = await renderEdaranPdf(input, opts);
  await timeEach(sized(ctx, 10, 1), () => renderEdaranPdf(input, opts)); // warm-up
  const ours = summarize(await timeEach(sized(ctx, 100, 2), () => renderEdaranPdf(input, opts)));
  log(
    `edaran PDF (pdf-lib, Liberation Sans subsets), ${pdf.pageCount} pages, ${(pdf.bytes.length / 1024).toFixed(1)} KiB: ${fmt(ours)}`,
  );

  const dir = mkdtempSync(join(tmpdir(), "edaran-bench-pdf-"));
  try {
    const docx = join(dir, "letter.docx");
    writeFileSync(docx, await renderEdaranDocx(input, opts));
    const convert = () =>
      execFileSync(
        "soffice",
        [
          `-env:UserInstallation=file://${join(dir, ".lo-profile")}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          docx,
        ],
        { stdio: "pipe", timeout: 120_000 },
      );
    convert(); // the first start creates LibreOffice's user profile; not counted
    const lo = summarize(await timeEach(sized(ctx, 10, 1), convert));
    log(`LibreOffice soffice --convert-to pdf of the same DOCX (a fresh soffice per letter): ${fmt(lo)}`);
    log(`ratio LibreOffice / edaran PDF: ${(lo.medianMs / ours.medianMs).toFixed(0)}× (target ≥ 20×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
