import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { submitReport } from "../../src/track/follow-up-report.js";
import { opdComplianceHistory, sentWithin } from "../../src/track/opd-compliance-history.js";
import { recordViolation } from "../../src/track/violations-repo.js";
import { makeTrackFixture, type SeededRecipient, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const ackForm = { name: "Kepala A", position: "Kepala Dinas", ip: null, userAgent: null };

describe("sentWithin", () => {
  it("reads-the-sending-day-in-wib-and-includes-both-ends", () => {
    // 17:30 UTC on 31 October is 00:30 WIB on 1 November.
    const lateEvening = "2024-10-31T17:30:00.000Z";
    expect(sentWithin(lateEvening, { from: "2024-11-01" })).toBe(true);
    expect(sentWithin(lateEvening, { to: "2024-10-31" })).toBe(false);
    expect(sentWithin(lateEvening, { from: "2024-11-01", to: "2024-11-01" })).toBe(true);
  });

  it("keeps-an-unsent-letter-only-when-the-period-is-open", () => {
    expect(sentWithin(null, {})).toBe(true);
    expect(sentWithin(null, { from: "2024-01-01" })).toBe(false);
  });
});

describe("one OPD's compliance history", () => {
  let fx: TrackFixture;
  const clock = fixedClock("2024-11-01T02:00:00.000Z");
  beforeEach(async () => {
    fx = await makeTrackFixture();
    clock.set("2024-11-01T02:00:00.000Z");
  });
  afterEach(async () => {
    await fx.close();
  });

  it("is-null-for-an-opd-that-does-not-exist", async () => {
    expect(await opdComplianceHistory(fx.store, clock, "NOPE")).toBeNull();
  });

  it("lists-the-letters-sent-in-the-period-with-hours-to-acknowledge-their-average-and-the-attachment", async () => {
    const [early] = (await seedLetter(fx.store, {
      letterId: "L1",
      opdIds: ["A", "B"],
      sentAt: "2024-10-01T02:00:00.000Z",
    })) as SeededRecipient[];
    const [late] = (await seedLetter(fx.store, {
      letterId: "L2",
      opdIds: ["A"],
      sentAt: "2024-11-01T02:00:00.000Z",
    })) as SeededRecipient[];
    await seedLetter(fx.store, { letterId: "L3", opdIds: ["A"], sentAt: "2024-12-01T02:00:00.000Z" });
    clock.set("2024-10-01T04:00:00.000Z");
    await acknowledge(fx.store, clock, early!.token, ackForm);
    clock.set("2024-11-01T08:00:00.000Z");
    await acknowledge(fx.store, clock, late!.token, ackForm);
    const blobs = diskBlobStore(join(fx.dir, "blobs"));
    await submitReport(fx.store, blobs, clock, late!.token, {
      staffInformed: "3",
      informedOn: "2024-11-01",
      method: "rapat",
      attachment: { filename: "daftar hadir.pdf", contentType: "application/pdf", bytes: new Uint8Array([37, 80]) },
    });
    await recordViolation(fx.store, clock, "u-sekretariat", {
      employeeName: "Budi Santoso",
      employeeStatus: "PTT",
      opdId: "A",
      act: "Membagikan materi kampanye",
      status: "dilaporkan",
    });

    const all = await opdComplianceHistory(fx.store, clock, "A");
    expect(all?.opd).toEqual({ id: "A", name: "Dinas A", headName: "Kepala A", email: "a@bengkulukota.go.id" });
    expect(all?.rows.map((r) => [r.letterId, r.hoursToAck])).toEqual([
      ["L3", null],
      ["L2", 6],
      ["L1", 2],
    ]);
    expect(all?.averageHoursToAck).toBe(4);
    expect(all?.violationCount).toBe(1);
    expect(all?.rows[1]?.attachment).toEqual({
      filename: "daftar_hadir.pdf",
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(all?.rows[1]).toMatchObject({ reportedAt: "2024-11-01T08:00:00.000Z", overdue: false, lateness: null });

    const november = await opdComplianceHistory(fx.store, clock, "A", { from: "2024-10-15", to: "2024-11-30" });
    expect(november?.rows.map((r) => r.letterId)).toEqual(["L2"]);
    expect(november?.averageHoursToAck).toBe(6);
    expect(november?.violationCount).toBe(1);
    expect(((await opdComplianceHistory(fx.store, clock, "B"))?.rows ?? []).map((r) => r.hoursToAck)).toEqual([null]);
  });
});
