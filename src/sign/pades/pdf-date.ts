// PDF date strings (ISO 32000-1 §7.9.4), always in UTC.

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function pdfDate(d: Date): string {
  return `D:${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** Reads D:YYYYMMDDHHmmSS with an optional Z or ±HH'mm' offset; null when it is not one. */
export function parsePdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const sign = m[8] === "-" ? -1 : 1;
  const offset = m[8] ? sign * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  const d = new Date(utc - offset * 60_000);
  return Number.isNaN(d.getTime()) ? null : d;
}
