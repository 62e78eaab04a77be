import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { runReminders } from "../../src/track/reminders.js";
import { makeTrackFixture, recipientRow, SENT_AT, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const HOUR = 3_600_000;
const ackForm = { name: "Ir. Bambang Sutrisno", position: "Kepala Dinas Kesehatan", ip: null, userAgent: null };

async function reminderRows(fx: TrackFixture) {
  return fx.store.db.selectFrom("outbox").selectAll().where("kind", "=", "reminder").orderBy("id").execute();
}

describe("reminders", () => {
  let fx: TrackFixture;
  // SENT_AT is 2024-11-01T02:00Z; the deadline 2024-11-20 ends 2024-11-20T17:00Z (midnight WIB).
  const clock = fixedClock(SENT_AT);
  beforeEach(async () => {
    fx = await makeTrackFixture();
    clock.set(SENT_AT);
  });
  afterEach(async () => {
    await fx.close();
  });

  it("reminds-nobody-before-one-interval-has-passed-since-sending", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    clock.advance(23 * HOUR);
    expect(await runReminders(fx.store, clock, { intervalHours: 24 })).toEqual({
      overdueMarked: 0,
      reminded: 0,
      outboxIds: [],
    });
  });

  it("reminds-each-unacknowledged-recipient-once-per-interval-and-not-twice-on-a-rerun", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    clock.advance(24 * HOUR);
    const first = await runReminders(fx.store, clock, { intervalHours: 24 });
    expect(first).toEqual({
      overdueMarked: 0,
      reminded: 2,
      outboxIds: ["rem:rcp-L1-DIKBUD:1", "rem:rcp-L1-DINKES:1"],
    });
    // Re-run in the same window, and an hour later: nothing new.
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).outboxIds).toEqual([]);
    clock.advance(HOUR);
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).outboxIds).toEqual([]);

    const rows = await reminderRows(fx);
    expect(rows.map((r) => [r.id, r.recipient_id, r.status, r.next_attempt_at])).toEqual([
      ["rem:rcp-L1-DIKBUD:1", "rcp-L1-DIKBUD", "pending", "2024-11-02T02:00:00.000Z"],
      ["rem:rcp-L1-DINKES:1", "rcp-L1-DINKES", "pending", "2024-11-02T02:00:00.000Z"],
    ]);
    const row = await recipientRow(fx.store, "rcp-L1-DIKBUD");
    expect([row.reminder_count, row.last_reminded_at]).toEqual([1, "2024-11-02T02:00:00.000Z"]);
    // The audit trail has one line per reminder, under its letter; the re-runs added none.
    const audit = await fx.store.db
      .selectFrom("audit_log")
      .select(["action", "letter_id", "subject"])
      .where("action", "=", "recipient.reminded")
      .orderBy("seq")
      .execute();
    expect(audit).toEqual([
      { action: "recipient.reminded", letter_id: "L1", subject: "rcp-L1-DIKBUD" },
      { action: "recipient.reminded", letter_id: "L1", subject: "rcp-L1-DINKES" },
    ]);

    clock.advance(23 * HOUR);
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).outboxIds).toEqual([
      "rem:rcp-L1-DIKBUD:2",
      "rem:rcp-L1-DINKES:2",
    ]);
  });

  it("two-runs-at-once-on-two-connections-queue-each-reminder-once", async () => {
    const opdIds = Array.from({ length: 40 }, (_, i) => `OPD${String(i).padStart(2, "0")}`);
    await seedLetter(fx.store, { letterId: "L1", opdIds });
    const other = openSqliteStore(join(fx.dir, "edaran.sqlite"));
    try {
      clock.advance(25 * HOUR);
      const [a, b] = await Promise.all([
        runReminders(fx.store, clock, { intervalHours: 24, batchSize: 7 }),
        runReminders(other, clock, { intervalHours: 24, batchSize: 7 }),
      ]);
      expect(a.reminded + b.reminded).toBe(40);
      expect(new Set([...a.outboxIds, ...b.outboxIds]).size).toBe(40);
      expect(a.outboxIds.length + b.outboxIds.length).toBe(40);
    } finally {
      await other.close();
    }
    expect(await reminderRows(fx)).toHaveLength(40);
    const counts = await fx.store.db.selectFrom("recipients").select("reminder_count").execute();
    expect(counts.every((c) => c.reminder_count === 1)).toBe(true);
  });

  it("never-reminds-after-the-recipient-acknowledged", async () => {
    const [dikbud] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    clock.advance(2 * HOUR);
    await acknowledge(fx.store, clock, dikbud!.token, ackForm);
    for (let day = 0; day < 30; day++) {
      clock.advance(24 * HOUR);
      const run = await runReminders(fx.store, clock, { intervalHours: 24 });
      expect(run.outboxIds.some((id) => id.includes("DIKBUD"))).toBe(false);
    }
    const row = await recipientRow(fx.store, dikbud!.id);
    expect([row.reminder_count, row.last_reminded_at, row.overdue_at]).toEqual([0, null, null]);
  });

  it("marks-unacknowledged-recipients-overdue-once-after-the-deadline-day-ends-in-wib", async () => {
    const [dikbud, dinkes] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    await acknowledge(fx.store, clock, dikbud!.token, ackForm);
    clock.set("2024-11-20T16:59:59.000Z"); // 23:59:59 WIB on the deadline day
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).overdueMarked).toBe(0);
    clock.set("2024-11-20T17:00:00.000Z");
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).overdueMarked).toBe(1);
    expect((await recipientRow(fx.store, dinkes!.id)).overdue_at).toBe("2024-11-20T17:00:00.000Z");
    expect((await recipientRow(fx.store, dikbud!.id)).overdue_at).toBeNull();
    clock.advance(HOUR);
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).overdueMarked).toBe(0);
    expect((await recipientRow(fx.store, dinkes!.id)).overdue_at).toBe("2024-11-20T17:00:00.000Z");
  });

  it("stops-at-max-reminders", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"] });
    const all: string[] = [];
    for (let day = 0; day < 10; day++) {
      clock.advance(24 * HOUR);
      all.push(...(await runReminders(fx.store, clock, { intervalHours: 24, maxReminders: 3 })).outboxIds);
    }
    expect(all).toEqual(["rem:rcp-L1-DIKBUD:1", "rem:rcp-L1-DIKBUD:2", "rem:rcp-L1-DIKBUD:3"]);
    expect((await recipientRow(fx.store, "rcp-L1-DIKBUD")).reminder_count).toBe(3);
  });

  it("skips-letters-not-in-sent-state-queued-and-bounced-recipients", async () => {
    await seedLetter(fx.store, { letterId: "W", opdIds: ["DIKBUD"], status: "withdrawn" });
    await seedLetter(fx.store, { letterId: "C", opdIds: ["DIKBUD"], status: "closed" });
    await seedLetter(fx.store, { letterId: "Q", opdIds: ["DIKBUD"], recipientStatus: "queued" });
    await seedLetter(fx.store, { letterId: "B", opdIds: ["DIKBUD"], recipientStatus: "bounced" });
    clock.advance(48 * HOUR);
    expect(await runReminders(fx.store, clock, { intervalHours: 24 })).toEqual({
      overdueMarked: 0,
      reminded: 0,
      outboxIds: [],
    });
  });
});
