// The DOCX a letter's page offers for download: the signed file once there is one (never re-rendered, so it
// stays the signed bytes), else the letter rendered as it stands.
import type { BlobStore } from "../store/blob-store.js";
import { documentBytes, findSignedDocument } from "../store/documents-repo.js";
import type { Letter } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";
import { type PreviewDeps, renderLetterPreview } from "./preview-letter.js";

export interface LetterDocxDeps extends PreviewDeps {
  store: Store;
  blobs: BlobStore;
}

export interface LetterDocx {
  bytes: Uint8Array;
  /** "ttd": the signed file; "konsep": rendered now, unsigned. */
  variant: "ttd" | "konsep";
}

export async function letterDocx(deps: LetterDocxDeps, row: Letter): Promise<LetterDocx> {
  const signed = await findSignedDocument(deps.store, row.id);
  if (signed) return { bytes: await documentBytes(deps.blobs, signed), variant: "ttd" };
  return { bytes: await renderLetterPreview(deps, row), variant: "konsep" };
}
