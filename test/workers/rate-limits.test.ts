// Rate limits inside workerd through the rate-limiting bindings of wrangler.toml [env.test]: two runtimes
// built from two env objects (two isolates, as far as the app can tell: services, limiters and memory of
// their own) share only the bindings, as isolates of one Worker do.
import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type WorkerEnv, workerRuntime } from "../../src/runtime/worker-services.js";

const BASE = "https://edaran.test";

/** A fresh address per use, so the bindings' counters (shared by the whole run) start at zero for it. */
const freshIp = () => `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;

// The bindings count in fixed windows of their period (60 s); a test that straddles a window edge would
// see its count restart, so it starts in a fresh window when the current one is nearly over.
async function awayFromWindowEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
}

async function isolate(envOf: WorkerEnv) {
  const rt = await workerRuntime(envOf);
  return {
    login: (ip: string, password: string) =>
      rt.app.request(
        `${BASE}/api/auth/login`,
        {
          method: "POST",
          headers: { "content-type": "application/json", "cf-connecting-ip": ip },
          body: JSON.stringify({ username: "sekretariat", password }),
        },
        envOf,
      ),
    ack: (ip: string) =>
      rt.app.request(
        `${BASE}/api/ack/bukan-token`,
        {
          method: "POST",
          headers: { "content-type": "application/json", "cf-connecting-ip": ip },
          body: JSON.stringify({ name: "Uji", position: "Staf" }),
        },
        envOf,
      ),
  };
}

describe("workerd: rate limits through the bindings", () => {
  beforeEach(awayFromWindowEdge, 30_000);

  it("holds the login limit across two isolates: 5 failures on each, then the next is 429 on both, even with the right password", async () => {
    expect(env.LOGIN_LIMITER, "LOGIN_LIMITER is bound in [env.test]").toBeDefined();
    const a = await isolate({ ...env });
    const b = await isolate({ ...env });
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect((await a.login(ip, "salah-sekali")).status).toBe(401);
      expect((await b.login(ip, "salah-sekali")).status).toBe(401);
    }
    // Each isolate alone has seen only 5 of its 10: the binding's count of the 11th is what refuses it.
    const limited = await a.login(ip, "salah-sekali");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect((await a.login(ip, env.SEED_PASSWORD)).status).toBe(429);
    expect((await b.login(ip, "salah-sekali")).status).toBe(429);
    const right = await b.login(ip, env.SEED_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);

    // Successful logins give their hit back: an office address signing in often is not locked out.
    const office = freshIp();
    for (let i = 0; i < 12; i++) expect((await (i % 2 ? a : b).login(office, env.SEED_PASSWORD)).status).toBe(200);
  });

  it("counts every acknowledgement post across isolates: the 31st in a minute is 429 with Retry-After", async () => {
    const a = await isolate({ ...env });
    const b = await isolate({ ...env });
    const ip = freshIp();
    for (let i = 0; i < 15; i++) {
      expect((await a.ack(ip)).status).not.toBe(429);
      expect((await b.ack(ip)).status).not.toBe(429);
    }
    const limited = await b.ack(ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await a.ack(freshIp())).status, "another address has its own count").not.toBe(429);
  });
});

describe("workerd: a rate-limiting binding missing", () => {
  const warn = vi.spyOn(console, "warn");
  afterEach(() => warn.mockClear());

  it("falls back to each isolate's memory and says so once", async () => {
    const { LOGIN_LIMITER: _dropped, ...rest } = env;
    const unbound: WorkerEnv = rest;
    const a = await isolate(unbound);
    const b = await isolate({ ...unbound });
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await a.login(ip, "salah-sekali")).status).toBe(401);
    expect((await a.login(ip, "salah-sekali")).status).toBe(429);
    // The other isolate has counted none of them: per isolate, as before the bindings.
    expect((await b.login(ip, "salah-sekali")).status).toBe(401);
    const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("rate-limit bindings missing"));
    // One line per isolate built, naming only the binding that is missing.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("LOGIN_LIMITER");
    expect(lines[0]).not.toContain("ACK_LIMITER");
  });
});
