// A letter rendered as it stands, unsigned: the DOCX download of a draft and the HTML preview of the draft form,
// both laid out with the letter's own Pemda profile version (the current one for a draft not yet saved).
import type { EdaranInput } from "../domain/edaran-input.js";
import { type LetterProfileDeps, letterRendering, profileVersionOrCurrent } from "../pemda/letter-profile.js";
import { renderEdaranDocx } from "../render/docx.js";
import { renderEdaranHtml } from "../render/html.js";
import { letterInput } from "../store/letter-json.js";
import type { Letter } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";

export type PreviewDeps = LetterProfileDeps;

export async function renderLetterPreview(deps: PreviewDeps, row: Letter): Promise<Uint8Array> {
  const { input, options } = await letterRendering(deps, letterInput(row), row.profile_version);
  return renderEdaranDocx(input, { ...options, ...(row.nomor ? { nomorText: row.nomor } : {}) });
}

/** Which profile a letter is laid out with, for the draft form: "Pemerintah Kota Bengkulu", version 3. */
export interface LetterProfileLabel {
  governmentName: string;
  version: number;
}

/** The HTML preview of an input laid out with profile `version` (null: the current one, for a new draft). */
export async function renderLetterHtml(
  store: Store,
  input: EdaranInput,
  version: number | null,
  nomor?: string | null,
): Promise<{ html: string; profile: LetterProfileLabel }> {
  const v = await profileVersionOrCurrent(store, version);
  return {
    html: renderEdaranHtml(input, { pemda: v.profile, ...(nomor ? { nomorText: nomor } : {}) }),
    profile: { governmentName: v.profile.governmentName, version: v.version },
  };
}

export async function letterProfileLabel(store: Store, version: number | null): Promise<LetterProfileLabel> {
  const v = await profileVersionOrCurrent(store, version);
  return { governmentName: v.profile.governmentName, version: v.version };
}
