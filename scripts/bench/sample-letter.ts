// The letter the PDF and PAdES benches render: the netralitas sample as the app signs it (its legal bases
// resolved, the Pemda from its government block, the placeholder lambang, the signed TTE box with its QR).
import { readFileSync } from "node:fs";
import { type EdaranInput, parseEdaranInput } from "../../src/domain/edaran-input.js";
import { resolveLegalBases } from "../../src/domain/legal-bases.js";
import { pemdaFromInput } from "../../src/domain/pemda-from-input.js";
import type { RenderOptions } from "../../src/render/docx.js";
import { qrPng } from "../../src/sign/qr.js";
import { shippedLegalBases } from "../../src/store/seed.js";

export interface BenchLetter {
  input: EdaranInput;
  /** Signed options: nomor, the Pemda, its images and the TTE box's QR. */
  opts: RenderOptions;
}

export async function sampleSignedLetter(): Promise<BenchLetter> {
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
  return { input, opts };
}
