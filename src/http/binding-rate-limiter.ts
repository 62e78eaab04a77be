// The Workers rate-limiting adapter: Cloudflare's binding ([[ratelimits]] in wrangler.toml) counts a policy's
// keys for every isolate in a Cloudflare location, so the limit holds per Pemda rather than per isolate. The
// binding can neither peek nor give a hit back and knows no Retry-After, which shapes the two kinds of policy:
// - every attempt counts (acknowledgements): the binding is asked before the attempt; Retry-After is its period.
// - failures only (login, passwords): the isolate's in-memory counter guards bursts as before, and each failure
//   is counted by the binding afterwards; once it refuses one, the key stays blocked in this isolate for the
//   policy's window. A key another isolate used up gets at most one more attempt here before being blocked.

import type { Clock } from "../domain/clock.js";
import { cachedRateLimiters, memoryRateLimiter } from "./memory-rate-limiter.js";
import { RATE_LIMIT_POLICIES, type RateLimitBindingName, type RateLimitRule } from "./rate-limit-policies.js";
import { ALLOWED, type RateLimiter, type RateLimiters } from "./rate-limiter.js";

/** The part of a Workers rate-limiting binding this code calls. */
export interface RateLimitBindingLike {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export type RateLimitBindings = Partial<Record<RateLimitBindingName, RateLimitBindingLike>>;

const MAX_BLOCKED_KEYS = 10_000;

export function bindingRateLimiter(rule: RateLimitRule, binding: RateLimitBindingLike, clock: Clock): RateLimiter {
  if (!rule.countFailuresOnly) {
    return {
      async limit(key) {
        const { success } = await binding.limit({ key });
        return success ? ALLOWED : { success: false, retryAfterSeconds: rule.binding.period };
      },
      settle: async () => ALLOWED,
    };
  }
  const local = memoryRateLimiter(rule, clock);
  const blockedUntil = new Map<string, number>();
  const blockMs = Math.max(rule.windowMs, rule.binding.period * 1000);
  return {
    async limit(key) {
      const now = clock.now().getTime();
      const until = blockedUntil.get(key);
      if (until !== undefined && until > now) {
        return { success: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
      }
      if (until !== undefined) blockedUntil.delete(key);
      return local.limit(key);
    },
    async settle(key, failed) {
      await local.settle(key, failed);
      if (!failed) return ALLOWED;
      const { success } = await binding.limit({ key });
      if (success) return ALLOWED;
      const now = clock.now().getTime();
      if (blockedUntil.size >= MAX_BLOCKED_KEYS) {
        for (const [k, t] of blockedUntil) if (t <= now) blockedUntil.delete(k);
      }
      if (blockedUntil.size < MAX_BLOCKED_KEYS) blockedUntil.set(key, now + blockMs);
      return { success: false, retryAfterSeconds: blockMs / 1000 };
    },
  };
}

function isBinding(value: unknown): value is RateLimitBindingLike {
  return typeof value === "object" && value !== null && "limit" in value && typeof value.limit === "function";
}

/**
 * Each policy through its binding; a policy whose binding is missing (an old wrangler.toml) falls back to
 * this isolate's memory, said once in the log when the limiters are built.
 */
export function workerRateLimiters(
  bindings: RateLimitBindings,
  clock: Clock,
  log: (line: string) => void,
): RateLimiters {
  const missing = RATE_LIMIT_POLICIES.map((r) => r.binding.name).filter((name) => !isBinding(bindings[name]));
  if (missing.length > 0) {
    log(`edaran: rate-limit bindings missing (${missing.join(", ")}); those limits hold per isolate only`);
  }
  return cachedRateLimiters((rule) => {
    const binding = bindings[rule.binding.name];
    return isBinding(binding) ? bindingRateLimiter(rule, binding, clock) : memoryRateLimiter(rule, clock);
  });
}
