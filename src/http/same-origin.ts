// Cross-site request forgery, first line: SameSite=Lax keeps other sites' requests from carrying the session
// cookie, but not a *sibling* site on the same registrable domain (another *.go.id host). Browsers send Origin
// on every POST/PUT/PATCH/DELETE (and Sec-Fetch-Site on all of them), so an unsafe request whose Origin is not
// this service's own, or that the browser marks as coming from another site, is refused: API and pages alike.
// Bearer-token clients (other systems) are not browsers and are not affected; requests without either header
// (curl, server-to-server, the Resend webhook) carry no ambient browser credentials worth forging. Page forms
// are also checked by their session-bound CSRF token (src/http/csrf.ts).
import type { MiddlewareHandler } from "hono";
import { AppError } from "../domain/app-error.js";
import type { AppEnv } from "./env.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE.has(c.req.method) && !c.req.header("Authorization")) {
      const origin = c.req.header("Origin");
      // PUBLIC_URL's origin, or the origin the request itself was made to (a browser on http://127.0.0.1:8787
      // while PUBLIC_URL says localhost): a foreign page can forge neither, it can only name its own.
      const own = [new URL(c.var.services.config.publicUrl).origin, new URL(c.req.url).origin];
      const fetchSite = c.req.header("Sec-Fetch-Site");
      const foreignOrigin = origin !== undefined && !own.includes(origin);
      const foreignSite = fetchSite === "cross-site" || fetchSite === "same-site";
      if (foreignOrigin || (origin === undefined && foreignSite)) {
        throw new AppError("cross_origin", "Permintaan dari situs lain ditolak");
      }
    }
    await next();
  };
}
