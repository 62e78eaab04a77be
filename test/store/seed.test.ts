import { afterAll, describe, expect, it } from "vitest";
import { getOpd, listOpds, updateOpd } from "../../src/store/opd-repo.js";
import { getRegister, listRegisters } from "../../src/store/register-repo.js";
import { kotaBengkuluReferenceData, seedReferenceData } from "../../src/store/seed.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

const store = openSqliteStore(":memory:");
afterAll(() => store.close());

const kecamatan = [
  "Gading Cempaka",
  "Kampung Melayu",
  "Muara Bangkahulu",
  "Ratu Agung",
  "Ratu Samban",
  "Selebar",
  "Singaran Pati",
  "Sungai Serut",
  "Teluk Segara",
];

describe("seedReferenceData", () => {
  it("seeds Kota Bengkulu's perangkat daerah and the registers", async () => {
    await seedReferenceData(store, "2024-10-01T00:00:00.000Z");
    const opd = await listOpds(store);
    expect(opd).toHaveLength(kotaBengkuluReferenceData.opd.length);
    expect(opd.length).toBeGreaterThanOrEqual(40);
    expect(await getOpd(store, "BKPSDM")).toMatchObject({
      name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bengkulu",
      kind: "badan",
      head_name: null,
    });
    expect((await listRegisters(store)).map((r) => r.id)).toEqual(expect.arrayContaining(["BKPSDM.II", "SETDA"]));
    expect(await getRegister(store, "BKPSDM.II")).toMatchObject({
      name: "BKPSDM Bidang II",
      pattern: "{kka}/{seq}/{unit}/{year}",
    });
  });

  it("has all 9 kecamatan, each headed by its camat", async () => {
    const kec = await listOpds(store, { kind: "kecamatan" });
    expect(kec.map((k) => k.name).sort()).toEqual(kecamatan.map((k) => `Kecamatan ${k}`));
    for (const k of kec) expect(k.head_title).toBe(k.name.replace("Kecamatan", "Camat"));
  });

  it("uses only placeholder mail addresses, and leaves exactly DISPORA without one", async () => {
    const opd = await listOpds(store);
    expect(opd.filter((o) => o.email === null).map((o) => o.id)).toEqual(["DISPORA"]);
    for (const o of opd.filter((x) => x.email))
      expect(o.email).toBe(`${o.id.toLowerCase()}@bengkulukota.go.id.example`);
  });

  it("is idempotent and keeps what an admin edited", async () => {
    await updateOpd(
      store,
      "DINKES",
      { head_name: "Nama Kepala Dinas", email: "dinkes@example.org" },
      "2024-10-02T00:00:00.000Z",
    );
    const before = await listOpds(store);
    await seedReferenceData(store, "2024-10-05T00:00:00.000Z");
    await seedReferenceData(store, "2024-10-06T00:00:00.000Z");
    expect(await listOpds(store)).toEqual(before);
    expect(await listRegisters(store)).toHaveLength(2);
    expect(await getOpd(store, "DINKES")).toMatchObject({
      head_name: "Nama Kepala Dinas",
      email: "dinkes@example.org",
    });
  });
});
