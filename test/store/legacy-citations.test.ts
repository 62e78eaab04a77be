// Letters drafted before 0090 hold bare catalogue ids; the start-up seed rewrites them into citations (real SQLite).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterInput } from "../../src/store/letter-json.js";
import { getLetter } from "../../src/store/letters-repo.js";
import { seedReferenceData } from "../../src/store/seed.js";
import { type ApiFixture, draftLetter, makeApiFixture } from "../support/api-fixture.js";
import { makeCliSampleBody } from "../support/sample-input-fixture.js";
import { partialStoredInput } from "../support/stored-input-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

describe("snapshotting the citations of letters drafted before the catalogue table", () => {
  it("replaces bare ids in Dasar and sanction clauses, including deactivated entries, and is idempotent", async () => {
    const { id } = await draftLetter(fx);
    // The letter as an older version stored it: the sample's input with catalogue ids.
    const { government: _kop, ...older } = makeCliSampleBody();
    const legacy = { ...older, prohibitedActs: [], sanctions: [] } as Record<string, unknown>;
    legacy.sanctions = [{ who: "Pegawai", what: "dikenai sanksi", basis: "pp-94-2021-disiplin-pns" }];
    await fx.rt.store.db
      .updateTable("letters")
      .set({ input_json: partialStoredInput(legacy) })
      .where("id", "=", id)
      .execute();
    await fx.rt.store.db.updateTable("legal_bases").set({ active: 0 }).where("id", "=", "uu-1-2015-pilkada").execute();

    await seedReferenceData(fx.rt.store, "2024-10-03T00:00:00.000Z");
    const row = await getLetter(fx.rt.store, id);
    if (!row) throw new Error("letter gone");
    const input = letterInput(row);
    expect(input.sections.dasar.every((ref) => typeof ref !== "string")).toBe(true);
    expect(input.sections.dasar[1]).toMatchObject({
      id: "uu-1-2015-pilkada",
      singkat: "Undang-Undang Nomor 1 Tahun 2015",
    });
    expect(input.sanctions[0]?.basis).toEqual({
      id: "pp-94-2021-disiplin-pns",
      judul: "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
      singkat: "Peraturan Pemerintah Nomor 94 Tahun 2021",
    });

    const text = row.input_json;
    await seedReferenceData(fx.rt.store, "2024-10-04T00:00:00.000Z");
    expect((await getLetter(fx.rt.store, id))?.input_json).toBe(text);
  });
});
