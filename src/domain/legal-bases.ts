// The legal-basis catalogue's rules: what an entry is, the order Dasar lists them in, and how a letter's
// references are resolved into the citations it keeps. The entries themselves are data (the legal_bases table,
// seeded from data/legal-bases.json); this module is pure and reads them through a lookup it is given.
import { z } from "zod";
import {
  type EdaranInput,
  LEGAL_BASE_ID,
  type LegalBaseRef,
  type LegalCitation,
  legalCitationSchema,
} from "./edaran-input.js";
import { printable } from "./printable-text.js";
import type { ValidationIssue } from "./validation-issues.js";

function teks(label: string, max: number) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${label} wajib diisi` : `${label} harus berupa teks`) })
    .trim()
    .min(1, `${label} wajib diisi`)
    .max(max, `${label} paling banyak ${max} karakter`)
    .refine(...printable(label));
}

/** One catalogue entry as the admin adds it (POST /api/legal-bases, /admin/dasar-hukum). */
export const newLegalBaseSchema = z.strictObject(
  {
    id: z
      .string({ error: "Kode dasar hukum wajib diisi" })
      .trim()
      .regex(LEGAL_BASE_ID, "Kode dasar hukum harus huruf kecil, angka dan tanda -, misalnya pp-94-2021-disiplin-pns"),
    jenis: teks("Jenis peraturan", 120),
    nomor: teks("Nomor peraturan", 200),
    tahun: z.coerce
      .number({ error: "Tahun peraturan harus berupa angka" })
      .int("Tahun peraturan harus bilangan bulat")
      .min(1945, "Tahun peraturan tidak masuk akal (paling awal 1945)")
      .max(2100, "Tahun peraturan tidak masuk akal"),
    singkat: legalCitationSchema.shape.singkat.unwrap(),
    judul: legalCitationSchema.shape.judul,
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? `Kolom tidak dikenal: ${iss.keys.join(", ")}` : undefined) },
);
export type NewLegalBase = z.infer<typeof newLegalBaseSchema>;

/** A catalogue entry as the services read it. */
export interface LegalBase extends NewLegalBase {
  active: boolean;
  createdBy: string | null;
  createdAt: string;
}

/** The citation a letter keeps of an entry: the same shape as one given inline, plus the id. */
export const citationOf = (entry: Pick<NewLegalBase, "id" | "judul" | "singkat">): LegalCitation & { id: string } => ({
  id: entry.id,
  judul: entry.judul,
  singkat: entry.singkat,
});

/**
 * The order of the hierarchy of laws (UU 12/2011 Pasal 7 and 8), so the catalogue lists and Dasar prints the
 * higher rule first. Matched on the start of `jenis`; anything else comes after, by year.
 */
const HIERARCHY = [
  "Undang-Undang Dasar",
  "Ketetapan Majelis",
  "Undang-Undang",
  "Peraturan Pemerintah Pengganti",
  "Peraturan Pemerintah",
  "Peraturan Presiden",
  "Keputusan Presiden",
  "Instruksi Presiden",
  "Peraturan Menteri",
  "Peraturan Komisi",
  "Peraturan Badan",
  "Peraturan Lembaga",
  "Keputusan Bersama",
  "Peraturan Daerah",
  "Peraturan Gubernur",
  "Peraturan Bupati",
  "Peraturan Wali",
  "Surat Edaran",
] as const;

export function jenisRank(jenis: string): number {
  // Longest match first: "Undang-Undang Dasar" before "Undang-Undang", "Peraturan Pemerintah Pengganti" first.
  let best: number = HIERARCHY.length;
  let bestLength = 0;
  HIERARCHY.forEach((prefix, i) => {
    if (jenis.startsWith(prefix) && prefix.length > bestLength) {
      best = i;
      bestLength = prefix.length;
    }
  });
  return best;
}

export function compareLegalBases(a: NewLegalBase, b: NewLegalBase): number {
  return jenisRank(a.jenis) - jenisRank(b.jenis) || a.tahun - b.tahun || a.id.localeCompare(b.id);
}

export type ResolveResult = { ok: true; value: EdaranInput } | { ok: false; issues: ValidationIssue[] };

/**
 * Replaces every catalogue id in Dasar and in the sanction clauses by the entry's citation, so the stored letter
 * holds the full title it was drafted with and the renderer reads titles from the input alone. `lookup` answers
 * with active entries only. An id the previous revision already held keeps that revision's citation, so editing a
 * draft neither changes a title nor loses an entry deactivated since. Inline citations pass as they are.
 */
export function resolveLegalBases(
  input: EdaranInput,
  lookup: (id: string) => NewLegalBase | undefined,
  previous?: EdaranInput,
): ResolveResult {
  const kept = new Map<string, LegalCitation>();
  if (previous)
    for (const ref of [...previous.sections.dasar, ...previous.sanctions.map((s) => s.basis)])
      if (typeof ref !== "string" && ref.id) kept.set(ref.id, ref);
  const issues: ValidationIssue[] = [];
  const resolve = (ref: LegalBaseRef, path: string, label: string): LegalBaseRef => {
    if (typeof ref !== "string") return ref;
    const entry = lookup(ref);
    if (entry) return citationOf(entry);
    const before = kept.get(ref);
    if (before) return before;
    issues.push({
      path,
      message: `${label} "${ref}" tidak ada dalam katalog dasar hukum atau sudah dinonaktifkan; pilih dari katalog atau tulis judul lengkapnya`,
    });
    return ref;
  };
  const value: EdaranInput = {
    ...input,
    sections: {
      ...input.sections,
      dasar: input.sections.dasar.map((ref, i) => resolve(ref, `sections.dasar.${i}`, "Dasar hukum")),
    },
    sanctions: input.sanctions.map((s, i) => ({
      ...s,
      basis: resolve(s.basis, `sanctions.${i}.basis`, "Dasar sanksi"),
    })),
  };
  return issues.length ? { ok: false, issues } : { ok: true, value };
}

/** The catalogue ids a letter's input cites (for the form's Dasar checkboxes). */
export const citedIds = (input: EdaranInput): string[] =>
  input.sections.dasar.flatMap((ref) => (typeof ref === "string" ? [ref] : ref.id ? [ref.id] : []));
