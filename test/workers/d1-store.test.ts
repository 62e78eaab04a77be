// The repository contract on D1, inside workerd: the same suite as on better-sqlite3.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openD1Store } from "../../src/store/d1-store.js";
import { getOpd, listOpds } from "../../src/store/opd-repo.js";
import { seedReferenceData } from "../../src/store/seed.js";
import { storeContract } from "../store/store.case.js";

storeContract("d1", async () => openD1Store(env.DB));

describe("reference data on D1", () => {
  it("seeds the OPDs from the bundled JSON in chunks D1 accepts, twice without change", async () => {
    const store = openD1Store(env.DB);
    await seedReferenceData(store, "2024-10-01T00:00:00.000Z");
    const first = await listOpds(store, { kind: "kecamatan" });
    await seedReferenceData(store, "2024-10-02T00:00:00.000Z");
    expect(first).toHaveLength(9);
    expect(await listOpds(store, { kind: "kecamatan" })).toEqual(first);
    expect((await getOpd(store, "DISPORA"))?.email).toBeNull();
  });
});
