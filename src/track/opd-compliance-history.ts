// One OPD's compliance record across letters, as the Inspektorat's page shows it: one page of its letters'
// delivery, acknowledgement and report (with its attachment) within a period, newest first, and the totals over
// the whole period (received, acknowledged, late, overdue, average time to acknowledge) counted by one SQL
// aggregate over the OPD's recipients rows, so the page never reads every row it sums up.
import { type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Clock } from "../domain/clock.js";
import { parseIsoDate, WIB_OFFSET_MS, wibDateOf } from "../domain/indonesian-date.js";
import { nextCursorOf, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type PageCursor } from "../domain/page-cursor.js";
import { type Lateness, recipientFlags, timeToAcknowledgeMs } from "../domain/recipient-status.js";
import type { Database } from "../store/database.js";
import type { Store } from "../store/store.js";
import { attachmentOf, type ReportAttachmentRef } from "./report-attachments.js";

const HOUR_MS = 3_600_000;

/** Calendar days in WIB (YYYY-MM-DD), both ends included; an absent end is open. */
export interface SentPeriod {
  from?: string;
  to?: string;
}

export interface OpdComplianceRow {
  letterId: string;
  nomor: string | null;
  tentang: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
  reportedAt: string | null;
  overdue: boolean;
  lateness: Lateness | null;
  daysLate: number | null;
  /** Hours from sent to acknowledged; null when not acknowledged. */
  hoursToAck: number | null;
  attachment: ReportAttachmentRef | null;
}

/** Over every letter of the period, whatever the page. */
export interface OpdComplianceTotals {
  received: number;
  acknowledged: number;
  acknowledgedLate: number;
  /** Not acknowledged past the deadline. */
  overdue: number;
}

export interface OpdComplianceHistory {
  opd: { id: string; name: string; headName: string | null; email: string | null };
  /** One page, newest first, only letters sent within the period. */
  rows: OpdComplianceRow[];
  totals: OpdComplianceTotals;
  /** Mean of hoursToAck over the period's acknowledged rows; null when none. */
  averageHoursToAck: number | null;
  /** Every violation recorded for the OPD (not limited to the period). */
  violationCount: number;
  /** The `after` of the next page; null on the last one. */
  nextCursor: string | null;
}

export interface OpdCompliancePaging {
  after?: PageCursor<string>;
  limit?: number;
}

/** Whether a letter sent at `sentAt` falls in the period; an unsent one falls in no bounded period. */
export function sentWithin(sentAt: string | null, period: SentPeriod): boolean {
  if (!period.from && !period.to) return true;
  const at = sentAt ? new Date(sentAt) : null;
  const day = at && !Number.isNaN(at.getTime()) ? wibDateOf(at) : null;
  if (!day) return false;
  return (!period.from || day >= period.from) && (!period.to || day <= period.to);
}

/** The instant a WIB calendar day starts, `plusDays` later, as stored timestamps are written (toISOString). */
function wibDayStart(day: string, plusDays: number): string | null {
  const d = parseIsoDate(day);
  return d ? new Date(Date.UTC(d.year, d.month - 1, d.day + plusDays) - WIB_OFFSET_MS).toISOString() : null;
}

type Rows = ExpressionBuilder<Database, "recipients" | "letters">;

/** sentWithin as SQL on recipients.sent_at: the same WIB days, as a range of the stored ISO instants. */
function sentWithinSql(eb: Rows, period: SentPeriod) {
  const terms = [];
  const from = period.from ? wibDayStart(period.from, 0) : null;
  const until = period.to ? wibDayStart(period.to, 1) : null;
  if (from) terms.push(eb("recipients.sent_at", ">=", from));
  if (until) terms.push(eb("recipients.sent_at", "<", until));
  return eb.and(terms);
}

/**
 * ackDeadlineEnd (domain/recipient-status.ts) in SQL: a calendar date ends at the next midnight WIB (17:00 UTC
 * that day), an instant is itself; both as toISOString writes them, so they compare with stored timestamps.
 */
const deadlineEnd = sql<string | null>`(CASE WHEN length(letters.ack_deadline) = 10
  THEN strftime('%Y-%m-%dT%H:%M:%fZ', letters.ack_deadline, '+1 day', '-7 hours')
  ELSE strftime('%Y-%m-%dT%H:%M:%fZ', letters.ack_deadline) END)`;

/** The OPD's recipients rows of the period, with their letters: the base of the page and of the totals. */
function periodRows(store: Store, opdId: string, period: SentPeriod) {
  return store.db
    .selectFrom("recipients")
    .innerJoin("letters", "letters.id", "recipients.letter_id")
    .where("recipients.opd_id", "=", opdId)
    .where((eb) => sentWithinSql(eb, period));
}

/**
 * One page newest first by (created_at, letter_id) of the OPD's recipients rows, in the order of
 * recipients_opd_created from the cursor on: limit + 1 rows.
 */
export function opdCompliancePageQuery(
  store: Store,
  opdId: string,
  q: { period: SentPeriod; after?: PageCursor<string>; limit: number },
) {
  let rows = periodRows(store, opdId, q.period).select([
    "recipients.letter_id",
    "recipients.created_at",
    "recipients.status",
    "recipients.sent_at",
    "recipients.delivered_at",
    "recipients.bounced_at",
    "recipients.complained_at",
    "recipients.acknowledged_at",
    "recipients.reported_at",
    "recipients.overdue_at",
    "recipients.report_json",
    "letters.nomor",
    "letters.tentang",
    "letters.ack_deadline",
  ]);
  const after = q.after;
  if (after) {
    rows = rows.where((eb) =>
      eb(eb.refTuple("recipients.created_at", "recipients.letter_id"), "<", eb.tuple(after.key, after.id)),
    );
  }
  return rows
    .orderBy("recipients.created_at", "desc")
    .orderBy("recipients.letter_id", "desc")
    .limit(q.limit + 1);
}

/** The period's totals in one aggregate over the OPD's rows (recipients_opd_created), read at `now`. */
export function opdComplianceTotalsQuery(store: Store, opdId: string, period: SentPeriod, now: Date) {
  const at = now.toISOString();
  const acked = sql<SqlBool>`recipients.acknowledged_at IS NOT NULL`;
  const ackedLate = sql<SqlBool>`${acked} AND ${deadlineEnd} IS NOT NULL AND recipients.acknowledged_at >= ${deadlineEnd}`;
  const overdue = sql<SqlBool>`recipients.acknowledged_at IS NULL AND (recipients.overdue_at IS NOT NULL
    OR (${deadlineEnd} IS NOT NULL AND ${at} >= ${deadlineEnd}))`;
  const countOf = (cond: ReturnType<typeof sql<SqlBool>>) =>
    sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
  return periodRows(store, opdId, period).select((eb) => [
    eb.fn.countAll<number>().as("received"),
    countOf(acked).as("acknowledged"),
    countOf(ackedLate).as("acknowledged_late"),
    countOf(overdue).as("overdue"),
    // timeToAcknowledgeMs: never negative, only where both instants are set; rounded to the millisecond the
    // timestamps carry (julianday is a double of days, a few microseconds off).
    sql<number | null>`avg(CASE WHEN recipients.sent_at IS NOT NULL AND ${acked}
      THEN max(0, round((julianday(recipients.acknowledged_at) - julianday(recipients.sent_at)) * 86400000)) END)`.as(
      "average_ms",
    ),
  ]);
}

/** How many violations are recorded for the OPD (violations_opd), counted, not read. */
export function opdViolationCountQuery(store: Store, opdId: string) {
  return store.db
    .selectFrom("violations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("opd_id", "=", opdId);
}

/** Null when the OPD does not exist. One page (PAGE_SIZE_DEFAULT rows unless `page.limit`) and the totals. */
export async function opdComplianceHistory(
  store: Store,
  clock: Clock,
  opdId: string,
  period: SentPeriod = {},
  page: OpdCompliancePaging = {},
): Promise<OpdComplianceHistory | null> {
  const opd = await store.db
    .selectFrom("opd")
    .select(["id", "name", "head_name", "email"])
    .where("id", "=", opdId)
    .executeTakeFirst();
  if (!opd) return null;
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? PAGE_SIZE_DEFAULT), 1), PAGE_SIZE_MAX);
  const now = clock.now();
  const [rows, totals, violations] = await Promise.all([
    opdCompliancePageQuery(store, opdId, { period, limit, ...(page.after ? { after: page.after } : {}) }).execute(),
    opdComplianceTotalsQuery(store, opdId, period, now).executeTakeFirstOrThrow(),
    opdViolationCountQuery(store, opdId).executeTakeFirstOrThrow(),
  ]);
  return {
    opd: { id: opd.id, name: opd.name, headName: opd.head_name, email: opd.email },
    rows: rows.slice(0, limit).map((r): OpdComplianceRow => {
      const flags = recipientFlags(r, { ackDeadline: r.ack_deadline, now });
      const ms = timeToAcknowledgeMs(r);
      return {
        letterId: r.letter_id,
        nomor: r.nomor,
        tentang: r.tentang,
        sentAt: r.sent_at,
        acknowledgedAt: r.acknowledged_at,
        reportedAt: r.reported_at,
        overdue: flags.overdue,
        lateness: flags.lateness,
        daysLate: flags.daysLate,
        hoursToAck: ms === null ? null : ms / HOUR_MS,
        attachment: attachmentOf(r.report_json),
      };
    }),
    totals: {
      received: Number(totals.received),
      acknowledged: Number(totals.acknowledged),
      acknowledgedLate: Number(totals.acknowledged_late),
      overdue: Number(totals.overdue),
    },
    averageHoursToAck: totals.average_ms === null ? null : Number(totals.average_ms) / HOUR_MS,
    violationCount: Number(violations.n),
    nextCursor: nextCursorOf(rows, limit, (r) => ({ key: r.created_at, id: r.letter_id })),
  };
}
