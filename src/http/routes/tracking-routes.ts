// Tracking over JSON: per-letter recipient status, per-OPD history, re-sending a failed message, and the
// acknowledgement API behind the OPD head's personal link (the token is the credential there).
import { Hono } from "hono";
import { z } from "zod";
import { auditCheckStatus, chainStandsIntact } from "../../audit/audit-check-status.js";
import { findCheck } from "../../audit/audit-checks.js";
import { listAuditPage } from "../../audit/audit-log.js";
import { readLatestCheckpoint } from "../../audit/checkpoint-blobs.js";
import { startFullCheck } from "../../audit/full-check-job.js";
import { checkAuditIncremental } from "../../audit/incremental-check.js";
import { checkpointStateAfter } from "../../audit/write-checkpoint.js";
import { AppError, notFound } from "../../domain/app-error.js";
import { decodeCursor, encodeCursor, PAGE_SIZE_MAX } from "../../domain/page-cursor.js";
import { AUDITOR_ROLES, TRACKER_ROLES } from "../../domain/roles.js";
import { resendMessage } from "../../send/resend-message.js";
import { auditCheckpointDeps } from "../../sign/checkpoint-keys.js";
import { acknowledge, findRecipientByToken } from "../../track/acknowledge.js";
import { submitReport } from "../../track/follow-up-report.js";
import { letterStatus, opdHistory } from "../../track/letter-status.js";
import { currentUser, requireRole } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { ACK_LIMIT, apiRateLimited, clientAddress, rateLimit } from "../rate-limit.js";
import { jsonBody, queryParams } from "../validate.js";

export const auditQuerySchema = z.object({
  letterId: z.string().optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
  /** The nextCursor of the previous page (takes the place of afterSeq). */
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Paging of an OPD's history: without either, the whole history as before. */
export const opdHistoryQuerySchema = z.object({
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int("limit harus bilangan bulat").min(1).max(PAGE_SIZE_MAX).optional(),
});

/** A checkpoint kept outside edaran (as GET /api/audit/checkpoint gave it), for the full re-check to hold to too. */
export const auditVerifyBodySchema = z.object({ checkpoint: z.unknown().optional() });

export const ackBodySchema = z.object({ name: z.unknown(), position: z.unknown() });
export const reportBodySchema = z.object({
  staffInformed: z.unknown(),
  informedOn: z.unknown(),
  method: z.unknown(),
  note: z.unknown().optional(),
});

export function trackingRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/api/letters/:id/recipients", requireRole(...TRACKER_ROLES), async (c) => {
    const view = await letterStatus(c.var.services.store, c.var.services.clock, c.req.param("id"));
    if (!view) throw notFound("Surat");
    return c.json(view);
  });

  app.get("/api/opd/:id/history", requireRole(...TRACKER_ROLES), async (c) => {
    const q = queryParams(c, opdHistoryQuerySchema);
    const paging =
      q.after || q.limit ? { ...(q.after ? { after: decodeCursor(q.after, "text") } : {}), limit: q.limit } : undefined;
    const view = await opdHistory(c.var.services.store, c.var.services.clock, c.req.param("id"), paging);
    if (!view) throw notFound("Perangkat daerah");
    return c.json(view);
  });

  app.post("/api/outbox/:id/retry", requireRole("sekretariat", "admin"), async (c) => {
    return c.json(await resendMessage(c.var.services, currentUser(c).id, c.req.param("id")));
  });

  app.get("/api/audit", requireRole(...AUDITOR_ROLES), async (c) => {
    const { after, ...q } = queryParams(c, auditQuerySchema);
    const afterSeq = after ? decodeCursor(after, "number").key : q.afterSeq;
    const { items, hasMore } = await listAuditPage(c.var.services.store, {
      ...q,
      ...(afterSeq !== undefined ? { afterSeq } : {}),
    });
    // Only when a row follows: the next page starts after this one's last row.
    const last = hasMore ? items[items.length - 1] : undefined;
    return c.json({ items, nextCursor: last ? encodeCursor({ key: last.seq, id: "" }) : null });
  });

  // Cheap: the rows since the latest signed checkpoint, beside the last full re-check; never a full scan.
  app.get("/api/audit/verify", requireRole(...AUDITOR_ROLES), async (c) => {
    const { check, checkpoint } = await checkAuditIncremental(auditCheckpointDeps(c.var.services), currentUser(c).id);
    const { lastFull, running } = await auditCheckStatus(c.var.services.store);
    return c.json({
      intact: chainStandsIntact(check, lastFull),
      check,
      checkpoint: checkpointStateAfter(checkpoint),
      lastFull,
      running,
    });
  });

  // Starts the full re-check from genesis as a job (or answers the one running): 202 and where to follow it.
  app.post("/api/audit/verify", requireRole(...AUDITOR_ROLES), async (c) => {
    const body = c.req.header("Content-Type") ? await jsonBody(c, auditVerifyBodySchema) : {};
    const r = await startFullCheck(auditCheckpointDeps(c.var.services), currentUser(c).id, body.checkpoint);
    c.var.services.auditJobs?.kick();
    c.header("Location", `/api/audit/verify/jobs/${r.job.id}`);
    return c.json(r, 202);
  });

  app.get("/api/audit/verify/jobs/:id", requireRole(...AUDITOR_ROLES), async (c) => {
    const job = await findCheck(c.var.services.store, c.req.param("id"));
    if (!job) throw notFound("Pemeriksaan");
    return c.json(job);
  });

  // The latest signed checkpoint of the chain head, for the Inspektorat to keep outside edaran (it verifies
  // offline against /.well-known/edaran-keys.json).
  app.get("/api/audit/checkpoint", requireRole(...AUDITOR_ROLES), async (c) => {
    const { blobs, keys } = auditCheckpointDeps(c.var.services);
    return c.json(await readLatestCheckpoint(blobs, keys));
  });

  app.get("/api/ack/:token", async (c) => {
    const found = await findRecipientByToken(c.var.services.store, c.req.param("token"));
    if (!found) throw new AppError("invalid_token", "Tautan tanda terima tidak valid");
    const r = found.recipient;
    return c.json({
      letter: {
        id: found.letter.id,
        nomor: found.letter.nomor,
        tentang: found.letter.tentang,
        status: found.letter.status,
      },
      opd: found.opd,
      acknowledgedAt: r.acknowledged_at,
      ackName: r.ack_name,
      reportedAt: r.reported_at,
    });
  });

  // The token link's POSTs share ACK_LIMIT with the /tanda-terima pages: one budget per address.
  const ackLimit = rateLimit(ACK_LIMIT, apiRateLimited("Terlalu banyak permintaan."));
  app.post("/api/ack/:token", ackLimit, async (c) => {
    const body = await jsonBody(c, ackBodySchema);
    const { store, clock } = c.var.services;
    const r = await acknowledge(store, clock, c.req.param("token"), {
      name: body.name,
      position: body.position,
      ip: clientAddress(c),
      userAgent: c.req.header("User-Agent") ?? null,
    });
    switch (r.status) {
      case "invalid_token":
        throw new AppError("invalid_token", "Tautan tanda terima tidak valid");
      case "letter_withdrawn":
        throw new AppError("letter_withdrawn", "Surat ini telah dicabut");
      case "invalid":
        throw new AppError("validation_failed", "Data tanda terima belum benar", r.issues);
      case "already":
        return c.json(r, 200);
      case "acknowledged":
        return c.json(r, 201);
    }
  });

  app.post("/api/ack/:token/report", ackLimit, async (c) => {
    const body = await jsonBody(c, reportBodySchema);
    const { store, blobs, clock } = c.var.services;
    const r = await submitReport(store, blobs, clock, c.req.param("token"), body);
    if (r.status === "invalid_token") throw new AppError("invalid_token", "Tautan tanda terima tidak valid");
    if (r.status === "letter_withdrawn") throw new AppError("letter_withdrawn", "Surat ini telah dicabut");
    if (r.status === "invalid") throw new AppError("validation_failed", "Laporan belum benar", r.issues);
    if (r.status === "not_acknowledged") {
      throw new AppError("not_acknowledged", "Konfirmasi penerimaan dulu sebelum melapor");
    }
    return c.json(r, 201);
  });

  return app;
}
