// In workerd: a deployment that kept wrangler.toml's localhost PUBLIC_URL answers 503 at its real hostname
// (before touching D1), while `wrangler dev` on localhost is served.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker, { type ExecutionContextLike, type WorkerEnv } from "../../src/runtime/worker.js";

const ctx: ExecutionContextLike = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };

describe("workerd: local PUBLIC_URL", () => {
  const devEnv: WorkerEnv = { ...env, PUBLIC_URL: "http://localhost:8787" };

  it("refuses requests at a real hostname with 503 not_ready", async () => {
    const res = await worker.fetch(new Request("https://edaran.bengkulukota.go.id/masuk"), devEnv, ctx);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "not_ready" } });
  });

  it("serves requests to localhost", async () => {
    const res = await worker.fetch(new Request("http://localhost:8787/masuk"), devEnv, ctx);
    expect(res.status).toBe(200);
  });
});
