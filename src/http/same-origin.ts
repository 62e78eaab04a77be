// Cross-site request forgery on the JSON API. SameSite=Lax keeps other sites' requests from carrying the
// session cookie, but not a *sibling* site on the same registrable domain (another *.go.id host). Browsers
// send Origin on every POST/PUT/PATCH/DELETE, so a cookie-authenticated write whose Origin is not this
// service's own is refused. Bearer-token clients (other systems) are not browsers and are not affected;
// requests without Origin (curl, server-to-server) carry no ambient browser credentials worth forging.
import type { MiddlewareHandler } from "hono";
import { AppError } from "../domain/app-error.js";
import type { AppEnv } from "./env.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE.has(c.req.method) && !c.req.header("Authorization")) {
      const origin = c.req.header("Origin");
      if (origin !== undefined && origin !== new URL(c.var.services.config.publicUrl).origin) {
        throw new AppError("cross_origin", "Permintaan dari situs lain ditolak");
      }
    }
    await next();
  };
}
