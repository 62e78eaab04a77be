import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import type { ReminderPolicy } from "../../src/domain/reminder-policy.js";
import { ComplianceMatrix } from "../../src/http/pages/components/compliance-matrix.js";
import { kotaBengkuluProfile } from "../../src/pemda/seed-pemda-profile.js";
import { insertPemdaProfileVersionQuery } from "../../src/store/pemda-profile-repo.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { complianceMatrix } from "../../src/track/compliance-matrix.js";
import { reminderCandidatesQuery } from "../../src/track/reminder-candidates.js";
import { runReminders } from "../../src/track/reminders.js";
import { makeTrackFixture, recipientRow, SENT_AT, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const HOUR = 3_600_000;
const ackForm = { name: "Ir. Bambang Sutrisno", position: "Kepala Dinas Kesehatan", ip: null, userAgent: null };

async function auditOf(fx: TrackFixture, action: string) {
  const rows = await fx.store.db
    .selectFrom("audit_log")
    .select(["subject", "data_json"])
    .where("action", "=", action)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ subject: r.subject, data: JSON.parse(r.data_json) as unknown }));
}

/** A new profile version with this reminder policy (the rest as Kota Bengkulu's). */
async function setPolicy(fx: TrackFixture, reminders: ReminderPolicy) {
  const profile = { ...kotaBengkuluProfile, reminders };
  await fx.store.atomic([
    insertPemdaProfileVersionQuery(fx.store, { version: 1, profile, createdBy: "system" }, SENT_AT),
  ]);
}

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
      escalated: 0,
      outboxIds: [],
      more: false,
    });
  });

  it("reminds-each-unacknowledged-recipient-once-per-interval-and-not-twice-on-a-rerun", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    clock.advance(24 * HOUR);
    const first = await runReminders(fx.store, clock, { intervalHours: 24 });
    expect(first).toEqual({
      overdueMarked: 0,
      reminded: 2,
      escalated: 0,
      outboxIds: ["rem:rcp-L1-DIKBUD:1", "rem:rcp-L1-DINKES:1"],
      more: false,
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
        runReminders(fx.store, clock, { intervalHours: 24, chunkSize: 7 }),
        runReminders(other, clock, { intervalHours: 24, chunkSize: 7 }),
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

  // The flag comes with the first round that has the recipient due after the deadline ended (the pages and
  // exports derive "overdue" from the clock and do not wait for it); the round reads only due recipients.
  it("marks-unacknowledged-recipients-overdue-once-in-the-first-due-round-after-the-deadline-day-ends-in-wib", async () => {
    const [dikbud, dinkes] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    await acknowledge(fx.store, clock, dikbud!.token, ackForm);
    await setPolicy(fx, { maxPerRecipient: 20, stopAfterDaysPastDeadline: 30 });
    clock.set("2024-11-20T16:59:59.000Z"); // 23:59:59 WIB on the deadline day
    const before = await runReminders(fx.store, clock, { intervalHours: 24 });
    expect([before.reminded, before.overdueMarked]).toEqual([1, 0]);
    clock.set("2024-11-21T17:00:00.000Z");
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).overdueMarked).toBe(1);
    expect((await recipientRow(fx.store, dinkes!.id)).overdue_at).toBe("2024-11-21T17:00:00.000Z");
    expect((await recipientRow(fx.store, dikbud!.id)).overdue_at).toBeNull();
    clock.advance(25 * HOUR);
    const later = await runReminders(fx.store, clock, { intervalHours: 24 });
    expect([later.reminded, later.overdueMarked]).toEqual([1, 0]);
    expect((await recipientRow(fx.store, dinkes!.id)).overdue_at).toBe("2024-11-21T17:00:00.000Z");
    expect(await auditOf(fx, "recipient.overdue")).toHaveLength(1);
  });

  it("stops-at-the-cap-of-three-and-escalates-once", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"], ackDeadline: "2024-12-31" });
    const all: string[] = [];
    let escalated = 0;
    for (let day = 0; day < 10; day++) {
      clock.advance(24 * HOUR);
      const run = await runReminders(fx.store, clock, { intervalHours: 24 });
      all.push(...run.outboxIds);
      escalated += run.escalated;
    }
    expect(all).toEqual(["rem:rcp-L1-DIKBUD:1", "rem:rcp-L1-DIKBUD:2", "rem:rcp-L1-DIKBUD:3"]);
    expect(escalated).toBe(1);
    const row = await recipientRow(fx.store, "rcp-L1-DIKBUD");
    // Escalated when the fourth would have been due, a day after the third.
    expect([row.reminder_count, row.escalated_at, row.escalation_reason]).toEqual([
      3,
      "2024-11-05T02:00:00.000Z",
      "cap_reached",
    ]);
    // The matrix (screen, exports, print) and its table say so.
    const matrix = await complianceMatrix(fx.store, clock, "L1");
    expect(matrix?.rows[0]?.escalation).toEqual({
      at: "2024-11-05T02:00:00.000Z",
      reason: "cap_reached",
      label: "Pengingat dihentikan setelah 3 kali; perlu ditindaklanjuti",
    });
    const html = String(ComplianceMatrix({ rows: matrix!.rows.map((r) => ({ ...r, attachment: null })) }));
    expect(html).toContain('data-escalated="true"');
    expect(html).toContain("Dieskalasi");
    expect(await auditOf(fx, "recipient.escalated")).toEqual([
      {
        subject: "rcp-L1-DIKBUD",
        data: {
          deadline: "2024-12-31",
          maxPerRecipient: 3,
          reason: "cap_reached",
          reminders: 3,
          stopAfterDaysPastDeadline: 30,
        },
      },
    ]);
  });

  it("stops-reminding-more-than-the-profiles-day-limit-past-the-deadline", async () => {
    // The deadline 2024-11-02 ends 2024-11-02T17:00Z; two days past it is 2024-11-04T17:00Z.
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"], ackDeadline: "2024-11-02" });
    await setPolicy(fx, { maxPerRecipient: 20, stopAfterDaysPastDeadline: 2 });
    const runs = [];
    for (let day = 0; day < 6; day++) {
      clock.advance(24 * HOUR);
      runs.push(await runReminders(fx.store, clock, { intervalHours: 24 }));
    }
    expect(runs.map((r) => [r.reminded, r.escalated, r.overdueMarked])).toEqual([
      [1, 0, 0], // 11-02 02:00, before the deadline ends
      [1, 0, 1], // 11-03: overdue, a few hours past
      [1, 0, 0], // 11-04 02:00: 1 day 9 hours past
      [0, 1, 0], // 11-05 02:00: more than 2 days past
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const row = await recipientRow(fx.store, "rcp-L1-DIKBUD");
    expect([row.reminder_count, row.escalation_reason]).toEqual([3, "too_late"]);
    expect(await auditOf(fx, "recipient.escalated")).toHaveLength(1);
  });

  it("follows-the-cap-and-interval-set-in-the-pemda-profile", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"], ackDeadline: "2024-12-31" });
    await setPolicy(fx, { maxPerRecipient: 1, stopAfterDaysPastDeadline: 30, intervalHours: 6 });
    clock.advance(6 * HOUR);
    // The profile's 6 hours win over the installation's 24.
    expect((await runReminders(fx.store, clock, { intervalHours: 24 })).reminded).toBe(2);
    clock.advance(6 * HOUR);
    const second = await runReminders(fx.store, clock, { intervalHours: 24 });
    expect([second.reminded, second.escalated]).toEqual([0, 2]);
    expect(await reminderRows(fx)).toHaveLength(2);
  });

  it("a-round-of-n-leaves-the-rest-to-the-next-and-together-they-remind-each-due-recipient-once", async () => {
    const opdIds = Array.from({ length: 10 }, (_, i) => `OPD${i}`);
    // Three letters sent an hour apart: the oldest letter's recipients are due first.
    for (const [k, id] of ["A", "B", "C"].entries()) {
      await seedLetter(fx.store, {
        letterId: id,
        opdIds,
        sentAt: new Date(Date.parse(SENT_AT) + k * HOUR).toISOString(),
      });
    }
    clock.advance(30 * HOUR);
    const first = await runReminders(fx.store, clock, { intervalHours: 24, limit: 12, chunkSize: 5 });
    expect([first.reminded, first.more]).toEqual([12, true]);
    expect(first.outboxIds.filter((id) => id.includes("-A-"))).toHaveLength(10);
    // The same round again (e.g. after a crash once it committed): nothing twice, it continues.
    const second = await runReminders(fx.store, clock, { intervalHours: 24, limit: 12, chunkSize: 5 });
    const third = await runReminders(fx.store, clock, { intervalHours: 24, limit: 12, chunkSize: 5 });
    expect([second.reminded, second.more, third.reminded, third.more]).toEqual([12, true, 6, false]);
    const all = [...first.outboxIds, ...second.outboxIds, ...third.outboxIds];
    expect(new Set(all).size).toBe(30);
    expect(all.every((id) => id.endsWith(":1"))).toBe(true);
    expect((await runReminders(fx.store, clock, { intervalHours: 24, limit: 12 })).outboxIds).toEqual([]);
    expect(await reminderRows(fx)).toHaveLength(30);
    expect(await auditOf(fx, "recipient.reminded")).toHaveLength(30);
  });

  it("re-reads-a-chunk-whose-recipient-acknowledged-after-it-was-read", async () => {
    const [dikbud] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    clock.advance(25 * HOUR);
    // Acknowledged between the round's read and its batch: the batch's guard refuses, the chunk is re-read.
    const rows = await reminderCandidatesQuery(fx.store, {
      cutoffIso: "2024-11-02T03:00:00.000Z",
      limit: 10,
    }).execute();
    expect(rows).toHaveLength(2);
    const realAtomic = fx.store.atomic.bind(fx.store);
    let acknowledged = false;
    const racing = {
      db: fx.store.db,
      async atomic(queries: Parameters<typeof realAtomic>[0]) {
        if (!acknowledged) {
          acknowledged = true;
          await acknowledge(fx.store, clock, dikbud!.token, ackForm);
        }
        return realAtomic(queries);
      },
    };
    const run = await runReminders(racing, clock, { intervalHours: 24 });
    expect(run.outboxIds).toEqual(["rem:rcp-L1-DINKES:1"]);
    expect((await recipientRow(fx.store, dikbud!.id)).reminder_count).toBe(0);
    expect(await auditOf(fx, "recipient.reminded")).toHaveLength(1);
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
      escalated: 0,
      outboxIds: [],
      more: false,
    });
  });
});
