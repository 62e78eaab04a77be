// A small fixed-window rate limiter keyed by client IP + route, kept in memory. On Node that is one counter
// set per process (one server); on Workers it is per isolate, so it slows a single attacker hitting one
// isolate but is not a global quota (Cloudflare's own rate limiting rules are the place for that).
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";

export interface RateLimitRule {
  /** Names the counter set (e.g. "login"); requests to different rules never share a window. */
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  ok: boolean;
  /** Seconds until the window resets (for Retry-After), at least 1. */
  retryAfterSec: number;
  remaining: number;
}

export interface RateLimiter {
  hit(key: string, nowMs: number): RateDecision;
}

/** Counts hits per key in fixed windows of rule.windowMs; forgets old windows as it goes. */
export function fixedWindowLimiter(rule: Pick<RateLimitRule, "limit" | "windowMs">, maxKeys = 10_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, nowMs) {
      const start = nowMs - (nowMs % rule.windowMs);
      let w = windows.get(key);
      if (!w || w.start !== start) {
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (v.start !== start) windows.delete(k);
          // Still full of live keys: drop the oldest entries rather than grow without bound.
          for (const k of windows.keys()) {
            if (windows.size < maxKeys) break;
            windows.delete(k);
          }
        }
        w = { start, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return {
        ok: w.count <= rule.limit,
        retryAfterSec: Math.max(1, Math.ceil((start + rule.windowMs - nowMs) / 1000)),
        remaining: Math.max(0, rule.limit - w.count),
      };
    },
  };
}

/** The client address: Cloudflare's header, the first X-Forwarded-For hop, or the Node socket. */
export function clientIp(c: Context<AppEnv>): string {
  const cf = c.req.header("CF-Connecting-IP");
  if (cf) return cf;
  const fwd = c.req.header("X-Forwarded-For")?.split(",")[0]?.trim();
  if (fwd) return fwd;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

/**
 * Middleware (one counter set per call, so per app) that counts each request under `rule.name` + client IP + the matched route pattern, and hands
 * over to `onLimited` (which answers 429 with Retry-After) once the window's limit is passed.
 */
export function rateLimit(
  rule: RateLimitRule,
  onLimited: (c: Context<AppEnv>, retryAfterSec: number) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  const limiter = fixedWindowLimiter(rule);
  return async (c, next) => {
    const key = `${rule.name}|${clientIp(c)}|${c.req.routePath}`;
    const d = limiter.hit(key, c.var.services.clock.now().getTime());
    if (!d.ok) {
      c.header("Retry-After", String(d.retryAfterSec));
      const res = await onLimited(c, d.retryAfterSec);
      res.headers.set("Retry-After", String(d.retryAfterSec));
      return res;
    }
    await next();
  };
}
