// Where a profile image's bytes live in the blob store. Keyed by the sha256 of the uploaded bytes, so the same
// image uploaded twice (or seeded on every start) is one blob and a stored version never points at bytes
// that changed under it.
import { sha256Hex } from "../domain/encoding.js";
import type { ProfileImage } from "../domain/pemda-profile.js";
import type { BlobStore } from "../store/blob-store.js";

export const PNG_CONTENT_TYPE = "image/png";
export const SVG_CONTENT_TYPE = "image/svg+xml";

export interface ImageToStore {
  /** The PNG the letter embeds: the upload itself, or the SVG's rendition. */
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
  /** The uploaded SVG, kept beside its rendition. */
  svg?: Uint8Array;
}

export async function putProfileImage(blobs: BlobStore, image: ImageToStore): Promise<ProfileImage> {
  const sha256 = await sha256Hex(image.svg ?? image.png);
  const pngKey = `pemda/images/${sha256}.png`;
  await blobs.put(pngKey, image.png, PNG_CONTENT_TYPE);
  let svgKey: string | undefined;
  if (image.svg) {
    svgKey = `pemda/images/${sha256}.svg`;
    await blobs.put(svgKey, image.svg, SVG_CONTENT_TYPE);
  }
  return { pngKey, ...(svgKey ? { svgKey } : {}), sha256, widthPx: image.widthPx, heightPx: image.heightPx };
}
