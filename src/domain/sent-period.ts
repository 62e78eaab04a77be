// A period of sending as the Inspektorat chooses it (WIB calendar days, both ends included), and how it splits
// into the whole WIB months that kept totals answer and the partial months at its edges that are counted live.
import { parseIsoDate, WIB_OFFSET_MS, wibDateOf } from "./indonesian-date.js";

/** Calendar days in WIB (YYYY-MM-DD), both ends included; an absent end is open. */
export interface SentPeriod {
  from?: string;
  to?: string;
}

/** Whether a letter sent at `sentAt` falls in the period; an unsent one falls in no bounded period. */
export function sentWithin(sentAt: string | null, period: SentPeriod): boolean {
  const { from, to } = readablePeriod(period);
  if (!from && !to) return true;
  const at = sentAt ? new Date(sentAt) : null;
  const day = at && !Number.isNaN(at.getTime()) ? wibDateOf(at) : null;
  if (!day) return false;
  return (!from || day >= from) && (!to || day <= to);
}

/** The period with unreadable ends dropped (open), as the SQL range drops them. */
export function readablePeriod(period: SentPeriod): SentPeriod {
  return {
    ...(period.from && parseIsoDate(period.from) ? { from: period.from } : {}),
    ...(period.to && parseIsoDate(period.to) ? { to: period.to } : {}),
  };
}

/** The instant a WIB calendar day starts, `plusDays` later, as stored timestamps are written (toISOString). */
export function wibDayStart(day: string, plusDays: number): string | null {
  const d = parseIsoDate(day);
  return d ? new Date(Date.UTC(d.year, d.month - 1, d.day + plusDays) - WIB_OFFSET_MS).toISOString() : null;
}

/** The WIB month ("YYYY-MM") of a stored instant; "" when not sent (or unreadable), as migration 0220 keys rows. */
export function wibMonthOf(sentAt: string | null): string {
  const at = sentAt ? new Date(sentAt) : null;
  return at && !Number.isNaN(at.getTime()) ? wibDateOf(at).slice(0, 7) : "";
}

/** Whole months of a period, both ends included; an absent end is open. */
export interface MonthRange {
  from?: string;
  to?: string;
  /** Rows not sent yet (month ""): only an unbounded period holds them. */
  withUnsent: boolean;
}

export interface PeriodParts {
  /** Null when the period holds no whole month. */
  months: MonthRange | null;
  /** The days outside those months, at most two ranges, each within one month or two. */
  days: SentPeriod[];
}

function monthStep(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

function lastDayOf(month: string): string {
  return new Date(Date.parse(`${monthStep(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Splits a period into whole months and the days at its edges; together they hold each day exactly once. */
export function splitSentPeriod(period: SentPeriod): PeriodParts {
  const { from, to } = readablePeriod(period);
  if (!from && !to) return { months: { withUnsent: true }, days: [] };
  const first = from ? (from.endsWith("-01") ? from.slice(0, 7) : monthStep(from.slice(0, 7), 1)) : undefined;
  const last = to ? (to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : monthStep(to.slice(0, 7), -1)) : undefined;
  if (first && last && first > last)
    return { months: null, days: [{ ...(from ? { from } : {}), ...(to ? { to } : {}) }] };
  const days: SentPeriod[] = [];
  if (from && first && from.slice(0, 7) !== first) days.push({ from, to: lastDayOf(from.slice(0, 7)) });
  if (to && last && to.slice(0, 7) !== last) days.push({ from: `${to.slice(0, 7)}-01`, to });
  return {
    months: { ...(first ? { from: first } : {}), ...(last ? { to: last } : {}), withUnsent: false },
    days,
  };
}

/** Whether a month key falls in the range. */
export function monthWithin(month: string, range: MonthRange): boolean {
  if (month === "") return range.withUnsent;
  return (!range.from || month >= range.from) && (!range.to || month <= range.to);
}
