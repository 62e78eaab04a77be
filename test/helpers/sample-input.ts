// The netralitas sample, parsed, plus its logo: the input most render tests start from.
import { readFileSync } from "node:fs";
import { type EdaranInput, parseEdaranInput } from "../../src/domain/edaran-input.js";

export const SAMPLE_PATH = new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url);

export function sampleInput(): EdaranInput {
  const r = parseEdaranInput(JSON.parse(readFileSync(SAMPLE_PATH, "utf8")));
  if (!r.ok) throw new Error(`sample invalid: ${JSON.stringify(r.issues)}`);
  return r.value;
}

export const sampleLogo = (): Uint8Array =>
  new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));
