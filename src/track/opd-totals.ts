// An OPD's totals over a period of sending (received, acknowledged, late, overdue, time to acknowledge), at a cost
// that does not grow with the years of history: whole WIB months come from opd_month_totals (kept by the triggers
// of migration 0220), the partial months at the period's edges are counted live over their rows
// (recipients_opd_sent), and "overdue", which moves with the clock, is corrected by the few rows whose deadline has
// not ended yet (letters_ack_deadline).
import { type ExpressionBuilder, type SqlBool, sql } from "kysely";
import {
  type MonthRange,
  monthWithin,
  type SentPeriod,
  splitSentPeriod,
  wibDayStart,
  wibMonthOf,
} from "../domain/sent-period.js";
import type { Database } from "../store/database.js";
import type { Store } from "../store/store.js";

/** Over every letter of the period, whatever the page. */
export interface OpdComplianceTotals {
  received: number;
  acknowledged: number;
  acknowledgedLate: number;
  /** Not acknowledged past the deadline. */
  overdue: number;
}

export interface OpdPeriodTotals {
  totals: OpdComplianceTotals;
  /** Mean milliseconds from sent to acknowledged over the period's acknowledged rows; null when none. */
  averageMs: number | null;
}

interface Sums {
  received: number;
  acknowledged: number;
  acknowledgedLate: number;
  overdue: number;
  msSum: number;
  msCount: number;
}

const DAY_MS = 86_400_000;

type Rows = ExpressionBuilder<Database, "recipients" | "letters">;

/**
 * sentWithin as SQL on recipients.sent_at: the same WIB days, as a range of the stored ISO instants. `byIndex:
 * false` keeps the range off recipients_opd_sent (a unary plus, SQLite's idiom), for the page, which must walk
 * recipients_opd_created in its own order instead of sorting every row of a long period.
 */
export function sentWithinSql(eb: Rows, days: SentPeriod, opts: { byIndex: boolean } = { byIndex: true }) {
  const terms = [];
  const from = days.from ? wibDayStart(days.from, 0) : null;
  const until = days.to ? wibDayStart(days.to, 1) : null;
  const sentAt = opts.byIndex ? sql.ref<string | null>("recipients.sent_at") : sql<string | null>`+recipients.sent_at`;
  if (from) terms.push(eb(sentAt, ">=", from));
  if (until) terms.push(eb(sentAt, "<", until));
  return eb.and(terms);
}

/**
 * ackDeadlineEnd (domain/recipient-status.ts) in SQL, as migration 0220 writes it: a calendar date ends at the next
 * midnight WIB (17:00 UTC that day), an instant is itself; both as toISOString writes them.
 */
const deadlineEnd = sql<string | null>`(CASE WHEN length(letters.ack_deadline) = 10
  THEN strftime('%Y-%m-%dT%H:%M:%fZ', letters.ack_deadline, '+1 day', '-7 hours')
  ELSE strftime('%Y-%m-%dT%H:%M:%fZ', letters.ack_deadline) END)`;

/** Live totals over the OPD's rows sent within some days (at most a month or two of rows), read at `now`. */
export function opdDaysTotalsQuery(store: Store, opdId: string, days: SentPeriod, now: Date) {
  const at = now.toISOString();
  const acked = sql<SqlBool>`recipients.acknowledged_at IS NOT NULL`;
  const ackedLate = sql<SqlBool>`${acked} AND ${deadlineEnd} IS NOT NULL AND recipients.acknowledged_at >= ${deadlineEnd}`;
  const overdue = sql<SqlBool>`recipients.acknowledged_at IS NULL AND (recipients.overdue_at IS NOT NULL
    OR (${deadlineEnd} IS NOT NULL AND ${at} >= ${deadlineEnd}))`;
  const countOf = (cond: ReturnType<typeof sql<SqlBool>>) =>
    sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
  // timeToAcknowledgeMs: never negative, only where both instants are set; rounded to the millisecond the
  // timestamps carry (julianday is a double of days, a few microseconds off). The same expression as 0220's.
  const ms = sql<number | null>`CASE WHEN recipients.sent_at IS NOT NULL AND ${acked}
      THEN max(0, round((julianday(recipients.acknowledged_at) - julianday(recipients.sent_at)) * 86400000)) END`;
  return store.db
    .selectFrom("recipients")
    .innerJoin("letters", "letters.id", "recipients.letter_id")
    .where("recipients.opd_id", "=", opdId)
    .where((eb) => sentWithinSql(eb, days))
    .select((eb) => [
      eb.fn.countAll<number>().as("received"),
      countOf(acked).as("acknowledged"),
      countOf(ackedLate).as("acknowledged_late"),
      countOf(overdue).as("overdue"),
      sql<number>`coalesce(sum(${ms}), 0)`.as("ms_sum"),
      sql<number>`count(${ms})`.as("ms_count"),
    ]);
}

/** The kept totals of the OPD's whole months in the range (opd_month_totals' primary key). */
export function opdMonthTotalsQuery(store: Store, opdId: string, months: MonthRange) {
  let q = store.db
    .selectFrom("opd_month_totals")
    .where("opd_id", "=", opdId)
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>("received"), sql<number>`0`).as("received"),
      eb.fn.coalesce(eb.fn.sum<number>("acknowledged"), sql<number>`0`).as("acknowledged"),
      eb.fn.coalesce(eb.fn.sum<number>("acknowledged_late"), sql<number>`0`).as("acknowledged_late"),
      eb.fn.coalesce(eb.fn.sum<number>("ack_ms_sum"), sql<number>`0`).as("ms_sum"),
      eb.fn.coalesce(eb.fn.sum<number>("ack_ms_count"), sql<number>`0`).as("ms_count"),
      eb.fn.coalesce(eb.fn.sum<number>("open_flagged"), sql<number>`0`).as("open_flagged"),
      eb.fn.coalesce(eb.fn.sum<number>("open_deadlined"), sql<number>`0`).as("open_deadlined"),
    ]);
  if (months.from) q = q.where("month", ">=", months.from);
  else if (!months.withUnsent) q = q.where("month", ">", "");
  if (months.to) q = q.where("month", "<=", months.to);
  return q;
}

/**
 * The OPD's rows counted in open_deadlined whose deadline has not ended at `now`: not acknowledged, not flagged,
 * of a letter whose deadline is still ahead. Found from the letters by deadline (letters_ack_deadline), so only
 * current letters are read;
 * a date two days back is a safe lower bound for either form of ack_deadline (a date, or an instant with an
 * offset of at most 14 hours).
 */
export function opdOpenNotYetDueQuery(store: Store, opdId: string, now: Date) {
  const at = now.toISOString();
  return (
    store.db
      .selectFrom("letters")
      // CROSS JOIN is SQLite's way to fix the join order: from the few letters still ahead, never from every row
      // of the OPD.
      .crossJoin("recipients")
      .whereRef("recipients.letter_id", "=", "letters.id")
      .where("recipients.opd_id", "=", opdId)
      .where("letters.ack_deadline", ">=", new Date(now.getTime() - 2 * DAY_MS).toISOString().slice(0, 10))
      .where("recipients.acknowledged_at", "is", null)
      .where("recipients.overdue_at", "is", null)
      .where(sql<SqlBool>`${deadlineEnd} > ${at}`)
      .select("recipients.sent_at")
  );
}

const zero: Sums = { received: 0, acknowledged: 0, acknowledgedLate: 0, overdue: 0, msSum: 0, msCount: 0 };

function add(a: Sums, b: Sums): Sums {
  return {
    received: a.received + b.received,
    acknowledged: a.acknowledged + b.acknowledged,
    acknowledgedLate: a.acknowledgedLate + b.acknowledgedLate,
    overdue: a.overdue + b.overdue,
    msSum: a.msSum + b.msSum,
    msCount: a.msCount + b.msCount,
  };
}

async function monthSums(store: Store, opdId: string, months: MonthRange, now: Date): Promise<Sums> {
  const [kept, notYetDue] = await Promise.all([
    opdMonthTotalsQuery(store, opdId, months).executeTakeFirstOrThrow(),
    opdOpenNotYetDueQuery(store, opdId, now).execute(),
  ]);
  const ahead = notYetDue.filter((r) => monthWithin(wibMonthOf(r.sent_at), months)).length;
  return {
    received: Number(kept.received),
    acknowledged: Number(kept.acknowledged),
    acknowledgedLate: Number(kept.acknowledged_late),
    overdue: Number(kept.open_flagged) + Number(kept.open_deadlined) - ahead,
    msSum: Number(kept.ms_sum),
    msCount: Number(kept.ms_count),
  };
}

async function daySums(store: Store, opdId: string, days: SentPeriod, now: Date): Promise<Sums> {
  const r = await opdDaysTotalsQuery(store, opdId, days, now).executeTakeFirstOrThrow();
  return {
    received: Number(r.received),
    acknowledged: Number(r.acknowledged),
    acknowledgedLate: Number(r.acknowledged_late),
    overdue: Number(r.overdue),
    msSum: Number(r.ms_sum),
    msCount: Number(r.ms_count),
  };
}

/** The OPD's totals over the period, read at `now`: two to four small statements. */
export async function opdPeriodTotals(
  store: Store,
  opdId: string,
  period: SentPeriod,
  now: Date,
): Promise<OpdPeriodTotals> {
  const parts = splitSentPeriod(period);
  const sums = await Promise.all([
    parts.months ? monthSums(store, opdId, parts.months, now) : zero,
    ...parts.days.map((days) => daySums(store, opdId, days, now)),
  ]);
  const s = sums.reduce(add, zero);
  return {
    totals: {
      received: s.received,
      acknowledged: s.acknowledged,
      acknowledgedLate: s.acknowledgedLate,
      overdue: s.overdue,
    },
    averageMs: s.msCount > 0 ? s.msSum / s.msCount : null,
  };
}
