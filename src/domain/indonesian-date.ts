// Indonesian dates as letters print them ("2 Oktober 2024"). Pure: the caller passes the instant.

export const BULAN = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

export const HARI = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/** Parses a strict YYYY-MM-DD calendar date; null when the form or the day is wrong (2024-02-30). */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC keeps it free of the host's zone.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

function toCalendarDate(value: string | Date | CalendarDate): CalendarDate {
  if (typeof value === "string") {
    const d = parseIsoDate(value.slice(0, 10));
    if (!d) throw new RangeError(`Tanggal tidak valid: ${value}`);
    return d;
  }
  if (value instanceof Date) {
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  return value;
}

/** "2 Oktober 2024". A Date is read in UTC; pass an ISO date string for a calendar date. */
export function formatTanggal(value: string | Date | CalendarDate): string {
  const d = toCalendarDate(value);
  return `${d.day} ${BULAN[d.month - 1]} ${d.year}`;
}

/** "Rabu, 2 Oktober 2024". */
export function formatHariTanggal(value: string | Date | CalendarDate): string {
  const d = toCalendarDate(value);
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return `${HARI[weekday]}, ${formatTanggal(d)}`;
}

/** Kota Bengkulu's zone: WIB, UTC+7, no daylight saving. Every WIB conversion in edaran uses this. */
export const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in WIB of an instant: 2024-11-20T23:00Z is "2024-11-21". */
export function wibDateOf(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2 Oktober 2024 pukul 14.05 WIB": Indonesian time uses a dot between hours and minutes. */
export function formatTanggalWaktuWib(instant: Date): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  const hh = String(wib.getUTCHours()).padStart(2, "0");
  const mm = String(wib.getUTCMinutes()).padStart(2, "0");
  return `${formatTanggal(wib)} pukul ${hh}.${mm} WIB`;
}

/** "25/11/2026 16.03": the short WIB form for dense tables and exports (day/month/year, hour.minute). */
export function formatWaktuSingkatWib(instant: Date): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(wib.getUTCDate())}/${two(wib.getUTCMonth() + 1)}/${wib.getUTCFullYear()} ${two(wib.getUTCHours())}.${two(wib.getUTCMinutes())}`;
}

/** Compares two ISO dates (YYYY-MM-DD); negative when a is earlier. */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
