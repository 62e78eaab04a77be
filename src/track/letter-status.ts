// Tracking views for the API and pages: per letter, every recipient's status and the counts; per OPD,
// its record across letters with the average time to acknowledge (the Inspektorat's view).
import type { Selectable } from "kysely";
import type { Clock } from "../domain/clock.js";
import { type NotSentOpd, notSentListSchema } from "../domain/not-sent.js";
import { nextCursorOf, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type PageCursor } from "../domain/page-cursor.js";
import {
  emptyStatusCounts,
  type RecipientFlags,
  type RecipientStatus,
  recipientFlags,
  recipientStatusText,
  timeToAcknowledgeMs,
} from "../domain/recipient-status.js";
import { type EscalationReason, escalationText } from "../domain/reminder-policy.js";
import type { LetterStatus } from "../domain/workflow.js";
import type { RecipientsTable } from "../store/database.js";
import { decodeJson } from "../store/json-text.js";
import type { Store } from "../store/store.js";

/** One recipient as the status views show it: its derived flags (recipientFlags) plus what happened when. */
export interface RecipientStatusView extends RecipientFlags {
  recipientId: string;
  opdId: string;
  opdName: string;
  email: string;
  headName: string | null;
  /** The status in Indonesian, with "(terlambat N hari)" for a late acknowledgement. */
  statusLabel: string;
  sentAt: string | null;
  deliveredAt: string | null;
  bouncedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { name: string | null; position: string | null } | null;
  reportedAt: string | null;
  remindersSent: number;
  lastRemindedAt: string | null;
  /** The reminder round stopped reminding this recipient (reminder policy, migration 0140). */
  escalation: RecipientEscalation | null;
  timeToAcknowledgeMs: number | null;
}

export interface RecipientEscalation {
  at: string;
  reason: EscalationReason;
  /** In Indonesian, the same on the letter page and the matrix. */
  label: string;
}

export interface TrackingTotals {
  recipients: number;
  /** Acknowledged, with or without a report. */
  acknowledged: number;
  reported: number;
  /** Not acknowledged past the deadline, whatever the delivery state. */
  overdue: number;
  /** Acknowledged, but after the deadline. */
  acknowledgedLate: number;
  /** Terlambat in either way: overdue + acknowledgedLate. */
  late: number;
  bounced: number;
  complained: number;
  averageTimeToAcknowledgeMs: number | null;
}

export interface LetterStatusView {
  letter: {
    id: string;
    nomor: string | null;
    tentang: string;
    status: LetterStatus;
    sentAt: string | null;
    ackDeadline: string | null;
    /** The OPDs the send left out, and why; empty when none (or for letters sent before this was kept). */
    notSent: NotSentOpd[];
  };
  recipients: RecipientStatusView[];
  /** One status per recipient, so these add up to totals.recipients. */
  counts: Record<RecipientStatus, number>;
  totals: TrackingTotals;
}

type RecipientWithOpd = Selectable<RecipientsTable> & { opd_name: string };

function toView(row: RecipientWithOpd, ackDeadline: string | null, now: Date): RecipientStatusView {
  const flags = recipientFlags(row, { ackDeadline, now });
  return {
    recipientId: row.id,
    opdId: row.opd_id,
    opdName: row.opd_name,
    email: row.email,
    headName: row.head_name,
    status: flags.status,
    statusLabel: recipientStatusText(flags),
    overdue: flags.overdue,
    acknowledgedLate: flags.acknowledgedLate,
    lateness: flags.lateness,
    daysLate: flags.daysLate,
    bounced: flags.bounced,
    complained: flags.complained,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    bouncedAt: row.bounced_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_at ? { name: row.ack_name, position: row.ack_position } : null,
    reportedAt: row.reported_at,
    remindersSent: row.reminder_count,
    lastRemindedAt: row.last_reminded_at,
    // Acknowledged after all: the escalation is history (Riwayat), no longer a status to act on.
    escalation:
      row.escalated_at && row.escalation_reason && !row.acknowledged_at
        ? {
            at: row.escalated_at,
            reason: row.escalation_reason,
            label: escalationText(row.escalation_reason, row.reminder_count),
          }
        : null,
    timeToAcknowledgeMs: timeToAcknowledgeMs(row),
  };
}

function summarize(views: readonly RecipientStatusView[]): {
  counts: Record<RecipientStatus, number>;
  totals: TrackingTotals;
} {
  const counts = emptyStatusCounts();
  const durations: number[] = [];
  const totals: TrackingTotals = {
    recipients: views.length,
    acknowledged: 0,
    reported: 0,
    overdue: 0,
    acknowledgedLate: 0,
    late: 0,
    bounced: 0,
    complained: 0,
    averageTimeToAcknowledgeMs: null,
  };
  for (const v of views) {
    counts[v.status]++;
    if (v.acknowledgedAt) totals.acknowledged++;
    if (v.reportedAt && v.acknowledgedAt) totals.reported++;
    if (v.overdue) totals.overdue++;
    if (v.acknowledgedLate) totals.acknowledgedLate++;
    if (v.lateness) totals.late++;
    if (v.bounced) totals.bounced++;
    if (v.complained) totals.complained++;
    if (v.timeToAcknowledgeMs !== null) durations.push(v.timeToAcknowledgeMs);
  }
  if (durations.length > 0) {
    totals.averageTimeToAcknowledgeMs = Math.round(durations.reduce((a, b) => a + b, 0) / durations.length);
  }
  return { counts, totals };
}

/** One letter's recipients (at most one per OPD) through recipients(letter_id), sorted by OPD name. */
export function letterRecipientsQuery(store: Store, letterId: string) {
  return store.db
    .selectFrom("recipients as r")
    .innerJoin("opd as o", "o.id", "r.opd_id")
    .selectAll("r")
    .select("o.name as opd_name")
    .where("r.letter_id", "=", letterId)
    .orderBy("o.name");
}

/** Every recipient of one letter with its derived status; null when the letter does not exist. */
export async function letterStatus(store: Store, clock: Clock, letterId: string): Promise<LetterStatusView | null> {
  const letter = await store.db
    .selectFrom("letters")
    .select(["id", "nomor", "tentang", "status", "sent_at", "ack_deadline", "not_sent_json"])
    .where("id", "=", letterId)
    .executeTakeFirst();
  if (!letter) return null;
  const rows = await letterRecipientsQuery(store, letterId).execute();
  const now = clock.now();
  const recipients = rows.map((r) => toView(r, letter.ack_deadline, now));
  return {
    letter: {
      id: letter.id,
      nomor: letter.nomor,
      tentang: letter.tentang,
      status: letter.status,
      sentAt: letter.sent_at,
      ackDeadline: letter.ack_deadline,
      notSent: letter.not_sent_json ? decodeJson(notSentListSchema, letter.not_sent_json) : [],
    },
    recipients,
    ...summarize(recipients),
  };
}

export interface OpdLetterRecord {
  letterId: string;
  nomor: string | null;
  tentang: string;
  letterStatus: string;
  ackDeadline: string | null;
  recipient: RecipientStatusView;
}

export interface OpdHistoryView {
  opd: { id: string; name: string; headTitle: string; headName: string | null; email: string | null };
  /** Newest first: one page when paged, else every letter. Withdrawn letters are listed but left out of the counts. */
  letters: OpdLetterRecord[];
  /** Over every letter the OPD received, whatever the page. */
  counts: Record<RecipientStatus, number>;
  totals: TrackingTotals;
  /** The `after` of the next page; null on the last one (and when not paged). */
  nextCursor: string | null;
}

export interface OpdHistoryPaging {
  after?: PageCursor<string>;
  limit?: number;
}

/**
 * One page of an OPD's letters, newest first by (created_at, letter_id) of its recipients rows, read in the order
 * of recipients_opd_created from the cursor on: limit + 1 rows whatever the history.
 */
export function opdHistoryPageQuery(
  store: Store,
  opdId: string,
  page: { after?: PageCursor<string>; limit: number | null },
) {
  let q = store.db
    .selectFrom("recipients as r")
    .innerJoin("letters as l", "l.id", "r.letter_id")
    .innerJoin("opd as o", "o.id", "r.opd_id")
    .selectAll("r")
    .select([
      "o.name as opd_name",
      "l.nomor as letter_nomor",
      "l.tentang as letter_tentang",
      "l.status as letter_status",
      "l.ack_deadline as letter_ack_deadline",
    ])
    .where("r.opd_id", "=", opdId);
  const after = page.after;
  if (after) q = q.where((eb) => eb(eb.refTuple("r.created_at", "r.letter_id"), "<", eb.tuple(after.key, after.id)));
  q = q.orderBy("r.created_at", "desc").orderBy("r.letter_id", "desc");
  return page.limit === null ? q : q.limit(page.limit + 1);
}

/** What the counts and totals need of each of an OPD's rows: no letter text, no report JSON. */
function opdSummaryQuery(store: Store, opdId: string) {
  return store.db
    .selectFrom("recipients as r")
    .innerJoin("letters as l", "l.id", "r.letter_id")
    .selectAll("r")
    .select(["l.ack_deadline as letter_ack_deadline", (eb) => eb.val("").as("opd_name")])
    .where("r.opd_id", "=", opdId)
    .where("l.status", "!=", "withdrawn");
}

/**
 * One OPD's record across the letters it received; null when the OPD does not exist. With `page`, `letters` is one
 * page of them (PAGE_SIZE_DEFAULT when no limit is given); without, every one.
 */
export async function opdHistory(
  store: Store,
  clock: Clock,
  opdId: string,
  page?: OpdHistoryPaging,
): Promise<OpdHistoryView | null> {
  const opd = await store.db.selectFrom("opd").selectAll().where("id", "=", opdId).executeTakeFirst();
  if (!opd) return null;
  const limit = page ? Math.min(Math.max(Math.trunc(page.limit ?? PAGE_SIZE_DEFAULT), 1), PAGE_SIZE_MAX) : 0;
  const [rows, summaryRows] = await Promise.all([
    opdHistoryPageQuery(store, opdId, { ...page, limit: page ? limit : null }).execute(),
    opdSummaryQuery(store, opdId).execute(),
  ]);
  const now = clock.now();
  const letters = (page ? rows.slice(0, limit) : rows).map((r) => ({
    letterId: r.letter_id,
    nomor: r.letter_nomor,
    tentang: r.letter_tentang,
    letterStatus: r.letter_status,
    ackDeadline: r.letter_ack_deadline,
    recipient: toView(r, r.letter_ack_deadline, now),
  }));
  const { counts, totals } = summarize(summaryRows.map((r) => toView(r, r.letter_ack_deadline, now)));
  return {
    opd: { id: opd.id, name: opd.name, headTitle: opd.head_title, headName: opd.head_name, email: opd.email },
    letters,
    counts,
    totals,
    nextCursor: page ? nextCursorOf(rows, limit, (r) => ({ key: r.created_at, id: r.letter_id })) : null,
  };
}
