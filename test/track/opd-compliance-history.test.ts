import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { decodeCursor } from "../../src/domain/page-cursor.js";
import { recipientFlags, timeToAcknowledgeMs } from "../../src/domain/recipient-status.js";
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

  it("counts-the-period-in-sql-as-the-row-rule-does-and-pages-every-letter-once", async () => {
    // Deadlines of both shapes and none; acknowledgements before, at and after the deadline's end; a row the
    // reminder job flagged overdue; rows never acknowledged.
    const deadlines = ["2024-10-05", "2024-10-05T12:00:00+07:00", null, "2024-11-20"];
    for (let n = 0; n < 23; n++) {
      const sentAt = new Date(Date.parse("2024-10-01T02:00:00.000Z") + n * 86_400_000).toISOString();
      const [r] = (await seedLetter(fx.store, {
        letterId: `P${String(n).padStart(2, "0")}`,
        opdIds: ["A"],
        sentAt,
        ackDeadline: deadlines[n % deadlines.length] ?? null,
      })) as SeededRecipient[];
      await fx.store.db
        .updateTable("recipients")
        .set({ created_at: sentAt, sent_at: sentAt, ...(n % 7 === 3 ? { overdue_at: sentAt } : {}) })
        .where("id", "=", `rcp-P${String(n).padStart(2, "0")}-A`)
        .execute();
      if (n % 3 !== 2) {
        // 17:00 UTC on the 5th is the end of "2024-10-05" in WIB: at it, the acknowledgement is late.
        clock.set(n % 3 === 0 ? "2024-10-05T17:00:00.000Z" : "2024-10-05T16:59:59.999Z");
        await acknowledge(fx.store, clock, r!.token, ackForm);
      }
    }
    clock.set("2024-11-25T00:00:00.000Z");
    const period = { from: "2024-10-04", to: "2024-10-20" };
    const rows = await fx.store.db
      .selectFrom("recipients")
      .innerJoin("letters", "letters.id", "recipients.letter_id")
      .selectAll("recipients")
      .select("letters.ack_deadline")
      .where("recipients.opd_id", "=", "A")
      .execute();
    const inPeriod = rows.filter((r) => sentWithin(r.sent_at, period));
    const flags = inPeriod.map((r) => recipientFlags(r, { ackDeadline: r.ack_deadline, now: clock.now() }));
    const ms = inPeriod.map(timeToAcknowledgeMs).filter((m): m is number => m !== null);
    const expected = {
      received: inPeriod.length,
      acknowledged: inPeriod.filter((r) => r.acknowledged_at).length,
      acknowledgedLate: flags.filter((f) => f.lateness === "acknowledged_late").length,
      overdue: flags.filter((f) => f.lateness === "overdue").length,
    };
    // The cases are there: each count is neither zero nor everything.
    for (const n of Object.values(expected).slice(1)) expect(n).toBeGreaterThan(0);
    expect(expected.received).toBe(17);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await opdComplianceHistory(fx.store, clock, "A", period, {
        limit: 5,
        ...(after ? { after: decodeCursor(after, "text") } : {}),
      });
      expect(page?.totals).toEqual(expected);
      expect(page?.averageHoursToAck).toBeCloseTo(ms.reduce((a, b) => a + b, 0) / ms.length / 3_600_000, 9);
      expect(page?.rows.length).toBeGreaterThan(0);
      seen.push(...(page?.rows.map((r) => r.letterId) ?? []));
      after = page?.nextCursor ?? null;
    } while (after);
    expect(seen).toEqual(
      inPeriod
        .map((r) => r.letter_id)
        .sort()
        .reverse(),
    );
  });
});
