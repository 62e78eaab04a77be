// createApp(services): the one Hono app both runtimes serve. The entry points build the services
// (SQLite or D1, disk or R2, in-process loop or Queue) and nothing in here knows which.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { jsonLineLogger, type Logger } from "../domain/log-record.js";
import { pingStore } from "../store/ping.js";
import { apiRoutes } from "./api-spec.js";
import { authenticate, passwordChangeGate } from "./auth-middleware.js";
import { docsPage } from "./docs-page.js";
import { drainUnreadBody } from "./drain-body.js";
import type { AppEnv, AppServices } from "./env.js";
import { errorBody, errorJson } from "./errors.js";
import { buildOpenApi } from "./openapi.js";
import { paths } from "./pages/page-paths.js";
import { errorPage } from "./pages/routes/page-kit.js";
import { noteRequestError, requestLog } from "./request-log.js";
import { authRoutes } from "./routes/auth-routes.js";
import { legalBasesRoutes } from "./routes/legal-bases-routes.js";
import { letterRoutes } from "./routes/letters-routes.js";
import { opdRoutes } from "./routes/opd-routes.js";
import { pemdaProfileRoutes } from "./routes/pemda-profile-routes.js";
import { registerRoutes } from "./routes/register-routes.js";
import { signersRoutes } from "./routes/signers-routes.js";
import { trackingRoutes } from "./routes/tracking-routes.js";
import { usersRoutes } from "./routes/users-routes.js";
import { verifyApiRoutes } from "./routes/verify-routes.js";
import { webhookRoutes } from "./routes/webhook-routes.js";
import { sameOriginWrites } from "./same-origin.js";

export interface CreateAppOptions {
  /** Extra routes mounted after the API (the web pages), given the same typed app. */
  pages?: (app: Hono<AppEnv>) => void;
  /** Where the one record per request goes (default: a JSON line on console.log). */
  logger?: Logger;
}

export const MAX_BODY_BYTES = 21 * 1024 * 1024;

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#7f1d1d"/>' +
  '<path d="M9 5h10l5 5v17H9z" fill="#fff"/><path d="M12 15h9M12 19h9M12 23h6" stroke="#7f1d1d" stroke-width="2"/></svg>';

export function createApp(services: AppServices, opts: CreateAppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const logger = opts.logger ?? jsonLineLogger((line) => console.log(line));

  // First, so every answer (middleware refusals too) is timed, counted and logged once.
  app.use("*", requestLog(logger));

  // One init middleware puts the services on the context; routes never build their own.
  app.use("*", async (c, next) => {
    c.set("services", services);
    c.set("user", null);
    await next();
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  );
  // Counts streamed bytes, so a chunked body without Content-Length cannot fill memory either. The largest
  // legitimate body is a DOCX upload to verify (20 MB) or a report attachment (10 MB) in a form.
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The body is left unread, so the connection is closed after this answer rather than reused.
      onError: (c) =>
        c.json(errorJson("payload_too_large", "Isi permintaan terlalu besar (paling besar 21 MB)"), 413, {
          Connection: "close",
        }),
    }),
  );
  app.use("*", drainUnreadBody());
  // What needs no user goes before authenticate(): no cookie check, no session read, no database at all.
  // Liveness: the process answers. Readiness (the database answers a read) is /health/ready.
  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/health/ready", async (c) => {
    await pingStore(services.store);
    return c.json({ status: "ok" });
  });
  // Browsers ask for /favicon.ico on every site; a tiny SVG (a letter on the Pemkot red) ends the 404s.
  app.get("/favicon.ico", (c) =>
    c.body(FAVICON_SVG, 200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" }),
  );
  // The English guess for the login page.
  app.get("/login", (c) => c.redirect(`${paths.login}${new URL(c.req.url).search}`, 302));
  app.get("/openapi.json", (c) =>
    c.json(buildOpenApi(apiRoutes, { title: "edaran API", version: "0.1.0", serverUrl: services.config.publicUrl })),
  );
  app.get("/docs", (c) => c.html(docsPage(apiRoutes)));
  // The pages' stylesheet and fonts (mounted with the pages, after this) are the same for everyone.
  app.use("*", authenticate({ skip: (path) => path.startsWith("/assets/") }));
  app.use("*", sameOriginWrites());
  app.use("/api/*", passwordChangeGate());

  app.route("/api/auth", authRoutes());
  app.route("/api/opd", opdRoutes());
  app.route("/api/pemda-profile", pemdaProfileRoutes());
  app.route("/api/registers", registerRoutes());
  app.route("/api/legal-bases", legalBasesRoutes());
  app.route("/api/users", usersRoutes());
  app.route("/api/signers", signersRoutes());
  app.route("/api/letters", letterRoutes());
  app.route("/", trackingRoutes());
  app.route("/", verifyApiRoutes());
  app.route("/", webhookRoutes());
  opts.pages?.(app);

  // A person who mistypes an address gets a page with a way back; API clients and webhooks keep the JSON envelope.
  app.notFound((c) => {
    const machinePath = /^\/(api|\.well-known|webhooks)(\/|$)/.test(c.req.path);
    if (!machinePath && (c.req.header("accept") ?? "").includes("text/html")) {
      return errorPage(c, 404, "Halaman tidak ditemukan. Periksa kembali alamatnya, atau mulai lagi dari beranda.");
    }
    return c.json(errorJson("not_found", "Alamat tidak ditemukan"), 404);
  });
  app.onError((err, c) => {
    const { status, body, headers } = errorBody(err);
    noteRequestError(c, err, body.error.code, status);
    return c.json(body, status, headers);
  });
  return app;
}
