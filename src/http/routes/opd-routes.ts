// /api/opd: the perangkat daerah, their heads and the addresses letters go to.
import { Hono } from "hono";
import { z } from "zod";
import { atomicWithAudit } from "../../audit/audit-log.js";
import { notFound } from "../../domain/app-error.js";
import { getOpd, listOpds } from "../../store/opd-repo.js";
import { currentUser, requireRole, requireUser } from "../auth-middleware.js";
import type { AppEnv, AppServices } from "../env.js";
import { jsonBody, queryParams } from "../validate.js";

export const opdListQuerySchema = z.object({ kind: z.string().max(40).optional() });

export const opdUpdateSchema = z
  .strictObject(
    {
      head_name: z.string().trim().max(120, "Nama kepala paling banyak 120 karakter").nullable().optional(),
      head_title: z.string().trim().min(1, "Jabatan kepala wajib diisi").max(200).optional(),
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

/** Updates an OPD's head / email with its audit row (the PATCH route and the /opd page share it). */
export async function applyOpdUpdate(
  services: Pick<AppServices, "store" | "clock">,
  actorId: string,
  id: string,
  body: OpdUpdateBody,
) {
  const { store, clock } = services;
  if (!(await getOpd(store, id))) throw notFound("Perangkat daerah");
  const now = clock.now().toISOString();
  await atomicWithAudit(
    store,
    clock,
    [
      store.db
        .updateTable("opd")
        .set({ ...body, updated_at: now })
        .where("id", "=", id),
    ],
    {
      actor: actorId,
      action: "opd.updated",
      subject: id,
      data: body,
    },
  );
  return getOpd(store, id);
}

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
    return c.json(await applyOpdUpdate(c.var.services, currentUser(c).id, c.req.param("id"), body));
  });
  return app;
}
