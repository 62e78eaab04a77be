// One log record per request: its id (answered in X-Request-Id), the route pattern, the status, the time and
// the store calls it took. Installed first in createApp, so every answer (middleware refusals included) is
// counted and logged once.
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { type LoggedError, type Logger, loggedError } from "../domain/log-record.js";
import { withDbCallCount } from "../store/db-call-count.js";
import type { AppEnv } from "./env.js";

/** cf-ray looks like `8f1c2a3b4d5e6f70-SIN`; a forwarded id must be as short and as plain to be kept. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The edge's id (cf-ray on Workers, x-request-id from a proxy) when it is safe to echo, else a new one. */
export function requestIdOf(headers: Headers): string {
  for (const name of ["cf-ray", "x-request-id"]) {
    const value = headers.get(name);
    if (value && SAFE_REQUEST_ID.test(value)) return value;
  }
  return crypto.randomUUID();
}

// What onError saw, for the request's line; keyed by the context so nothing is added to every request.
const thrownErrors = new WeakMap<Context, LoggedError>();

/** Called by the error handlers (API and pages): the code and message, and the stack for a 5xx. */
export function noteRequestError(c: Context, err: unknown, code: string, status: number): void {
  thrownErrors.set(c, { ...loggedError(err, status >= 500), code });
}

/** The registered pattern of the handler the request was routed to; app.use() middleware is method ALL. */
function routePattern(c: Context): string {
  const handler = matchedRoutes(c)
    .filter((r) => r.method !== "ALL")
    .at(-1);
  return handler?.path ?? "(unmatched)";
}

/** The code and message of an error envelope that was answered, not thrown (404, 413, 429, 403). */
async function answeredError(res: Response): Promise<LoggedError | undefined> {
  if (res.status < 400 || !(res.headers.get("content-type") ?? "").includes("application/json")) return undefined;
  try {
    const body: unknown = await res.clone().json();
    if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
    return loggedError(body.error, false);
  } catch {
    return undefined;
  }
}

export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    const requestId = requestIdOf(c.req.raw.headers);
    const counted = withDbCallCount(next);
    await counted.done;
    c.header("X-Request-Id", requestId);
    const durationMs = Date.now() - started;
    const error = thrownErrors.get(c) ?? (await answeredError(c.res));
    const user = c.get("user");
    logger.line({
      kind: "request",
      requestId,
      method: c.req.method,
      route: routePattern(c),
      status: c.res.status,
      durationMs,
      dbCalls: counted.calls(),
      ...(user ? { userId: user.id } : {}),
      ...(error ? { error } : {}),
    });
  };
}
