// The in-memory rate-limiter adapter: fixed windows per key in this process (Node: the one server) or this
// isolate (Workers without a binding, and the burst guard in front of a binding; see binding-rate-limiter.ts).

import type { Clock } from "../domain/clock.js";
import type { RateLimitRule } from "./rate-limit-policies.js";
import { ALLOWED, type RateLimiter, type RateLimiters } from "./rate-limiter.js";

export interface RateDecision {
  ok: boolean;
  /** Seconds until the window resets (for Retry-After), at least 1. */
  retryAfterSec: number;
  remaining: number;
}

export interface WindowCounter {
  hit(key: string, nowMs: number): RateDecision;
  /** Takes back one hit of `key` in the window of nowMs (when that window is still the current one). */
  undo(key: string, nowMs: number): void;
}

/** Counts hits per key in fixed windows of rule.windowMs; forgets old windows as it goes. */
export function fixedWindowLimiter(rule: Pick<RateLimitRule, "limit" | "windowMs">, maxKeys = 10_000): WindowCounter {
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

/** One policy's limiter in memory: today's behaviour, exact for one process. */
export function memoryRateLimiter(rule: RateLimitRule, clock: Clock): RateLimiter {
  const counter = fixedWindowLimiter(rule);
  return {
    async limit(key) {
      const d = counter.hit(key, clock.now().getTime());
      return d.ok ? ALLOWED : { success: false, retryAfterSeconds: d.retryAfterSec };
    },
    async settle(key, failed) {
      if (rule.countFailuresOnly && !failed) counter.undo(key, clock.now().getTime());
      return ALLOWED;
    },
  };
}

/** Builds each policy's limiter on first use, keyed by policy name. */
export function cachedRateLimiters(build: (rule: RateLimitRule) => RateLimiter): RateLimiters {
  const byName = new Map<string, RateLimiter>();
  return {
    for(rule) {
      let limiter = byName.get(rule.name);
      if (!limiter) {
        limiter = build(rule);
        byName.set(rule.name, limiter);
      }
      return limiter;
    },
  };
}

/** Every policy in memory (Node). */
export function memoryRateLimiters(clock: Clock): RateLimiters {
  return cachedRateLimiters((rule) => memoryRateLimiter(rule, clock));
}
