// /api/opd: the perangkat daerah, their heads and the addresses letters go to.
import { Hono } from "hono";
import { z } from "zod";
import { atomicWithAudit } from "../../audit/audit-log.js";
import { currentUser, requireRole, requireUser } from "../../auth/middleware.js";
import { notFound } from "../../domain/app-error.js";
import { getOpd, listOpds } from "../../store/opd-repo.js";
import type { AppEnv } from "../env.js";
import { jsonBody, queryParams } from "../validate.js";

export const opdListQuerySchema = z.object({ kind: z.string().max(40).optional() });

export const opdUpdateSchema = z
  .object({
    head_name: z.string().trim().max(120, "Nama kepala paling banyak 120 karakter").nullable().optional(),
    head_title: z.string().trim().min(1, "Jabatan kepala wajib diisi").max(200).optional(),
    email: z.email("Alamat email tidak valid").max(200).nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Tidak ada yang diubah");

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
    const { store, clock } = c.var.services;
    const id = c.req.param("id");
    if (!(await getOpd(store, id))) throw notFound("Perangkat daerah");
    const now = clock.now().toISOString();
    await atomicWithAudit(store, clock, [store.db.updateTable("opd").set({ ...body, updated_at: now }).where("id", "=", id)], {
      actor: currentUser(c).id,
      action: "opd.updated",
      subject: id,
      data: body,
    });
    return c.json(await getOpd(store, id));
  });
  return app;
}
