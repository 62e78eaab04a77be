// The netralitas sample letter, the input most tests start from: as the JSON body POST /api/letters takes (no
// government block: in the app the kop comes from the Pemda profile), as the CLI reads it (with its government
// block), parsed, and its logo. The JSON is imported, not read from disk, so the workers tests can use it too.
import { readFileSync } from "node:fs";
import sample from "../../data/samples/netralitas-pilkada-2024.json" with { type: "json" };
import { type EdaranInput, parseEdaranInput } from "../../src/domain/edaran-input.js";
import { resolveLegalBases } from "../../src/domain/legal-bases.js";
import { pemdaFromInput } from "../../src/domain/pemda-from-input.js";
import type { PemdaProfile } from "../../src/domain/pemda-profile.js";
import { SAMPLE_SIGNER_CAPACITY_ID } from "../../src/signer/seed-signer.js";
import { shippedLegalBases } from "../../src/store/seed.js";

export const SAMPLE_PATH = new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url);

/** A fresh copy of the sample's input JSON as the CLI reads it (with the government block), free to change. */
export function makeCliSampleBody(): Record<string, unknown> {
  return structuredClone(sample);
}

/**
 * A fresh copy of the body of POST /api/letters: the sample without its government block, its signer named by
 * the seeded sample signer's capacity (src/signer/seed-signer.ts) instead of the CLI's free-text issuer.
 */
export function makeSampleBody(): Record<string, unknown> {
  const { government: _kop, issuer: _issuer, ...body } = makeCliSampleBody();
  // The sample's own deadline (9 October 2024) has long passed on the real clock these API fixtures run on, and
  // approval refuses a passed deadline; the pages fixture, on its fixed 2024 clock, sets its own.
  return { ...body, ackDeadline: "2099-12-31", signer: { capacityId: SAMPLE_SIGNER_CAPACITY_ID } };
}

/**
 * A letter body parsed as drafting stores it: checked by the schema, its catalogue ids resolved to the shipped
 * entries' citations (as createLetter and `edaran render` do), so the renderer prints full titles.
 */
export function parseAsStored(body: unknown): EdaranInput {
  const r = parseEdaranInput(body);
  if (!r.ok) throw new Error(`letter invalid: ${JSON.stringify(r.issues)}`);
  const shipped = new Map(shippedLegalBases.map((b) => [b.id, b]));
  const resolved = resolveLegalBases(r.value, (id) => shipped.get(id));
  if (!resolved.ok) throw new Error(`letter cites unknown legal bases: ${JSON.stringify(resolved.issues)}`);
  return resolved.value;
}

/** The sample parsed as the CLI and the renderer's tests take it (with its government block), ids resolved. */
export function makeSampleInput(): EdaranInput {
  return parseAsStored(makeCliSampleBody());
}

export const makeSampleLogo = (): Uint8Array =>
  new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));

/** The input's own profile with the kop instansi whoever signs: for tests of the kop name and address lines. */
export const makeInstansiPemda = (input: EdaranInput): PemdaProfile => ({
  ...pemdaFromInput(input),
  kopRule: "instansi",
});
