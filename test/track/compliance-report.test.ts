import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { complianceReport } from "../../src/track/compliance-report.js";
import { recordViolation } from "../../src/track/violations-repo.js";
import { partialStoredInput } from "../support/stored-input-fixture.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const input = {
  government: { name: "Pemerintah Kota Bengkulu" },
  issuer: { name: "Dr. Arif Gunadi", jabatan: "Sekretaris Daerah", prefix: "Plh." },
};

describe("the printable compliance report of a letter", () => {
  let fx: TrackFixture;
  const clock = fixedClock("2024-11-05T01:00:00.000Z");
  beforeEach(async () => {
    fx = await makeTrackFixture();
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["A", "B"] });
    await seedLetter(fx.store, { letterId: "L2", opdIds: ["A"] });
    await fx.store.db
      .updateTable("letters")
      .set({ input_json: partialStoredInput(input), signed_at: "2024-10-31T08:00:00.000Z" })
      .execute();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("is-null-for-a-letter-that-does-not-exist", async () => {
    expect(await complianceReport(fx.store, clock, "NOPE")).toBeNull();
  });

  it("names-the-government-and-the-signer-and-carries-the-matrix-and-only-this-letters-violations", async () => {
    const form = {
      employeeName: "Budi Santoso",
      employeeNip: "198503122010011002",
      employeeStatus: "PNS",
      opdId: "B",
      act: "Hadir dalam kampanye calon",
      status: "diperiksa",
    };
    await recordViolation(fx.store, clock, "u-sekretariat", { ...form, letterId: "L1" });
    await recordViolation(fx.store, clock, "u-sekretariat", { ...form, letterId: "L2", opdId: "A" });

    const r = await complianceReport(fx.store, clock, "L1");
    expect(r?.government).toBe("Pemerintah Kota Bengkulu");
    expect(r?.letter).toEqual({
      id: "L1",
      nomor: "800.1.3/L1/BKPSDM.II/2024",
      tentang: "Netralitas ASN (L1)",
      signerJabatan: "Plh. Sekretaris Daerah",
      signedAt: "2024-10-31T08:00:00.000Z",
      sentAt: "2024-11-01T02:00:00.000Z",
      ackDeadline: "2024-11-20",
      // Seeded without a send transition: nothing recorded as left out.
      notSent: [],
    });
    expect(r?.rows.map((row) => [row.opdId, row.violations])).toEqual([
      ["A", 0],
      ["B", 1],
    ]);
    expect(r?.violations.map((v) => [v.letterId, v.opdId, v.status])).toEqual([["L1", "B", "diperiksa"]]);
  });

  it("leaves-out-an-absent-prefix-from-the-signers-jabatan", async () => {
    const { prefix: _, ...issuer } = input.issuer;
    await fx.store.db
      .updateTable("letters")
      .set({ input_json: partialStoredInput({ ...input, issuer }) })
      .where("id", "=", "L1")
      .execute();
    expect((await complianceReport(fx.store, clock, "L1"))?.letter.signerJabatan).toBe("Sekretaris Daerah");
  });
});
