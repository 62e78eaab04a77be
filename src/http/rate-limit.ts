// A small fixed-window rate limiter keyed by rule + client IP, kept in memory. On Node that is one counter
// set per process (one server); on Workers it is per isolate, so it slows a single attacker hitting one
// isolate but is not a global quota (Cloudflare's own rate limiting rules are the place for that).

import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";
import { errorJson } from "./errors.js";

export interface RateLimitRule {
  /** Names the counter set (e.g. "login"); requests to different rules never share a window. */
  name: string;
  limit: number;
  windowMs: number;
  /** Only responses of 400 and above keep their hit (for login: a shared office address may sign in often). */
  countFailuresOnly?: boolean;
}

export interface RateDecision {
  ok: boolean;
  /** Seconds until the window resets (for Retry-After), at least 1. */
  retryAfterSec: number;
  remaining: number;
}

export interface RateLimiter {
  hit(key: string, nowMs: number): RateDecision;
  /** Takes back one hit of `key` in the window of nowMs (when that window is still the current one). */
  undo(key: string, nowMs: number): void;
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
    undo(key, nowMs) {
      const w = windows.get(key);
      if (w && w.start === nowMs - (nowMs % rule.windowMs) && w.count > 0) w.count--;
    },
  };
}

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

// One limiter per rule name per app (keyed by the app's services object), so the page and the API routes
// of the same action (login on /masuk and /api/auth/login) draw on the same counters.
const limiters = new WeakMap<object, Map<string, RateLimiter>>();

function limiterFor(services: object, rule: RateLimitRule): RateLimiter {
  let byName = limiters.get(services);
  if (!byName) {
    byName = new Map();
    limiters.set(services, byName);
  }
  let limiter = byName.get(rule.name);
  if (!limiter) {
    limiter = fixedWindowLimiter(rule);
    byName.set(rule.name, limiter);
  }
  return limiter;
}

/**
 * Middleware that counts each request under `rule.name` + client IP (counters shared by every route using
 * the same rule in the same app), and hands over to `onLimited` (which answers 429 with Retry-After) once
 * the window's limit is passed. With `rule.countFailuresOnly`, a response below 400 gives its hit back:
 * the hit is taken before the handler runs, so parallel attempts cannot all slip under the limit.
 */
export function rateLimit(
  rule: RateLimitRule,
  onLimited: (c: Context<AppEnv>, retryAfterSec: number) => Response | Promise<Response>,
  keyOf: (c: Context<AppEnv>) => string = clientIp,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = limiterFor(c.var.services, rule);
    const key = keyOf(c);
    const now = c.var.services.clock.now().getTime();
    const d = limiter.hit(key, now);
    if (!d.ok) {
      c.header("Retry-After", String(d.retryAfterSec));
      const res = await onLimited(c, d.retryAfterSec);
      res.headers.set("Retry-After", String(d.retryAfterSec));
      return res;
    }
    await next();
    if (rule.countFailuresOnly && c.res.status < 400 && !c.error) limiter.undo(key, now);
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
  onLimited: (c: Context<AppEnv>, retryAfterSec: number) => Response | Promise<Response>,
  run: () => Promise<Response>,
): Promise<Response> {
  const limiter = limiterFor(c.var.services, rule);
  const now = c.var.services.clock.now().getTime();
  const d = limiter.hit(key, now);
  if (!d.ok) {
    const res = await onLimited(c, d.retryAfterSec);
    res.headers.set("Retry-After", String(d.retryAfterSec));
    return res;
  }
  const res = await run();
  if (rule.countFailuresOnly && res.status < 400) limiter.undo(key, now);
  return res;
}

/**
 * Signing-passphrase attempts per signer (not per address: the passphrase guards one account, wherever the
 * guesses come from), signing and changing it together, page and API together; only failures count.
 */
export const SIGNING_PASSPHRASE_LIMIT: RateLimitRule = {
  name: "signing-passphrase",
  limit: 5,
  windowMs: 15 * 60_000,
  countFailuresOnly: true,
};
/** The counter key of SIGNING_PASSPHRASE_LIMIT. */
export const signerRateKey = (userId: string) => `signer:${userId}`;

/** Login attempts per address a minute, page and API together; a successful login does not count. */
export const LOGIN_LIMIT: RateLimitRule = { name: "login", limit: 10, windowMs: 60_000, countFailuresOnly: true };
/** Own-password changes per address a minute, page and API together; like logins, only failures count. */
export const PASSWORD_CHANGE_LIMIT: RateLimitRule = {
  name: "password-change",
  limit: 10,
  windowMs: 60_000,
  countFailuresOnly: true,
};
/** Acknowledgement and report posts per address a minute, page and API together. */
export const ACK_LIMIT: RateLimitRule = { name: "ack", limit: 30, windowMs: 60_000 };

/** The API's 429 in the error envelope (pages answer with their HTML error page instead). */
export function apiRateLimited(message: string): (c: Context<AppEnv>, retryAfterSec: number) => Response {
  return (c, s) => c.json(errorJson("rate_limited", `${message} Coba lagi dalam ${s} detik.`), 429);
}

/** First-admin setup attempts per address a minute (the token is a guessable form field); only failures count. */
export const SETUP_LIMIT: RateLimitRule = { name: "setup", limit: 10, windowMs: 60_000, countFailuresOnly: true };
/** Activation-link posts per address a minute; only failures (a wrong or used link, a weak password) count. */
export const ACTIVATION_LIMIT: RateLimitRule = {
  name: "activation",
  limit: 10,
  windowMs: 60_000,
  countFailuresOnly: true,
};
