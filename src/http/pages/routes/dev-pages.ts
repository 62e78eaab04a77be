// /dev/emails/:kind: the email templates with sample data, for looking at them during development.
// Only mounted when config.devRoutes is on; otherwise the path answers the app's 404.

import type { Hono } from "hono";
import { isOneOf } from "../../../domain/one-of.js";
import { emailPreviewHtml, type PreviewKind } from "../../../send/email-preview.js";
import type { AppEnv } from "../../env.js";
import { pageApp } from "./page-kit.js";

const KINDS: readonly PreviewKind[] = ["letter", "reminder", "reminder-overdue", "withdrawal"];

export function devPages(): Hono<AppEnv> {
  const app = pageApp();
  app.get("/dev/emails/:kind", async (c, next) => {
    const kind = c.req.param("kind");
    if (!c.var.services.config.devRoutes || !isOneOf(KINDS, kind)) return next();
    return c.html(await emailPreviewHtml(kind));
  });
  return app;
}
