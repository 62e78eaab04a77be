// The letter number, e.g. 800/2185/BKPSDM.II/2024, from a pattern of tokens so each pemda keeps its own variant.

export const DEFAULT_NOMOR_PATTERN = "{kka}/{seq}/{unit}/{year}";

export interface NomorParts {
  kka: string;
  seq: number | string;
  unit: string;
  year: number | string;
  /** 1-12; {month} prints it as a number, {monthRoman} as a Roman numeral. */
  month?: number;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"] as const;

export function romanMonth(month: number): string {
  const r = ROMAN[month - 1];
  if (!r) throw new RangeError(`Bulan tidak valid: ${month}`);
  return r;
}

const TOKEN = /\{(kka|seq|unit|year|month|monthRoman)\}/g;

/** Fills the pattern; a {month} token without a month is an error, not a silent blank. */
export function formatNomor(pattern: string, parts: NomorParts): string {
  return pattern.replace(TOKEN, (_, token: string) => {
    switch (token) {
      case "kka":
        return parts.kka;
      case "seq":
        return String(parts.seq);
      case "unit":
        return parts.unit;
      case "year":
        return String(parts.year);
      case "month":
      case "monthRoman":
        if (parts.month === undefined) throw new RangeError("Pola nomor memakai {month} tetapi bulan tidak diberikan");
        return token === "month" ? String(parts.month) : romanMonth(parts.month);
      default:
        return _;
    }
  });
}

/** The number before the register gives a sequence: every token becomes dots, separators stay. */
export function placeholderNomor(pattern: string = DEFAULT_NOMOR_PATTERN): string {
  return pattern.replace(TOKEN, "......");
}
