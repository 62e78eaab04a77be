// One OPD's compliance record across letters, as the Inspektorat's page shows it: one page of its letters'
// delivery, acknowledgement and report (with its attachment) within a period, newest first, and the totals over
// the whole period (received, acknowledged, late, overdue, average time to acknowledge) from the kept monthly
// totals (opd-totals.ts), so the page never reads every row it sums up.
import type { Clock } from "../domain/clock.js";
import { nextCursorOf, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type PageCursor } from "../domain/page-cursor.js";
import { type Lateness, recipientFlags, timeToAcknowledgeMs } from "../domain/recipient-status.js";
import type { SentPeriod } from "../domain/sent-period.js";
import type { Store } from "../store/store.js";
import { type OpdComplianceTotals, opdPeriodTotals, sentWithinSql } from "./opd-totals.js";
import { attachmentOf, type ReportAttachmentRef } from "./report-attachments.js";

const HOUR_MS = 3_600_000;

export type { SentPeriod } from "../domain/sent-period.js";
export { sentWithin } from "../domain/sent-period.js";
export type { OpdComplianceTotals } from "./opd-totals.js";

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

/** The OPD's recipients rows of the period, with their letters. */
function periodRows(store: Store, opdId: string, period: SentPeriod) {
  return store.db
    .selectFrom("recipients")
    .innerJoin("letters", "letters.id", "recipients.letter_id")
    .where("recipients.opd_id", "=", opdId)
    .where((eb) => sentWithinSql(eb, period, { byIndex: false }));
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
    opdPeriodTotals(store, opdId, period, now),
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
    totals: totals.totals,
    averageHoursToAck: totals.averageMs === null ? null : totals.averageMs / HOUR_MS,
    violationCount: Number(violations.n),
    nextCursor: nextCursorOf(rows, limit, (r) => ({ key: r.created_at, id: r.letter_id })),
  };
}
