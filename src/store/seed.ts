// Reference data every installation starts with: Kota Bengkulu's perangkat daerah and the
// registers. Idempotent: re-running it adds what is missing and keeps what an admin edited
// (OPD heads and emails, register names and patterns). Users are seeded by the auth code.
import { z } from "zod";
import opdJson from "../../data/opd-kota-bengkulu.json" with { type: "json" };
import { opdKinds } from "../domain/opd-kind.js";
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
export type ReferenceData = z.infer<typeof referenceDataSchema>;

export const defaultRegisters: NewRegister[] = [
  { id: "BKPSDM.II", name: "BKPSDM Bidang II" },
  { id: "SETDA", name: "Sekretariat Daerah" },
];

/** Kota Bengkulu's OPDs (data/opd-kota-bengkulu.json, bundled as a module so Workers have it too). */
export const kotaBengkuluReferenceData: ReferenceData = referenceDataSchema.parse({
  opd: opdJson.opd,
  registers: defaultRegisters,
});

export async function seedReferenceData(
  store: Store,
  now: string,
  data: ReferenceData = kotaBengkuluReferenceData,
): Promise<{ opd: number; registers: number }> {
  await upsertOpds(store, data.opd, now);
  await upsertRegisters(store, data.registers, now);
  return { opd: data.opd.length, registers: data.registers.length };
}
