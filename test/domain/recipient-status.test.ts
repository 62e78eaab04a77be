// Lateness at the WIB deadline boundary: a calendar deadline is the whole day in WIB, so "2024-11-20" ends at
// 2024-11-20T17:00Z; an acknowledgement from that instant on is late, one before it is on time.
import { describe, expect, it } from "vitest";
import {
  daysPastDeadline,
  deadlineTooSoon,
  latenessLabel,
  type RecipientStatusRow,
  recipientFlags,
  recipientStatusText,
} from "../../src/domain/recipient-status.js";

const sent: RecipientStatusRow = {
  status: "sent",
  sent_at: "2024-11-01T02:00:00.000Z",
  delivered_at: null,
  bounced_at: null,
  complained_at: null,
  acknowledged_at: null,
  reported_at: null,
  overdue_at: null,
};
const deadline = { ackDeadline: "2024-11-20" };
const ackAt = (iso: string) =>
  recipientFlags({ ...sent, acknowledged_at: iso }, { ...deadline, now: new Date("2024-12-01T00:00:00Z") });

describe("late acknowledgement", () => {
  it("is-on-time-at-23-59-59-wib-on-the-deadline-day-and-late-from-midnight-wib", () => {
    expect(ackAt("2024-11-20T16:59:59.999Z")).toMatchObject({
      acknowledgedLate: false,
      lateness: null,
      daysLate: null,
      overdue: false,
    });
    expect(ackAt("2024-11-20T17:00:00.000Z")).toMatchObject({
      status: "acknowledged",
      acknowledgedLate: true,
      lateness: "acknowledged_late",
      daysLate: 1,
    });
  });

  it("counts-started-days-after-the-deadline", () => {
    expect(ackAt("2024-11-21T16:59:59.000Z").daysLate).toBe(1);
    expect(ackAt("2024-11-21T17:00:00.000Z").daysLate).toBe(2);
    expect(ackAt("2024-11-24T03:00:00.000Z").daysLate).toBe(4);
  });

  it("is-never-late-without-a-deadline", () => {
    const f = recipientFlags(
      { ...sent, acknowledged_at: "2030-01-01T00:00:00Z" },
      { ackDeadline: null, now: new Date("2030-02-01T00:00:00Z") },
    );
    expect(f).toMatchObject({ lateness: null, acknowledgedLate: false, daysLate: null });
  });

  it("keeps-overdue-for-not-acknowledged-past-the-deadline-with-the-days-so-far", () => {
    expect(recipientFlags(sent, { ...deadline, now: new Date("2024-11-20T16:59:59Z") })).toMatchObject({
      overdue: false,
      lateness: null,
    });
    expect(recipientFlags(sent, { ...deadline, now: new Date("2024-11-20T17:00:00Z") })).toMatchObject({
      status: "overdue",
      overdue: true,
      lateness: "overdue",
      daysLate: 1,
    });
    // Flagged by the reminder job, read without a clock: overdue, days unknown.
    expect(recipientFlags({ ...sent, overdue_at: "2024-11-21T00:00:00Z" }, deadline)).toMatchObject({
      lateness: "overdue",
      daysLate: null,
    });
  });

  it("a-late-acknowledgement-outranks-an-earlier-overdue-flag", () => {
    const f = recipientFlags(
      { ...sent, overdue_at: "2024-11-21T00:00:00Z", acknowledged_at: "2024-11-22T01:00:00Z" },
      deadline,
    );
    expect(f).toMatchObject({ overdue: false, lateness: "acknowledged_late", daysLate: 2 });
  });

  it("says-it-in-words-for-screens-and-exports", () => {
    expect(latenessLabel("acknowledged_late", 3)).toBe("konfirmasi terlambat 3 hari");
    expect(latenessLabel("overdue", 2)).toBe("belum konfirmasi, lewat 2 hari");
    expect(latenessLabel("overdue", null)).toBe("belum konfirmasi");
    expect(latenessLabel(null, null)).toBeNull();
    expect(recipientStatusText(ackAt("2024-11-22T01:00:00Z"))).toBe("Sudah dikonfirmasi (terlambat 2 hari)");
    expect(recipientStatusText(ackAt("2024-11-20T01:00:00Z"))).toBe("Sudah dikonfirmasi");
  });

  it("days-past-a-deadline-are-null-before-its-end", () => {
    const end = new Date("2024-11-20T17:00:00Z");
    expect(daysPastDeadline(end, new Date("2024-11-20T16:00:00Z"))).toBeNull();
    expect(daysPastDeadline(end, end)).toBe(1);
  });
});

describe("deadlineTooSoon", () => {
  const now = new Date("2024-10-01T02:00:00.000Z"); // 09.00 WIB
  it("holds-for-a-passed-deadline-and-one-ending-within-a-day-not-for-none-or-a-later-one", () => {
    expect(deadlineTooSoon("2024-09-30", now)).toBe(true);
    // 1 October ends at midnight WIB, 15 hours on.
    expect(deadlineTooSoon("2024-10-01", now)).toBe(true);
    // 2 October ends 39 hours on.
    expect(deadlineTooSoon("2024-10-02", now)).toBe(false);
    expect(deadlineTooSoon("2024-10-02T08:59:59+07:00", now)).toBe(true);
    expect(deadlineTooSoon("2024-10-02T09:00:00+07:00", now)).toBe(false);
    expect(deadlineTooSoon(null, now)).toBe(false);
    expect(deadlineTooSoon("bukan tanggal", now)).toBe(false);
  });
});
