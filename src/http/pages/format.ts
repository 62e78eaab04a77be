// Small display formatters shared by the views; times are shown in WIB as Indonesian readers expect.
import {
  formatTanggal,
  formatTanggalWaktuWib,
  formatWaktuSingkatWib,
  wibDateOf,
} from "../../domain/indonesian-date.js";

/** ISO instant → "2 Oktober 2024 pukul 14.05 WIB"; empty for null. */
export function waktu(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatTanggalWaktuWib(d);
}

/** ISO instant → "25/11/2026 15.28" in WIB: for dense tables, where the long form wraps over four lines. */
export function waktuSingkat(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatWaktuSingkatWib(d);
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The WIB calendar date (YYYY-MM-DD) of an ISO instant, for date filters and date-only displays: slicing
 * the UTC string would put 06:00 WIB on 21 November (…-20T23:00Z) on the 20th. A plain date passes through;
 * "" for null or an unreadable value.
 */
export function wibDate(iso: string | null | undefined): string {
  if (!iso) return "";
  if (CALENDAR_DATE.test(iso)) return iso;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : wibDateOf(d);
}

/** ISO date, or instant (read in WIB) → "2 Oktober 2024"; the text itself when it is not a date. */
export function tanggal(iso: string | null | undefined): string {
  if (!iso) return "";
  try {
    return formatTanggal(wibDate(iso) || iso);
  } catch {
    return iso;
  }
}

/** 0.4567 → "45,7%": Indonesian decimal comma. */
export function persen(part: number, whole: number): string {
  if (whole <= 0) return "–";
  const value = Math.round((part / whole) * 1000) / 10;
  return `${String(value).replace(".", ",")}%`;
}

/** Hours → "2 hari 3 jam" / "5 jam" / "kurang dari 1 jam". */
export function durasi(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return "–";
  if (hours < 1) return "kurang dari 1 jam";
  const days = Math.floor(hours / 24);
  const rest = Math.round(hours - days * 24);
  if (!days) return `${rest} jam`;
  return rest ? `${days} hari ${rest} jam` : `${days} hari`;
}
