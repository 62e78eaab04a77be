// /api/legal-bases: the catalogue of legal bases a letter's Dasar picks from (read by anyone signed in; extended
// and (de)activated by the secretariat and the admin).
import { Hono } from "hono";
import { z } from "zod";
import { CATALOGUE_KEEPER_ROLES } from "../../domain/roles.js";
import {
  addLegalBase,
  legalBasePatchSchema,
  listLegalBaseCatalogue,
  newLegalBaseSchema,
  setLegalBaseActive,
} from "../../drafting/legal-base-catalogue.js";
import { currentUser, requireRole, requireUser } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { jsonBody, queryParams } from "../validate.js";

export const legalBaseListQuerySchema = z.object({
  status: z.enum(["active", "all"], { error: 'status harus "active" atau "all"' }).optional(),
});

export function legalBasesRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requireUser(), async (c) => {
    const q = queryParams(c, legalBaseListQuerySchema);
    const items = await listLegalBaseCatalogue(c.var.services, { includeInactive: q.status === "all" });
    return c.json({ items });
  });
  app.post("/", requireRole(...CATALOGUE_KEEPER_ROLES), async (c) => {
    const body = await jsonBody(c, newLegalBaseSchema);
    return c.json(await addLegalBase(c.var.services, currentUser(c), body), 201);
  });
  app.patch("/:id", requireRole(...CATALOGUE_KEEPER_ROLES), async (c) => {
    const body = await jsonBody(c, legalBasePatchSchema);
    return c.json(await setLegalBaseActive(c.var.services, currentUser(c), c.req.param("id"), body));
  });
  return app;
}
