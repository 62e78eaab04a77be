// POST /webhooks/resend: delivery events, Svix-signed over the raw body.
import { Hono } from "hono";
import { appendAudit } from "../../audit/audit-log.js";
import { AppError } from "../../domain/app-error.js";
import { recordEmailEvent, verifyResendWebhook } from "../../track/resend-webhook.js";
import type { AppEnv } from "../env.js";

export function webhookRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/webhooks/resend", async (c) => {
    const { store, clock, config } = c.var.services;
    if (!config.webhookSecret) throw new AppError("webhook_not_configured", "Webhook belum dikonfigurasi");
    const raw = await c.req.text();
    const v = await verifyResendWebhook(config.webhookSecret, c.req.raw.headers, raw, clock);
    if (!v.ok) throw new AppError(`webhook_${v.reason}`, "Tanda tangan webhook tidak valid");
    const r = await recordEmailEvent(store, clock, { id: v.webhook.id, event: v.webhook.event, rawBody: raw });
    if (r.status === "recorded" && r.recipientId) {
      await appendAudit(store, clock, {
        actor: "system",
        action: `email.${r.type.replace(/^email\./, "")}`,
        subject: r.recipientId,
        data: { webhookId: v.webhook.id },
      });
    }
    return c.json({ ok: true, status: r.status });
  });
  return app;
}
