// The current Pemda profile with its version, and its history: what GET /api/pemda-profile and the admin page show.
import { AppError } from "../domain/app-error.js";
import type { ProfileImageSlot } from "../domain/pemda-profile.js";
import type { BlobStore } from "../store/blob-store.js";
import {
  currentPemdaProfile,
  listPemdaProfileVersions,
  type PemdaProfileVersion,
  type PemdaProfileVersionSummary,
} from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";

export async function getPemdaProfile(store: Store): Promise<PemdaProfileVersion> {
  const current = await currentPemdaProfile(store);
  if (!current)
    throw new AppError("not_ready", "Profil pemda belum ada; muat ulang setelah aplikasi selesai dijalankan");
  return current;
}

export async function pemdaProfileHistory(store: Store): Promise<PemdaProfileVersionSummary[]> {
  return listPemdaProfileVersions(store);
}

/** The PNG of a slot of the current profile; not_found when the slot is empty. */
export async function currentProfileImage(
  deps: { store: Store; blobs: BlobStore },
  slot: ProfileImageSlot,
): Promise<{ png: Uint8Array; sha256: string }> {
  const { profile } = await getPemdaProfile(deps.store);
  const image = profile.images[slot];
  if (!image)
    throw new AppError(
      "not_found",
      slot === "lambang" ? "Lambang daerah belum diunggah" : "Lambang kop jabatan belum diunggah",
    );
  const png = await deps.blobs.get(image.pngKey);
  if (!png) throw new AppError("document_missing", "Gambar profil pemda tidak ditemukan di penyimpanan");
  return { png, sha256: image.sha256 };
}
