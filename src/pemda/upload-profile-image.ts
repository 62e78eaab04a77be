// An admin uploads the lambang or the emblem. The bytes decide what it is (PNG or SVG); a bad upload is refused
// with every problem named and changes nothing. A PNG is stored as is; an SVG is kept and rasterised to a PNG
// about 1000 px high (what the letter embeds). The new profile version references the image by its sha256.
import { AppError } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import type { ProfileImageSlot } from "../domain/pemda-profile.js";
import type { BlobStore } from "../store/blob-store.js";
import type { PemdaProfileVersion } from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";
import { MAX_IMAGE_BYTES, pngSizeProblems, sniffImage, svgProblems } from "./image-checks.js";
import { type ImageToStore, putProfileImage } from "./profile-image-blobs.js";
import type { SvgRasteriser } from "./svg-rasteriser.js";
import { saveProfileVersion } from "./update-pemda-profile.js";

export const SVG_RENDITION_HEIGHT_PX = 1000;

export interface ProfileImageDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  /** Absent where SVG cannot be rasterised: an SVG is then refused with a message saying so. */
  rasteriseSvg?: SvgRasteriser;
}

const SLOT_LABEL: Record<ProfileImageSlot, string> = { lambang: "Lambang daerah", emblem: "Lambang kop jabatan" };

const refuse = (slot: ProfileImageSlot, problems: string[]) =>
  new AppError(
    "invalid_image",
    `${SLOT_LABEL[slot]} tidak dapat dipakai: ${problems.join("; ")}`,
    problems.map((message) => ({ path: slot, message })),
  );

/** Checks `bytes` and makes what is stored; throws, storing nothing, when they cannot be used. */
async function imageToStore(deps: ProfileImageDeps, slot: ProfileImageSlot, bytes: Uint8Array): Promise<ImageToStore> {
  if (bytes.byteLength === 0) throw refuse(slot, ["berkas kosong"]);
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    throw new AppError(
      "file_too_large",
      `${SLOT_LABEL[slot]} terlalu besar (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB): paling besar 1 MB`,
    );
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === "unknown")
    throw refuse(slot, ["berkas bukan gambar PNG atau SVG (isi berkasnya yang diperiksa, bukan nama berkasnya)"]);
  if (sniffed.kind === "png") {
    const problems = pngSizeProblems(sniffed.widthPx, sniffed.heightPx);
    if (problems.length) throw refuse(slot, problems);
    return { png: bytes, widthPx: sniffed.widthPx, heightPx: sniffed.heightPx };
  }
  const problems = svgProblems(sniffed.text);
  if (problems.length) throw refuse(slot, problems);
  if (!deps.rasteriseSvg)
    throw refuse(slot, ["gambar SVG belum dapat diolah di server ini; unggah versi PNG-nya (200–4000 piksel)"]);
  let rendition: Awaited<ReturnType<SvgRasteriser>>;
  try {
    rendition = await deps.rasteriseSvg(sniffed.text, SVG_RENDITION_HEIGHT_PX);
  } catch {
    throw refuse(slot, ["gambar SVG tidak dapat dibaca (periksa apakah berkasnya utuh)"]);
  }
  return { png: rendition.png, widthPx: rendition.widthPx, heightPx: rendition.heightPx, svg: bytes };
}

export async function uploadProfileImage(
  deps: ProfileImageDeps,
  actorId: string,
  slot: ProfileImageSlot,
  bytes: Uint8Array,
): Promise<PemdaProfileVersion> {
  const image = await imageToStore(deps, slot, bytes);
  // The blob goes in first: a version never references bytes that are not stored. A refused or lost save
  // leaves at most an unreferenced blob under its own hash, never a changed one.
  const stored = await putProfileImage(deps.blobs, image);
  return saveProfileVersion(
    deps,
    actorId,
    (current) => ({ ...current, images: { ...current.images, [slot]: stored } }),
    {
      action: "pemda_profile.image_uploaded",
      data: { slot, sha256: stored.sha256, svg: Boolean(stored.svgKey) },
    },
  );
}
