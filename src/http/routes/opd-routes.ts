// /api/opd: the perangkat daerah, their heads and the addresses letters go to.
import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app-error.js";
import { opdUpdateSchema, updateOpdDetails } from "../../opd/update-opd.js";
import { getOpd, listOpds } from "../../store/opd-repo.js";
import { currentUser, requireRole, requireUser } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { jsonBody, queryParams } from "../validate.js";

export const opdListQuerySchema = z.object({ kind: z.string().max(40).optional() });

export function opdRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requireUser(), async (c) => {
    const q = queryParams(c, opdListQuerySchema);
    return c.json({ items: await listOpds(c.var.services.store, q.kind ? { kind: q.kind } : {}) });
  });
  app.get("/:id", requireUser(), async (c) => {
    const opd = await getOpd(c.var.services.store, c.req.param("id"));
    if (!opd) throw notFound("Perangkat daerah");
    return c.json(opd);
  });
  app.patch("/:id", requireRole("sekretariat", "admin"), async (c) => {
    const body = await jsonBody(c, opdUpdateSchema);
    return c.json(await updateOpdDetails(c.var.services, currentUser(c).id, c.req.param("id"), body));
  });
  return app;
}
