// The profile a letter is laid out with: its own version (a letter keeps the one it was drafted with), that
// version's images from the blob store, and the render options made of them. Preview, download and signing
// all go through here, so a re-render of a letter gives the same bytes whatever the admin changed since.
import { AppError } from "../domain/app-error.js";
import type { EdaranInput } from "../domain/edaran-input.js";
import type { RenderOptions } from "../render/docx.js";
import type { BlobStore } from "../store/blob-store.js";
import { currentPemdaProfile, type PemdaProfileVersion, pemdaProfileVersion } from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";
import { loadProfileImages } from "./profile-images.js";

export interface LetterProfileDeps {
  store: Store;
  blobs: BlobStore;
}

/** A version by number, or the current one for `null` (a draft being typed, a letter from before 0080). */
export async function profileVersionOrCurrent(store: Store, version: number | null): Promise<PemdaProfileVersion> {
  const found = version === null ? await currentPemdaProfile(store) : await pemdaProfileVersion(store, version);
  if (!found) {
    throw version === null
      ? new AppError("not_ready", "Profil pemda belum ada; muat ulang setelah aplikasi selesai dijalankan")
      : new AppError("stored_input_invalid", `Profil pemda versi ${version} yang dipakai surat ini tidak ada`);
  }
  return found;
}

export interface LetterRendering {
  input: EdaranInput;
  options: RenderOptions;
  version: number;
}

/** The input and render options of a letter (or a draft being typed) laid out with profile `version`. */
export async function letterRendering(
  deps: LetterProfileDeps,
  input: EdaranInput,
  version: number | null,
): Promise<LetterRendering> {
  const v = await profileVersionOrCurrent(deps.store, version);
  const images = await loadProfileImages(deps.blobs, v.profile);
  return {
    input,
    // The renderer takes the profile itself (kop, page, nomor pattern, names) and its images.
    options: { pemda: v.profile, images },
    version: v.version,
  };
}
