// Rate-limit middleware: each request is counted under a policy (rate-limit-policies.ts) and a key (the
// client's address, or a signer), through the RateLimiters port the runtime put in the services: in memory on
// Node, Cloudflare's rate-limiting binding on Workers (memory-rate-limiter.ts, binding-rate-limiter.ts).

import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";
import { errorJson } from "./errors.js";
import type { RateLimitRule } from "./rate-limit-policies.js";
import type { RateLimitOutcome } from "./rate-limiter.js";

export {
  ACK_LIMIT,
  ACTIVATION_LIMIT,
  LOGIN_LIMIT,
  PASSWORD_CHANGE_LIMIT,
  type RateLimitRule,
  SETUP_LIMIT,
  SIGNING_PASSPHRASE_LIMIT,
  signerRateKey,
} from "./rate-limit-policies.js";

type OnLimited = (c: Context<AppEnv>, retryAfterSec: number) => Response | Promise<Response>;

/** Rate-limit key of requests whose address is not known (in-process test requests have no socket). */
export const UNKNOWN_IP = "unknown";

/** The TCP peer on Node (@hono/node-server puts the request on c.env); null elsewhere or without a socket. */
function socketAddress(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/**
 * The client's address, from a source the deployment vouches for: the header the edge sets (config.ipHeader,
 * CF-Connecting-IP on Workers, which Cloudflare overwrites), else with config.trustProxy the last
 * X-Forwarded-For entry (the one our own reverse proxy appended; earlier entries are whatever the client
 * sent), else the socket. A client-sent header is never believed otherwise. Null when none is known.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  const { ipHeader, trustProxy } = c.var.services.config;
  if (ipHeader) return c.req.header(ipHeader)?.trim() || null;
  if (trustProxy) {
    const last = c.req
      .header("X-Forwarded-For")
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return socketAddress(c);
}

/** clientAddress(), or UNKNOWN_IP: every request without a known address shares that one bucket. */
export function clientIp(c: Context<AppEnv>): string {
  return clientAddress(c) ?? UNKNOWN_IP;
}

/** The 429 of onLimited, with Retry-After. */
async function limitedAnswer(c: Context<AppEnv>, onLimited: OnLimited, d: RateLimitOutcome): Promise<Response> {
  const retryAfter = String(d.retryAfterSeconds ?? 1);
  c.header("Retry-After", retryAfter);
  const res = await onLimited(c, d.retryAfterSeconds ?? 1);
  res.headers.set("Retry-After", retryAfter);
  return res;
}

/**
 * Middleware that counts each request under `rule` + `keyOf` (counters shared by every route using the same
 * rule in the same app, so the page and the API of one action draw on the same ones), and hands over to
 * `onLimited` (which answers 429) once the limit is passed. The hit is taken before the handler runs, so
 * parallel attempts cannot all slip under the limit; with `rule.countFailuresOnly` an answer below 400 gives
 * it back, and a failure the limiter refuses after the fact (counted across isolates) is answered 429.
 */
export function rateLimit(
  rule: RateLimitRule,
  onLimited: OnLimited,
  keyOf: (c: Context<AppEnv>) => string = clientIp,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.var.services.rateLimiters.for(rule);
    const key = keyOf(c);
    const d = await limiter.limit(key);
    if (!d.success) return limitedAnswer(c, onLimited, d);
    await next();
    const after = await limiter.settle(key, c.res.status >= 400 || Boolean(c.error));
    if (!after.success) c.res = await limitedAnswer(c, onLimited, after);
  };
}

/**
 * rateLimit for one step of a handler (the sign action of the transitions route, not its other actions): the
 * hit is taken before `run`, and with rule.countFailuresOnly an answer below 400 gives it back.
 */
export async function limitedStep(
  c: Context<AppEnv>,
  rule: RateLimitRule,
  key: string,
  onLimited: OnLimited,
  run: () => Promise<Response>,
): Promise<Response> {
  const limiter = c.var.services.rateLimiters.for(rule);
  const d = await limiter.limit(key);
  if (!d.success) return limitedAnswer(c, onLimited, d);
  let res: Response;
  try {
    res = await run();
  } catch (err) {
    await limiter.settle(key, true);
    throw err;
  }
  const after = await limiter.settle(key, res.status >= 400);
  return after.success ? res : limitedAnswer(c, onLimited, after);
}

/** The API's 429 in the error envelope (pages answer with their HTML error page instead). */
export function apiRateLimited(message: string): OnLimited {
  return (c, s) => c.json(errorJson("rate_limited", `${message} Coba lagi dalam ${s} detik.`), 429);
}
