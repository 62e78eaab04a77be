// A signed letter's pages for the browser: laid out again from what signing stored (the input with the issuer
// it was signed as, the letter's profile version, nomor, signing time and key), with the same signed options the
// sign step used, and drawn as SVG. The PDF was drawn from the same layout, so these are its pages.
import type { EdaranInput } from "../domain/edaran-input.js";
import type { LetterViewer } from "../domain/letter-visibility.js";
import { letterAccess } from "../drafting/letter-access.js";
import { type LetterProfileDeps, letterRendering } from "../pemda/letter-profile.js";
import type { RenderOptions } from "../render/docx.js";
import { renderEdaranSvgPages } from "../render/pdf/render-svg-pages.js";
import type { SvgPageOptions } from "../render/pdf/svg-writer.js";
import { findSignedDocument } from "../store/documents-repo.js";
import { letterInput } from "../store/letter-json.js";
import type { Letter } from "../store/letters-repo.js";
import { signedRenderOptions } from "./signed-render-options.js";

export interface SignedLetterPagesDeps extends LetterProfileDeps {
  config: { publicUrl: string };
}

export interface SignedLetterPages {
  /** One standalone SVG document per page. */
  pages: string[];
  /** Whether the signed PDF of these pages is stored (a letter signed before PDFs, or without a CA, has none). */
  hasPdf: boolean;
}

/** The pages as SVG documents; null when `viewer` may not read the letter's text or it is not signed. */
export async function signedLetterPages(
  deps: SignedLetterPagesDeps,
  viewer: LetterViewer,
  letterId: string,
  svg: SvgPageOptions = {},
): Promise<SignedLetterPages | null> {
  const access = await letterAccess(deps.store, viewer, letterId);
  if (!access?.may.text) return null;
  const [rendering, pdf] = await Promise.all([
    signedLetterRendering(deps, access.letter),
    findSignedDocument(deps.store, letterId, "signed_pdf"),
  ]);
  if (!rendering) return null;
  return { pages: await renderEdaranSvgPages(rendering.input, rendering.options, svg), hasPdf: pdf !== undefined };
}

/** The input and options the sign step rendered the signed letter with, rebuilt from what it stored; null unsigned. */
export async function signedLetterRendering(
  deps: SignedLetterPagesDeps,
  letter: Letter,
): Promise<{ input: EdaranInput; options: RenderOptions } | null> {
  const signed = await findSignedDocument(deps.store, letter.id, "signed");
  if (!letter.nomor || !letter.signed_at || !signed?.key_id) return null;
  const rendering = await letterRendering(deps, letterInput(letter), letter.profile_version);
  const options = await signedRenderOptions(rendering.options, {
    letterId: letter.id,
    nomor: letter.nomor,
    signedAt: new Date(letter.signed_at),
    keyId: signed.key_id,
    publicUrl: deps.config.publicUrl,
  });
  return { input: rendering.input, options };
}
