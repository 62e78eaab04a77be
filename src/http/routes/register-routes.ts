// /api/registers: the buku agenda per unit pengolah and every number it gave.
import { Hono } from "hono";
import { z } from "zod";
import { appendAudit } from "../../audit/audit-log.js";
import { AppError, notFound } from "../../domain/app-error.js";
import { printable } from "../../domain/printable-text.js";
import { REGISTER_KEEPER_ROLES } from "../../domain/roles.js";
import { createRegister, getRegister, listEntries, listRegisters } from "../../store/register-repo.js";
import { currentUser, requireRole, requireUser } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { jsonBody, queryParams } from "../validate.js";

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

export const registerEntriesQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export function registerRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requireUser(), async (c) => c.json({ items: await listRegisters(c.var.services.store) }));
  app.post("/", requireRole("admin"), async (c) => {
    const body = await jsonBody(c, registerCreateSchema);
    const { store, clock } = c.var.services;
    if (await getRegister(store, body.id)) throw new AppError("register_exists", `Register ${body.id} sudah ada`);
    const reg = await createRegister(store, body, clock.now().toISOString());
    await appendAudit(store, clock, { actor: currentUser(c).id, action: "register.created", subject: body.id });
    return c.json(reg, 201);
  });
  // Every numbered letter's id and nomor: only for who keeps the register (REGISTER_KEEPER_ROLES).
  app.get("/:id/entries", requireRole(...REGISTER_KEEPER_ROLES), async (c) => {
    const { store } = c.var.services;
    const id = c.req.param("id");
    if (!(await getRegister(store, id))) throw notFound("Register");
    const q = queryParams(c, registerEntriesQuerySchema);
    return c.json({ items: await listEntries(store, id, q.year) });
  });
  return app;
}
