// The rate-limiter port: one limiter per named policy, asked before an attempt and told how it went. The
// runtime entry points build the adapters (in memory on Node, Cloudflare's rate-limiting binding on Workers).

import type { RateLimitRule } from "./rate-limit-policies.js";

export interface RateLimitOutcome {
  success: boolean;
  /** With success false: seconds until the key may try again (Retry-After), at least 1. */
  retryAfterSeconds?: number;
}

export interface RateLimiter {
  /** Takes one hit of `key` before the attempt runs, so parallel attempts cannot all slip under the limit. */
  limit(key: string): Promise<RateLimitOutcome>;
  /**
   * How the attempt limit() let through went. For a failures-only policy a success gives its hit back; a
   * failure may be refused after the fact (another isolate already used up the key's failures), and the
   * caller then answers 429 instead.
   */
  settle(key: string, failed: boolean): Promise<RateLimitOutcome>;
}

/** The limiter of each policy, built once per app by the runtime. */
export interface RateLimiters {
  for(rule: RateLimitRule): RateLimiter;
}

export const ALLOWED: RateLimitOutcome = { success: true };
