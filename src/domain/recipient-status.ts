// One recipient's tracking status, derived from its row. Pure, so the API, the pages and the CSV
// export show the same word for the same row.
import { parseIsoDate, WIB_OFFSET_MS } from "./indonesian-date.js";

/** What the sender and the webhook write to recipients.status (the delivery of the email). */
export const deliveryStatuses = ["queued", "sent", "delivered", "bounced", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** The one list of tracking statuses, in the order pages and exports show them: delivery, then what follows it. */
export const recipientStatuses = [...deliveryStatuses, "overdue", "acknowledged", "reported"] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/** Whom "Kirim pengingat sekarang" reaches (track/remind-now.ts): the letter reached them, not yet acknowledged. */
export const isRemindable = (status: RecipientStatus): boolean =>
  status === "sent" || status === "delivered" || status === "overdue";

/** Indonesian labels for pages and exports. */
export const recipientStatusLabel: Record<RecipientStatus, string> = {
  queued: "Dalam antrean",
  sent: "Terkirim",
  delivered: "Diterima server surel",
  bounced: "Gagal terkirim (bounce)",
  failed: "Gagal dikirim",
  overdue: "Melewati batas waktu",
  acknowledged: "Sudah dikonfirmasi",
  reported: "Sudah melaporkan tindak lanjut",
};

/** The columns of a recipients row the derivation reads (snake_case, so a row passes as is). */
export interface RecipientStatusRow {
  status: DeliveryStatus;
  sent_at: string | null;
  delivered_at: string | null;
  bounced_at: string | null;
  complained_at: string | null;
  acknowledged_at: string | null;
  reported_at: string | null;
  overdue_at: string | null;
}

export interface StatusContext {
  /** letters.ack_deadline: a calendar date (YYYY-MM-DD, inclusive, WIB) or a full ISO instant. */
  ackDeadline?: string | null;
  /** When given, a passed deadline counts as overdue even before the reminder job has flagged the row. */
  now?: Date;
}

/**
 * The instant an acknowledgement deadline ends. A calendar date is a whole day in WIB (Kota Bengkulu's
 * zone), so "2024-11-20" ends at 2024-11-21T00:00+07:00. Null when there is no readable deadline.
 */
export function ackDeadlineEnd(deadline: string | null | undefined): Date | null {
  if (!deadline) return null;
  const date = parseIsoDate(deadline);
  if (date) return new Date(Date.UTC(date.year, date.month - 1, date.day + 1) - WIB_OFFSET_MS);
  const instant = new Date(deadline);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** How long before its end a deadline may still be approved: OPD heads need at least a day to answer. */
export const MIN_DEADLINE_LEAD_MS = 24 * 3_600_000;

/**
 * Whether an acknowledgement deadline has passed, or ends within a day of `now`: such a letter would reach every
 * OPD already overdue (or nearly), so it is not approved until the deadline is changed. No deadline: false.
 */
export function deadlineTooSoon(deadline: string | null | undefined, now: Date): boolean {
  const end = ackDeadlineEnd(deadline);
  return end !== null && end.getTime() - now.getTime() < MIN_DEADLINE_LEAD_MS;
}

export function deadlinePassed(deadline: string | null | undefined, now: Date): boolean {
  const end = ackDeadlineEnd(deadline);
  return end !== null && now.getTime() >= end.getTime();
}

function isOverdue(row: RecipientStatusRow, ctx: StatusContext): boolean {
  if (row.acknowledged_at) return false;
  if (row.overdue_at) return true;
  return ctx.now !== undefined && deadlinePassed(ctx.ackDeadline, ctx.now);
}

/**
 * One status per recipient, most telling first: a report beats an acknowledgement; a bounce or a failure
 * (something the secretariat must fix) beats being overdue; delivery facts come from the timestamps
 * because a webhook can arrive before the sender has written 'sent'.
 */
export function deriveRecipientStatus(row: RecipientStatusRow, ctx: StatusContext = {}): RecipientStatus {
  if (row.acknowledged_at) return row.reported_at ? "reported" : "acknowledged";
  if (row.status === "bounced" || row.bounced_at) return "bounced";
  if (row.status === "failed") return "failed";
  if (isOverdue(row, ctx)) return "overdue";
  if (row.status === "delivered" || row.delivered_at) return "delivered";
  if (row.status === "sent" || row.sent_at) return "sent";
  return "queued";
}

/**
 * Why a recipient counts as terlambat (late), if it does: "overdue" = not acknowledged and the deadline has
 * passed; "acknowledged_late" = acknowledged, but after the end of the deadline day.
 */
export type Lateness = "overdue" | "acknowledged_late";

export interface RecipientFlags {
  status: RecipientStatus;
  /** Not acknowledged and past the deadline (also true when status shows a bounce or failure). */
  overdue: boolean;
  /** Acknowledged, but after the deadline. */
  acknowledgedLate: boolean;
  /** overdue or acknowledged late; null when on time (or no deadline). */
  lateness: Lateness | null;
  /**
   * Started days past the deadline's end: when acknowledged late, at the acknowledgement (an hour after the
   * end is 1 day); when overdue, at `now` (null when overdue only by the reminder job's flag, without `now`).
   */
  daysLate: number | null;
  /** The address was bounced at some point: the secretariat should check it. */
  bounced: boolean;
  /** The recipient marked the message as spam. */
  complained: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Started days from a deadline's end to `at` (at the end itself: 1); null before the end. */
export function daysPastDeadline(end: Date, at: Date): number | null {
  const ms = at.getTime() - end.getTime();
  return Number.isNaN(ms) || ms < 0 ? null : Math.floor(ms / DAY_MS) + 1;
}

export function recipientFlags(row: RecipientStatusRow, ctx: StatusContext = {}): RecipientFlags {
  const end = ackDeadlineEnd(ctx.ackDeadline);
  const overdue = isOverdue(row, ctx);
  const ackDays = row.acknowledged_at && end ? daysPastDeadline(end, new Date(row.acknowledged_at)) : null;
  const acknowledgedLate = ackDays !== null;
  const overdueDays = overdue && end && ctx.now ? daysPastDeadline(end, ctx.now) : null;
  return {
    status: deriveRecipientStatus(row, ctx),
    overdue,
    acknowledgedLate,
    lateness: acknowledgedLate ? "acknowledged_late" : overdue ? "overdue" : null,
    daysLate: acknowledgedLate ? ackDays : overdueDays,
    bounced: row.status === "bounced" || row.bounced_at !== null,
    complained: row.complained_at !== null,
  };
}

/**
 * The "Terlambat" cell in words, the same on screen and in exports: "belum konfirmasi" (lewat N hari) or
 * "konfirmasi terlambat N hari"; null when not late.
 */
export function latenessLabel(
  lateness: Lateness | null | undefined,
  daysLate: number | null | undefined,
): string | null {
  if (lateness === "acknowledged_late")
    return daysLate ? `konfirmasi terlambat ${daysLate} hari` : "konfirmasi terlambat";
  if (lateness === "overdue") return daysLate ? `belum konfirmasi, lewat ${daysLate} hari` : "belum konfirmasi";
  return null;
}

/** The status label with lateness: "Sudah dikonfirmasi (terlambat 2 hari)". */
export function recipientStatusText(flags: Pick<RecipientFlags, "status" | "acknowledgedLate" | "daysLate">): string {
  const label = recipientStatusLabel[flags.status];
  if (!flags.acknowledgedLate) return label;
  return `${label} (terlambat${flags.daysLate ? ` ${flags.daysLate} hari` : ""})`;
}

/** Milliseconds from sending to acknowledgement; null until both happened. */
export function timeToAcknowledgeMs(row: Pick<RecipientStatusRow, "sent_at" | "acknowledged_at">): number | null {
  if (!row.sent_at || !row.acknowledged_at) return null;
  const ms = new Date(row.acknowledged_at).getTime() - new Date(row.sent_at).getTime();
  return Number.isNaN(ms) ? null : Math.max(0, ms);
}

export function emptyStatusCounts(): Record<RecipientStatus, number> {
  const counts = {} as Record<RecipientStatus, number>; // cast: every key is set in the loop below
  for (const s of recipientStatuses) counts[s] = 0;
  return counts;
}
