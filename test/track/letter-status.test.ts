import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { ackDeadlineEnd, deriveRecipientStatus, type RecipientStatusRow } from "../../src/domain/recipient-status.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { submitReport } from "../../src/track/follow-up-report.js";
import { letterStatus, opdHistory } from "../../src/track/letter-status.js";
import { runReminders } from "../../src/track/reminders.js";
import { recordEmailEvent } from "../../src/track/resend-webhook.js";
import { makeTrackFixture, SENT_AT, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const HOUR = 3_600_000;
const blank: RecipientStatusRow = {
  status: "queued",
  sent_at: null,
  delivered_at: null,
  bounced_at: null,
  complained_at: null,
  acknowledged_at: null,
  reported_at: null,
  overdue_at: null,
};

describe("recipient status derivation", () => {
  const t = "2024-11-02T00:00:00.000Z";
  it("follows-the-row-from-queued-to-reported", () => {
    expect(deriveRecipientStatus(blank)).toBe("queued");
    expect(deriveRecipientStatus({ ...blank, status: "sent", sent_at: t })).toBe("sent");
    expect(deriveRecipientStatus({ ...blank, status: "sent", sent_at: t, delivered_at: t })).toBe("delivered");
    expect(deriveRecipientStatus({ ...blank, status: "sent", acknowledged_at: t })).toBe("acknowledged");
    expect(deriveRecipientStatus({ ...blank, status: "sent", acknowledged_at: t, reported_at: t })).toBe("reported");
    expect(deriveRecipientStatus({ ...blank, status: "failed" })).toBe("failed");
  });

  it("a-bounce-outranks-overdue-and-an-acknowledgement-outranks-both", () => {
    const bounced: RecipientStatusRow = { ...blank, status: "bounced", bounced_at: t, overdue_at: t };
    expect(deriveRecipientStatus(bounced)).toBe("bounced");
    expect(deriveRecipientStatus({ ...bounced, acknowledged_at: t })).toBe("acknowledged");
  });

  it("a-delivered-webhook-that-beat-the-sender-still-shows-delivered", () => {
    expect(deriveRecipientStatus({ ...blank, status: "queued", delivered_at: t })).toBe("delivered");
  });

  it("is-overdue-when-flagged-or-when-the-deadline-has-passed-by-the-given-clock", () => {
    const sent: RecipientStatusRow = { ...blank, status: "sent", sent_at: t };
    expect(deriveRecipientStatus({ ...sent, overdue_at: t })).toBe("overdue");
    expect(deriveRecipientStatus(sent, { ackDeadline: "2024-11-20", now: new Date("2024-11-20T16:59:59Z") })).toBe(
      "sent",
    );
    expect(deriveRecipientStatus(sent, { ackDeadline: "2024-11-20", now: new Date("2024-11-20T17:00:00Z") })).toBe(
      "overdue",
    );
  });

  it("a-calendar-deadline-ends-at-midnight-wib", () => {
    expect(ackDeadlineEnd("2024-11-20")?.toISOString()).toBe("2024-11-20T17:00:00.000Z");
    expect(ackDeadlineEnd("2024-11-20T10:00:00+07:00")?.toISOString()).toBe("2024-11-20T03:00:00.000Z");
    expect(ackDeadlineEnd(null)).toBeNull();
    expect(ackDeadlineEnd("besok")).toBeNull();
  });
});

describe("letter and OPD status views", () => {
  let fx: TrackFixture;
  const clock = fixedClock(SENT_AT);
  beforeEach(async () => {
    fx = await makeTrackFixture();
    clock.set(SENT_AT);
  });
  afterEach(async () => {
    await fx.close();
  });

  it("shows-each-recipient-of-a-letter-and-counts-per-status", async () => {
    const [a, b, c, d] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["A", "B", "C", "D", "E"] });
    await fx.store.db
      .updateTable("recipients")
      .set({ status: "queued", sent_at: null })
      .where("opd_id", "=", "E")
      .execute();
    clock.advance(3 * HOUR);
    await acknowledge(fx.store, clock, a!.token, {
      name: "Kepala A",
      position: "Kepala Dinas A",
      ip: null,
      userAgent: null,
    });
    await acknowledge(fx.store, clock, b!.token, {
      name: "Kepala B",
      position: "Kepala Dinas B",
      ip: null,
      userAgent: null,
    });
    await submitReport(fx.store, diskBlobStore(join(fx.dir, "blobs")), clock, b!.token, {
      staffInformed: 12,
      informedOn: "2024-11-01",
      method: "rapat",
    });
    await recordEmailEvent(fx.store, clock, {
      id: "msg_1",
      event: { type: "email.bounced", created_at: "2024-11-01T03:00:00.000Z", data: { email_id: `re_${c!.id}` } },
    });
    await recordEmailEvent(fx.store, clock, {
      id: "msg_2",
      event: { type: "email.delivered", created_at: "2024-11-01T03:00:00.000Z", data: { email_id: `re_${d!.id}` } },
    });

    const view = await letterStatus(fx.store, clock, "L1");
    expect(view?.recipients.map((r) => [r.opdId, r.status])).toEqual([
      ["A", "acknowledged"],
      ["B", "reported"],
      ["C", "bounced"],
      ["D", "delivered"],
      ["E", "queued"],
    ]);
    expect(view?.recipients[0]).toMatchObject({
      acknowledgedAt: "2024-11-01T05:00:00.000Z",
      acknowledgedBy: { name: "Kepala A", position: "Kepala Dinas A" },
      timeToAcknowledgeMs: 3 * HOUR,
      statusLabel: "Sudah dikonfirmasi",
    });
    expect(view?.counts).toEqual({
      queued: 1,
      sent: 0,
      delivered: 1,
      bounced: 1,
      failed: 0,
      overdue: 0,
      acknowledged: 1,
      reported: 1,
    });
    expect(view?.totals).toMatchObject({ recipients: 5, acknowledged: 2, reported: 1, bounced: 1, overdue: 0 });
    expect(view?.totals.averageTimeToAcknowledgeMs).toBe(3 * HOUR);
    expect(await letterStatus(fx.store, clock, "nope")).toBeNull();
  });

  it("after-the-deadline-unacknowledged-recipients-count-as-overdue", async () => {
    const [a] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["A", "B", "C"] });
    await acknowledge(fx.store, clock, a!.token, {
      name: "Kepala A",
      position: "Kepala Dinas A",
      ip: null,
      userAgent: null,
    });
    clock.set("2024-11-21T00:00:00.000Z");
    await runReminders(fx.store, clock, { intervalHours: 24 });
    const view = await letterStatus(fx.store, clock, "L1");
    expect(view?.counts.overdue).toBe(2);
    expect(view?.counts.acknowledged).toBe(1);
    expect(view?.totals.overdue).toBe(2);
  });

  it("an-acknowledgement-from-midnight-wib-after-the-deadline-day-is-late-and-counted-apart-from-overdue", async () => {
    // Deadline 2024-11-20 (WIB) ends at 2024-11-20T17:00Z.
    const [a, b] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["A", "B", "C"] });
    const form = { name: "Kepala", position: "Kepala Dinas", ip: null, userAgent: null };
    clock.set("2024-11-20T16:59:59.000Z");
    await acknowledge(fx.store, clock, a!.token, form);
    clock.set("2024-11-20T17:00:00.000Z");
    await acknowledge(fx.store, clock, b!.token, form);
    clock.set("2024-11-22T03:00:00.000Z");
    const view = await letterStatus(fx.store, clock, "L1");
    const byOpd = new Map(view!.recipients.map((r) => [r.opdId, r]));
    expect(byOpd.get("A")).toMatchObject({
      status: "acknowledged",
      acknowledgedLate: false,
      lateness: null,
      statusLabel: "Sudah dikonfirmasi",
    });
    expect(byOpd.get("B")).toMatchObject({
      status: "acknowledged",
      acknowledgedLate: true,
      lateness: "acknowledged_late",
      daysLate: 1,
      statusLabel: "Sudah dikonfirmasi (terlambat 1 hari)",
    });
    expect(byOpd.get("C")).toMatchObject({ status: "overdue", overdue: true, lateness: "overdue", daysLate: 2 });
    expect(view?.totals).toMatchObject({ acknowledged: 2, overdue: 1, acknowledgedLate: 1, late: 2 });
  });

  it("an-opd-history-spans-letters-with-its-average-time-to-acknowledge", async () => {
    const [l1] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["A", "B"], sentAt: "2024-10-01T00:00:00.000Z" });
    const [l2] = await seedLetter(fx.store, {
      letterId: "L2",
      opdIds: ["A"],
      sentAt: "2024-10-10T00:00:00.000Z",
      ackDeadline: "2024-10-12",
    });
    await seedLetter(fx.store, { letterId: "L3", opdIds: ["A"], sentAt: "2024-10-20T00:00:00.000Z" });
    const [l4] = await seedLetter(fx.store, {
      letterId: "L4",
      opdIds: ["A"],
      sentAt: "2024-10-25T00:00:00.000Z",
      status: "withdrawn",
    });
    const form = { name: "Kepala A", position: "Kepala Dinas A", ip: null, userAgent: null };
    clock.set("2024-10-01T02:00:00.000Z");
    await acknowledge(fx.store, clock, l1!.token, form); // 2 hours
    clock.set("2024-10-14T00:00:00.000Z");
    await acknowledge(fx.store, clock, l2!.token, form); // 4 days, after the deadline
    expect((await acknowledge(fx.store, clock, l4!.token, form)).status).toBe("letter_withdrawn");

    clock.set("2024-11-30T00:00:00.000Z");
    const h = await opdHistory(fx.store, clock, "A");
    expect(h?.opd).toMatchObject({ id: "A", name: "Dinas A" });
    expect(h?.letters.map((l) => [l.letterId, l.recipient.status])).toEqual([
      ["L4", "overdue"],
      ["L3", "overdue"],
      ["L2", "acknowledged"],
      ["L1", "acknowledged"],
    ]);
    expect(h?.letters.find((l) => l.letterId === "L2")?.recipient.acknowledgedLate).toBe(true);
    expect(h?.totals).toMatchObject({ recipients: 3, acknowledged: 2, overdue: 1, acknowledgedLate: 1 });
    expect(h?.totals.averageTimeToAcknowledgeMs).toBe((2 * HOUR + 96 * HOUR) / 2);
    expect(await opdHistory(fx.store, clock, "ZZZ")).toBeNull();
  });
});
