// The PNG bytes of a profile's images, read from the blob store for the renderer.

import { AppError } from "../domain/app-error.js";
import type { PemdaProfile, ProfileImageSlot } from "../domain/pemda-profile.js";
import type { BlobStore } from "../store/blob-store.js";

export type ProfileImageBytes = Partial<Record<ProfileImageSlot, Uint8Array>>;

/** A slot without an image is absent; a referenced blob that is gone is an error, not a letter without its kop. */
export async function loadProfileImages(blobs: BlobStore, profile: PemdaProfile): Promise<ProfileImageBytes> {
  const out: ProfileImageBytes = {};
  for (const slot of ["lambang", "emblem"] as const) {
    const image = profile.images[slot];
    if (!image) continue;
    const bytes = await blobs.get(image.pngKey);
    if (!bytes) throw new AppError("document_missing", `Gambar ${slot} profil pemda tidak ditemukan di penyimpanan`);
    out[slot] = bytes;
  }
  return out;
}
