import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { violationRegister } from "../../src/track/violation-register.js";
import { recordViolation, updateViolation } from "../../src/track/violations-repo.js";
import { partialStoredInput } from "../support/stored-input-fixture.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const sanctions = [
  { who: "PNS", what: "Hukuman disiplin sedang sesuai PP 94/2021" },
  { who: "PPPK", what: "Pemutusan hubungan perjanjian kerja" },
];

describe("the violations register", () => {
  let fx: TrackFixture;
  const clock = fixedClock("2024-11-05T01:00:00.000Z");
  beforeEach(async () => {
    fx = await makeTrackFixture();
    await seedLetter(fx.store, { letterId: "OLD", opdIds: ["A"], sentAt: "2024-10-01T02:00:00.000Z" });
    await seedLetter(fx.store, { letterId: "NEW", opdIds: ["A", "B"], sentAt: "2024-11-01T02:00:00.000Z" });
    await seedLetter(fx.store, { letterId: "DRAFT", opdIds: ["A"], status: "draft" });
    await fx.store.db.updateTable("letters").set({ sent_at: null, nomor: null }).where("id", "=", "DRAFT").execute();
    await fx.store.db
      .updateTable("letters")
      .set({ input_json: partialStoredInput({ sanctions }) })
      .where("id", "=", "NEW")
      .execute();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("offers-the-opds-the-sent-letters-newest-first-and-each-sanction-clause-under-its-stored-reference", async () => {
    const r = await violationRegister(fx.store);
    expect(r.opds).toEqual([
      { id: "A", name: "Dinas A" },
      { id: "B", name: "Dinas B" },
    ]);
    expect(r.letters).toEqual([
      { id: "NEW", nomor: "800.1.3/NEW/BKPSDM.II/2024", tentang: "Netralitas ASN (NEW)" },
      { id: "OLD", nomor: "800.1.3/OLD/BKPSDM.II/2024", tentang: "Netralitas ASN (OLD)" },
    ]);
    expect(r.clauses).toEqual([
      {
        value: "800.1.3/NEW/BKPSDM.II/2024 · ketentuan sanksi 1",
        text: "PNS: Hukuman disiplin sedang sesuai PP 94/2021",
      },
      { value: "800.1.3/NEW/BKPSDM.II/2024 · ketentuan sanksi 2", text: "PPPK: Pemutusan hubungan perjanjian kerja" },
    ]);
    expect(r.violations).toEqual([]);
  });

  it("lists-the-recorded-violations-newest-first-with-their-letter", async () => {
    const form = { employeeName: "Budi Santoso", employeeStatus: "PTT", act: "Ikut kampanye", status: "dilaporkan" };
    await recordViolation(fx.store, clock, "u-sekretariat", { ...form, opdId: "A", letterId: "OLD" });
    clock.advance(60_000);
    await recordViolation(fx.store, clock, "u-sekretariat", { ...form, opdId: "B" });
    const r = await violationRegister(fx.store);
    expect(r.violations.map((v) => [v.opdName, v.letterNomor])).toEqual([
      ["Dinas B", null],
      ["Dinas A", "800.1.3/OLD/BKPSDM.II/2024"],
    ]);
  });
});

describe("a case's lifecycle", () => {
  let fx: TrackFixture;
  const clock = fixedClock("2024-11-10T02:00:00.000Z");
  beforeEach(async () => {
    fx = await makeTrackFixture();
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["A"] });
  });
  afterEach(async () => {
    await fx.close();
  });

  const record = () =>
    recordViolation(fx.store, clock, "u-sekretariat", {
      employeeName: "Budi Santoso",
      employeeStatus: "PTT",
      opdId: "A",
      letterId: "L1",
      act: "Memasang foto bersama calon",
      status: "dilaporkan",
    });

  it("is-not-proven-only-with-a-reason-and-then-final-with-its-decision-time", async () => {
    const v = await record();
    await expect(
      updateViolation(fx.store, clock, "u-sekretariat", v.id, { status: "tidak_terbukti" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      issues: [{ path: "note", message: "Tulis alasan pelanggaran tidak terbukti" }],
    });
    const done = await updateViolation(fx.store, clock, "u-sekretariat", v.id, {
      status: "tidak_terbukti",
      note: "Foto diambil sebelum masa kampanye",
    });
    expect(done).toMatchObject({
      status: "tidak_terbukti",
      decisionNote: "Foto diambil sebelum masa kampanye",
      decidedAt: "2024-11-10T02:00:00.000Z",
      sanction: null,
    });
    await expect(
      updateViolation(fx.store, clock, "u-sekretariat", v.id, { status: "diperiksa" }),
    ).rejects.toMatchObject({
      code: "transition_not_allowed",
    });
  });

  it("refuses-an-unknown-case-and-an-unknown-status", async () => {
    await expect(updateViolation(fx.store, clock, "u", "nope", { status: "diperiksa" })).rejects.toMatchObject({
      code: "not_found",
    });
    const v = await record();
    await expect(updateViolation(fx.store, clock, "u", v.id, { status: "selesai" })).rejects.toMatchObject({
      code: "validation_failed",
      issues: [expect.objectContaining({ path: "status" })],
    });
  });
});
