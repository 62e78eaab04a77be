// `edaran render --profile file.json`: a Pemda profile on disk, checked with the app's schema. Its images are
// given the CLI's way, as file paths (`"images": { "lambang": "data/logo-kota-bengkulu.png" }`, relative to the
// working directory), PNG or SVG; the CLI reads them instead of a blob store.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type PemdaProfile, pemdaProfileSchema } from "../domain/pemda-profile.js";
import { errorCode, errorMessage } from "../domain/thrown.js";
import { toValidationIssues, type ValidationIssue } from "../domain/validation-issues.js";
import { sniffImage, svgProblems } from "../pemda/image-checks.js";
import type { ProfileImageBytes } from "../pemda/profile-images.js";
import { resvgRasteriser } from "../pemda/svg-rasteriser.js";
import { SVG_RENDITION_HEIGHT_PX } from "../pemda/upload-profile-image.js";

const imagePath = (label: string) =>
  z
    .string({ error: `${label} harus berupa path berkas PNG atau SVG` })
    .trim()
    .min(1, `${label} tidak boleh kosong`);

export const cliProfileSchema = pemdaProfileSchema.omit({ images: true }).extend({
  images: z
    .strictObject(
      { lambang: imagePath("images.lambang").optional(), emblem: imagePath("images.emblem").optional() },
      { error: 'images harus berupa objek { "lambang"?: "path.png", "emblem"?: "path.svg" }' },
    )
    .optional(),
});

export type CliProfile =
  | { ok: true; pemda: PemdaProfile; images: ProfileImageBytes }
  | { ok: false; issues: ValidationIssue[] };

const rasterise = resvgRasteriser(() =>
  readFileSync(fileURLToPath(import.meta.resolve("@resvg/resvg-wasm/index_bg.wasm"))),
);

async function imageBytes(slot: string, path: string): Promise<Uint8Array | ValidationIssue> {
  const full = resolve(path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(full));
  } catch (e) {
    return {
      path: `images.${slot}`,
      message: `berkas gambar tidak dapat dibaca: ${full} (${errorCode(e) ?? "error"})`,
    };
  }
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === "png") return bytes;
  if (sniffed.kind === "unknown") return { path: `images.${slot}`, message: `${full} bukan gambar PNG atau SVG` };
  const problems = svgProblems(sniffed.text);
  if (problems.length) return { path: `images.${slot}`, message: problems.join("; ") };
  try {
    return (await rasterise(sniffed.text, SVG_RENDITION_HEIGHT_PX)).png;
  } catch (e) {
    return { path: `images.${slot}`, message: `gambar SVG tidak dapat dibaca: ${errorMessage(e)}` };
  }
}

/** The profile and its image bytes, or every problem (path: message); nothing is read past a bad schema. */
export async function readCliProfile(json: unknown): Promise<CliProfile> {
  const parsed = cliProfileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: toValidationIssues(parsed.error) };
  const { images: paths, ...rest } = parsed.data;
  const images: ProfileImageBytes = {};
  const issues: ValidationIssue[] = [];
  for (const slot of ["lambang", "emblem"] as const) {
    const path = paths?.[slot];
    if (!path) continue;
    const got = await imageBytes(slot, path);
    if (got instanceof Uint8Array) images[slot] = got;
    else issues.push(got);
  }
  if (issues.length) return { ok: false, issues };
  // The profile's own image slots describe stored blobs, which a file on disk has none of.
  return { ok: true, pemda: { ...rest, images: { lambang: null, emblem: null } }, images };
}
