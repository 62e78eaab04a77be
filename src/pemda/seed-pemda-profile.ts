// Version 1 of the Pemda profile on a fresh installation: Kota Bengkulu's (data/pemda-profile-kota-bengkulu.json,
// bundled as a module so Workers have it too) with the lambang the entry point hands over put into the blob
// store. Runs on every start and changes nothing once a version exists, so the admin's edits are kept and a
// new lambang needs no rebuild. Idempotent and safe to race (two isolates): the version's primary key lets
// one insert win.
import profileJson from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import type { Clock } from "../domain/clock.js";
import { type PemdaProfile, pemdaProfileSchema } from "../domain/pemda-profile.js";
import type { BlobStore } from "../store/blob-store.js";
import {
  backfillLetterProfileQuery,
  currentPemdaProfile,
  insertPemdaProfileVersionQuery,
  isVersionConflict,
} from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";
import { pngSize } from "./png-size.js";
import { putProfileImage } from "./profile-image-blobs.js";

export const kotaBengkuluProfile: PemdaProfile = pemdaProfileSchema.parse(profileJson);

export interface PemdaSeedDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
}

export interface PemdaSeed {
  profile: PemdaProfile;
  /** The lambang PNG, put into the blob store with version 1. */
  lambangPng?: Uint8Array;
}

/** Returns the version seeded now, or null when one existed already. */
export async function seedPemdaProfile(
  deps: PemdaSeedDeps,
  seed: PemdaSeed = { profile: kotaBengkuluProfile },
): Promise<number | null> {
  const existing = await currentPemdaProfile(deps.store);
  if (existing) {
    // Letters written by an older release between the migration and this start (a rolling deploy).
    await deps.store.atomic([backfillLetterProfileQuery(deps.store, 1)]);
    return null;
  }
  const size = seed.lambangPng ? pngSize(seed.lambangPng) : null;
  const lambang =
    seed.lambangPng && size
      ? await putProfileImage(deps.blobs, { png: seed.lambangPng, widthPx: size.width, heightPx: size.height })
      : null;
  const profile: PemdaProfile = { ...seed.profile, images: { ...seed.profile.images, lambang } };
  try {
    await deps.store.atomic([
      insertPemdaProfileVersionQuery(
        deps.store,
        { version: 1, profile, createdBy: "system" },
        deps.clock.now().toISOString(),
      ),
      backfillLetterProfileQuery(deps.store, 1),
    ]);
  } catch (err) {
    if (isVersionConflict(err)) return null;
    throw err;
  }
  return 1;
}
