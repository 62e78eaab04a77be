// Opening a buku agenda (register) for a unit pengolah: the row and its register.created audit row in one
// atomic batch, so a register never exists without its record, and two admins racing get one register and
// one clear refusal.
import { z } from "zod";
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { printable } from "../domain/printable-text.js";
import { createRegisterQuery, getRegister, type Register } from "../store/register-repo.js";
import type { Store } from "../store/store.js";
import { isUniqueViolation } from "../store/unique-violation.js";

export const registerCreateSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9.-]*$/, "Kode unit harus huruf besar/angka, misalnya BKPSDM.II")
    .max(40),
  name: z
    .string({ error: "Nama register wajib diisi" })
    .trim()
    .min(1, "Nama register wajib diisi")
    .max(200, "Nama register paling banyak 200 karakter")
    .refine(...printable("Nama register")),
  pattern: z
    .string()
    .trim()
    .refine((p) => p.includes("{seq}"), "Pola nomor harus memuat {seq}")
    .refine(...printable("Pola nomor"))
    .optional(),
});
export type RegisterCreateBody = z.infer<typeof registerCreateSchema>;

const exists = (id: string) => new AppError("register_exists", `Register ${id} sudah ada`);

export async function addRegister(
  deps: { store: Store; clock: Clock },
  actorId: string,
  body: RegisterCreateBody,
): Promise<Register> {
  const { store, clock } = deps;
  if (await getRegister(store, body.id)) throw exists(body.id);
  const { row, query } = createRegisterQuery(store, body, clock.now().toISOString());
  try {
    await atomicWithAudit(store, clock, [query], { actor: actorId, action: "register.created", subject: body.id });
  } catch (err) {
    if (isUniqueViolation(err, "registers.id")) throw exists(body.id);
    throw err;
  }
  return row;
}
