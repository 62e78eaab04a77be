// Reference data every installation starts with: Kota Bengkulu's perangkat daerah, the
// registers and the legal-basis catalogue. Idempotent: re-running it adds what is missing and keeps what an admin edited
// (OPD heads and emails, register names and patterns). Users are seeded by the auth code.
import { z } from "zod";
import legalBasesJson from "../../data/legal-bases.json" with { type: "json" };
import opdJson from "../../data/opd-kota-bengkulu.json" with { type: "json" };
import { compareLegalBases, type NewLegalBase, newLegalBaseSchema } from "../domain/legal-bases.js";
import { opdKinds } from "../domain/opd-kind.js";
import { snapshotLegacyCitations } from "./legacy-citations.js";
import { seedLegalBasesRows } from "./legal-bases-repo.js";
import { upsertOpds } from "./opd-repo.js";
import { type NewRegister, upsertRegisters } from "./register-repo.js";
import type { Store } from "./store.js";

export const opdSeedSchema = z.object({
  id: z.string().regex(/^[A-Z0-9.-]+$/),
  name: z.string().min(1),
  kind: z.enum(opdKinds),
  head_title: z.string().min(1),
  head_name: z.string().min(1).nullable(),
  email: z.email().nullable(),
});

export const referenceDataSchema = z.object({
  opd: z.array(opdSeedSchema),
  registers: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), pattern: z.string().optional() })),
});
export type ReferenceData = z.infer<typeof referenceDataSchema> & { legalBases?: readonly NewLegalBase[] };

/**
 * The shipped legal-basis catalogue (data/legal-bases.json, keyed by id), checked by the same schema as an
 * admin's addition, in the order Dasar lists them. Also what `edaran render` resolves ids with (no database).
 */
export const shippedLegalBases: readonly NewLegalBase[] = Object.entries(legalBasesJson)
  .map(([id, entry]) => newLegalBaseSchema.parse({ id, ...entry }))
  .sort(compareLegalBases);

export const defaultRegisters: NewRegister[] = [
  { id: "BKPSDM.II", name: "BKPSDM Bidang II" },
  { id: "SETDA", name: "Sekretariat Daerah" },
];

/** Kota Bengkulu's OPDs (data/opd-kota-bengkulu.json, bundled as a module so Workers have it too). */
export const kotaBengkuluReferenceData: ReferenceData = {
  ...referenceDataSchema.parse({ opd: opdJson.opd, registers: defaultRegisters }),
  legalBases: shippedLegalBases,
};

export async function seedReferenceData(
  store: Store,
  now: string,
  data: ReferenceData = kotaBengkuluReferenceData,
): Promise<{ opd: number; registers: number }> {
  await upsertOpds(store, data.opd, now);
  await upsertRegisters(store, data.registers, now);
  if (data.legalBases) {
    await seedLegalBasesRows(store, data.legalBases, now);
    await snapshotLegacyCitations(store);
  }
  return { opd: data.opd.length, registers: data.registers.length };
}
