// Handlebars helpers the wording templates use. Pure functions; Handlebars passes its options object last,
// so every helper ignores trailing arguments it does not name.

import { AppError } from "../domain/app-error.js";
import type { EdaranInput } from "../domain/edaran-input.js";
import { DEFAULT_NON_ASN_NAME, legalCitationSchema, SANCTION_CLASSES, scopeSchema } from "../domain/edaran-input.js";
import { formatTanggal } from "../domain/indonesian-date.js";

/** Collapses whitespace so one value stays on one wording line. */
export const oneLine = (v: unknown): string =>
  String(v ?? "")
    .replace(/\s+/g, " ")
    .trim();

function letters(i: number): string {
  let n = i;
  let s = "";
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/** List labels of the Tata Naskah Dinas: level 0 "1.", 1 "a.", 2 "1)", 3 "a)". index is 0-based. */
export function listLabel(index: number, level: number): string {
  switch (level) {
    case 0:
      return `${index + 1}.`;
    case 1:
      return `${letters(index)}.`;
    case 2:
      return `${index + 1})`;
    default:
      return `${letters(index)})`;
  }
}

/** 197001011990031001 → "19700101 199003 1 001", as NIPs are printed. */
export function formatNip(nip: string): string {
  return /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;
}

/**
 * "Aparatur Sipil Negara (Pegawai Negeri Sipil dan …) dan Pegawai Tidak Tetap" from the scope switches: exactly
 * the groups in scope, the non-ASN staff under the name the letter gives them.
 */
export function scopeText(scope: EdaranInput["scope"]): string {
  const asn = [
    scope.asn.pns ? "Pegawai Negeri Sipil" : null,
    scope.asn.pppk ? "Pegawai Pemerintah dengan Perjanjian Kerja" : null,
  ].filter((x): x is string => x !== null);
  const asnText = asn.length === 2 ? `Aparatur Sipil Negara (${asn.join(" dan ")})` : (asn[0] ?? null);
  const nonAsn = scope.nonAsn ? (scope.nonAsnName ?? DEFAULT_NON_ASN_NAME) : null;
  return [asnText, nonAsn].filter((x): x is string => x !== null).join(" dan ");
}

/**
 * A legal basis as printed, read from the input alone: drafting (and the CLI) replace catalogue ids by their
 * citation before a letter is rendered (domain/legal-bases.ts resolveLegalBases), so a later catalogue edit
 * changes no letter. An id that was never resolved is refused: a letter must not go out citing "pp-94-2021-…".
 */
function citation(ref: unknown, field: "judul" | "singkat"): string {
  const parsed = legalCitationSchema.safeParse(ref);
  if (!parsed.success)
    throw new AppError(
      "validation_failed",
      `Dasar hukum "${oneLine(ref)}" belum diganti dengan judul lengkapnya dari katalog; surat tidak dapat dicetak`,
    );
  return field === "singkat" ? (parsed.data.singkat ?? parsed.data.judul) : parsed.data.judul;
}

export const templateHelpers = {
  t: (v: unknown) => oneLine(v),
  upper: (v: unknown) => oneLine(v).toUpperCase(),
  yth: () => "Yth.",
  num: (index: unknown, level: unknown) => listLabel(Number(index), Number(level)),
  tanggal: (iso: unknown) => formatTanggal(String(iso)),
  legal: (ref: unknown) => citation(ref, "judul"),
  legalShort: (ref: unknown) => citation(ref, "singkat"),
  sanksi: (cls: unknown) => {
    const known = Object.entries(SANCTION_CLASSES).find(([key]) => key === cls);
    return known ? known[1] : oneLine(cls);
  },
  // Handlebars hands helpers untyped values; the scope is checked again rather than trusted.
  scopeText: (scope: unknown) => {
    const parsed = scopeSchema.safeParse(scope);
    return parsed.success ? scopeText(parsed.data) : "";
  },
  nip: (nip: unknown) => formatNip(String(nip)),
  eq: (a: unknown, b: unknown) => a === b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  inc: (n: unknown) => Number(n) + 1,
} as const;
