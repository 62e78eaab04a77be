// Changing an OPD's head and the address letters go to. PATCH /api/opd/:id and the /opd page both call
// updateOpdDetails, so the row and its opd.updated audit row are always written in one atomic batch.
import { z } from "zod";
import { atomicWithAudit } from "../audit/audit-log.js";
import { notFound } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { printable } from "../domain/printable-text.js";
import { getOpd, type Opd, updateOpdQuery } from "../store/opd-repo.js";
import type { Store } from "../store/store.js";

export const opdUpdateSchema = z
  .strictObject(
    {
      head_name: z
        .string({ error: "Nama kepala harus berupa teks" })
        .trim()
        .max(120, "Nama kepala paling banyak 120 karakter")
        .refine(...printable("Nama kepala"))
        .nullable()
        .optional(),
      head_title: z
        .string({ error: "Jabatan kepala harus berupa teks" })
        .trim()
        .min(1, "Jabatan kepala wajib diisi")
        .max(200, "Jabatan kepala paling banyak 200 karakter")
        .refine(...printable("Jabatan kepala"))
        .optional(),
      email: z.email("Alamat email tidak valid").max(200).nullable().optional(),
    },
    {
      error: (iss) =>
        iss.code === "unrecognized_keys" ? `Kolom tidak dapat diubah: ${iss.keys.join(", ")}` : undefined,
    },
  )
  // Only for an otherwise valid body: "nothing to change" next to an unknown field would mislead.
  .refine((v) => Object.keys(v).length > 0, { message: "Tidak ada yang diubah", when: (p) => p.issues.length === 0 });

export type OpdUpdateBody = z.infer<typeof opdUpdateSchema>;

export interface OpdUpdateDeps {
  store: Store;
  clock: Clock;
}

/**
 * Applies a validated change and returns the OPD as stored. not_found when the OPD does not exist: the audit
 * append is guarded by the UPDATE (onlyIfLastChanged), so an unknown id leaves no audit row.
 */
export async function updateOpdDetails(
  deps: OpdUpdateDeps,
  actorId: string,
  id: string,
  body: OpdUpdateBody,
): Promise<Opd> {
  const { store, clock } = deps;
  const { audit } = await atomicWithAudit(
    store,
    clock,
    [updateOpdQuery(store, id, body, clock.now().toISOString())],
    { actor: actorId, action: "opd.updated", subject: id, data: body },
    { onlyIfLastChanged: true },
  );
  const opd = audit ? await getOpd(store, id) : null;
  if (!opd) throw notFound("Perangkat daerah");
  return opd;
}
