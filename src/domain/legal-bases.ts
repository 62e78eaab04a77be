// The catalogue of legal bases a letter may cite in "Dasar" and in sanction clauses, keyed by a stable id.
import { z } from "zod";
import catalogueJson from "../../data/legal-bases.json" with { type: "json" };

export const legalBaseSchema = z.strictObject({
  jenis: z.string().min(1),
  nomor: z.string().min(1),
  tahun: z.number().int(),
  /** Short citation for running text: "Peraturan Pemerintah Nomor 94 Tahun 2021". */
  singkat: z.string().min(1),
  /** Full title as "Dasar" prints it. */
  judul: z.string().min(1),
});

export type LegalBase = z.infer<typeof legalBaseSchema>;

export const legalCatalogue: Readonly<Record<string, LegalBase>> = z
  .record(z.string(), legalBaseSchema)
  .parse(catalogueJson);

export function findLegalBase(id: string): LegalBase | undefined {
  return Object.hasOwn(legalCatalogue, id) ? legalCatalogue[id] : undefined;
}
