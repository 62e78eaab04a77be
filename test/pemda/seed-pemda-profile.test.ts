import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { sha256Hex } from "../../src/domain/encoding.js";
import { kotaBengkuluProfile, seedPemdaProfile } from "../../src/pemda/seed-pemda-profile.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { currentPemdaProfile, pemdaProfileVersion } from "../../src/store/pemda-profile-repo.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const lambangPng = new Uint8Array(readFileSync(new URL("../../data/logo-kota-bengkulu.png", import.meta.url)));
const clock = fixedClock("2024-10-01T00:00:00.000Z");

describe("seeding the Pemda profile", () => {
  let fx: TrackFixture;
  beforeEach(async () => {
    fx = await makeTrackFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("writes-kota-bengkulu-as-version-1-with-the-lambang-in-the-blob-store", async () => {
    const blobs = diskBlobStore(join(fx.dir, "documents"));
    expect(
      await seedPemdaProfile({ store: fx.store, blobs, clock }, { profile: kotaBengkuluProfile, lambangPng }),
    ).toBe(1);
    const v1 = await pemdaProfileVersion(fx.store, 1);
    expect(v1).toMatchObject({ version: 1, createdBy: "system", createdAt: "2024-10-01T00:00:00.000Z" });
    expect(v1?.profile).toMatchObject({
      level: "kota",
      governmentName: "Pemerintah Kota Bengkulu",
      kepalaDaerah: "Wali Kota Bengkulu",
      kopJabatan: "WALI KOTA BENGKULU",
      page: { paper: "A4", font: "Arial", fontSizePt: 12 },
    });
    const lambang = v1?.profile.images.lambang;
    expect(lambang?.sha256).toBe(await sha256Hex(lambangPng));
    expect(await blobs.get(lambang?.pngKey ?? "")).toEqual(lambangPng);
    expect(v1?.profile.images.emblem).toBeNull();
  });

  it("keeps-an-existing-version-on-the-next-start", async () => {
    const blobs = diskBlobStore(join(fx.dir, "documents"));
    await seedPemdaProfile({ store: fx.store, blobs, clock }, { profile: kotaBengkuluProfile, lambangPng });
    const edited = { ...kotaBengkuluProfile, kopJabatan: "BUPATI LAIN" };
    expect(await seedPemdaProfile({ store: fx.store, blobs, clock }, { profile: edited })).toBeNull();
    expect((await currentPemdaProfile(fx.store))?.profile.kopJabatan).toBe("WALI KOTA BENGKULU");
  });

  it("gives-letters-drafted-before-the-profile-existed-version-1", async () => {
    await seedLetter(fx.store, { letterId: "L-old", opdIds: ["DINKES"] });
    const before = await fx.store.db.selectFrom("letters").select("profile_version").executeTakeFirstOrThrow();
    expect(before.profile_version).toBeNull();
    await seedPemdaProfile({ store: fx.store, blobs: diskBlobStore(join(fx.dir, "documents")), clock });
    const after = await fx.store.db.selectFrom("letters").select("profile_version").executeTakeFirstOrThrow();
    expect(after.profile_version).toBe(1);
  });
});
