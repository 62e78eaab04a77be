// The in-memory RateLimiter adapter (Node, and Workers without a binding), and that every policy has its
// rate-limiting binding declared in wrangler.toml as the policy table says, for deploys and for the workers tests.

import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { fixedClock } from "../../src/domain/clock.js";
import { memoryRateLimiter, memoryRateLimiters } from "../../src/http/memory-rate-limiter.js";
import { ACK_LIMIT, LOGIN_LIMIT, RATE_LIMIT_POLICIES } from "../../src/http/rate-limit-policies.js";

const START = "2024-11-01T08:00:10.000Z";

describe("memory rate limiter", () => {
  it("refuses the 11th login failure of an address in its minute, with the seconds left, and allows it again next minute", async () => {
    const clock = fixedClock(START);
    const limiter = memoryRateLimiter(LOGIN_LIMIT, clock);
    for (let i = 0; i < 10; i++) {
      expect((await limiter.limit("10.0.0.1")).success).toBe(true);
      await limiter.settle("10.0.0.1", true);
    }
    expect(await limiter.limit("10.0.0.1")).toEqual({ success: false, retryAfterSeconds: 50 });
    expect((await limiter.limit("10.0.0.2")).success, "another address has its own count").toBe(true);
    clock.advance(50_000);
    expect((await limiter.limit("10.0.0.1")).success).toBe(true);
  });

  it("gives a success's hit back for a failures-only policy, but not for one that counts every attempt", async () => {
    const clock = fixedClock(START);
    const login = memoryRateLimiter(LOGIN_LIMIT, clock);
    for (let i = 0; i < 20; i++) {
      expect((await login.limit("kantor")).success).toBe(true);
      expect((await login.settle("kantor", false)).success).toBe(true);
    }
    const ack = memoryRateLimiter(ACK_LIMIT, clock);
    for (let i = 0; i < 30; i++) {
      expect((await ack.limit("kantor")).success).toBe(true);
      await ack.settle("kantor", false);
    }
    expect((await ack.limit("kantor")).success).toBe(false);
  });

  it("hands out one limiter per policy, so the page and the API of an action share its counters", () => {
    const limiters = memoryRateLimiters(fixedClock(START));
    expect(limiters.for(LOGIN_LIMIT)).toBe(limiters.for({ ...LOGIN_LIMIT }));
    expect(limiters.for(LOGIN_LIMIT)).not.toBe(limiters.for(ACK_LIMIT));
  });
});

/** The fields of a wrangler.toml [[ratelimits]] entry this test reads. */
interface DeclaredRateLimit {
  name: string;
  namespace_id: string;
  simple: { limit: number; period: number };
}

describe("wrangler.toml rate-limiting bindings", () => {
  it.each(["top level", "test"])("declares one binding per policy with its limit and period (%s)", (env) => {
    const config = unstable_readConfig({ config: "./wrangler.toml", ...(env === "test" ? { env } : {}) });
    const entries: DeclaredRateLimit[] = config.ratelimits;
    const declared = entries.map((r) => ({ name: r.name, limit: r.simple.limit, period: r.simple.period }));
    expect(declared).toEqual(RATE_LIMIT_POLICIES.map((p) => p.binding));
    expect(new Set(entries.map((r) => r.namespace_id)).size).toBe(RATE_LIMIT_POLICIES.length);
  });
});
