// The netralitas sample letter, the input most tests start from: as the JSON body POST /api/letters takes (no
// government block: in the app the kop comes from the Pemda profile), as the CLI reads it (with its government
// block), parsed, and its logo. The JSON is imported, not read from disk, so the workers tests can use it too.
import { readFileSync } from "node:fs";
import sample from "../../data/samples/netralitas-pilkada-2024.json" with { type: "json" };
import { type EdaranInput, parseEdaranInput } from "../../src/domain/edaran-input.js";

export const SAMPLE_PATH = new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url);

/** A fresh copy of the sample's input JSON as the CLI reads it (with the government block), free to change. */
export function makeCliSampleBody(): Record<string, unknown> {
  return structuredClone(sample);
}

/** A fresh copy of the body of POST /api/letters: the sample without its government block. */
export function makeSampleBody(): Record<string, unknown> {
  const { government: _kop, ...body } = makeCliSampleBody();
  return body;
}

/** The sample parsed as the CLI and the renderer's tests take it (with its government block). */
export function makeSampleInput(): EdaranInput {
  const r = parseEdaranInput(makeCliSampleBody());
  if (!r.ok) throw new Error(`sample invalid: ${JSON.stringify(r.issues)}`);
  return r.value;
}

export const makeSampleLogo = (): Uint8Array =>
  new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));
