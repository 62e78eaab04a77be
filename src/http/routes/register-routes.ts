// /api/registers: the buku agenda per unit pengolah and every number it gave.
import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app-error.js";
import { REGISTER_KEEPER_ROLES } from "../../domain/roles.js";
import { addRegister, registerCreateSchema } from "../../drafting/add-register.js";
import { getRegister, listEntries, listRegisters } from "../../store/register-repo.js";
import { currentUser, requireRole, requireUser } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { jsonBody, queryParams } from "../validate.js";

export const registerEntriesQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export function registerRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requireUser(), async (c) => c.json({ items: await listRegisters(c.var.services.store) }));
  app.post("/", requireRole("admin"), async (c) => {
    const body = await jsonBody(c, registerCreateSchema);
    return c.json(await addRegister(c.var.services, currentUser(c).id, body), 201);
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
