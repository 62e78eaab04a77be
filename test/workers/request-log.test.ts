// The request and job records inside workerd: the shared suite over SELF.fetch with console.log captured
// (what Workers Logs and `wrangler tail` get), the store calls checked against a counting D1 binding, and one
// job line from the Queue consumer and one from the Cron Trigger.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { JobRecord, RequestRecord } from "../../src/domain/log-record.js";
import worker from "../../src/runtime/worker.js";
import type { QueueProducerLike, WorkerEnv } from "../../src/runtime/worker-services.js";
import { requestLogSuite } from "../http/request-log.case.js";
import { makeApiClient } from "../support/api-client-fixture.js";
import { makeWorkerdTarget, WORKERD_BASE } from "../support/workerd-target-fixture.js";
import { countingD1 } from "./support/d1-budget.js";

const lines: string[] = [];
let spy: ReturnType<typeof vi.spyOn> | undefined;
beforeAll(() => {
  const real = console.log.bind(console);
  spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith('{"kind":')) lines.push(args[0]);
    else real(...args);
  });
});
afterAll(() => spy?.mockRestore());

requestLogSuite(() => ({ api: makeApiClient(makeWorkerdTarget()), lines: () => lines }));

const counting = countingD1(env.DB);
const sent: string[] = [];
const queue: QueueProducerLike = {
  async send(body) {
    sent.push(body);
  },
  async sendBatch(messages) {
    for (const m of messages) sent.push(m.body);
  },
};
const countedEnv: WorkerEnv = {
  DB: counting.db,
  DOCS: env.DOCS,
  SEND_QUEUE: queue,
  PUBLIC_URL: env.PUBLIC_URL,
  SESSION_SECRET: env.SESSION_SECRET,
  ACK_SECRET: env.ACK_SECRET,
  SIGNING_KEY_JWK: env.SIGNING_KEY_JWK,
  LOCAL_CA_KEY_JWK: env.LOCAL_CA_KEY_JWK,
  SEED_PASSWORD: env.SEED_PASSWORD,
  PASSWORD_ITERATIONS: env.PASSWORD_ITERATIONS,
};
const last = <T>(): T => JSON.parse(lines.at(-1)!) as T;

async function invoke(path: string, init?: RequestInit) {
  return counting.measure(path, async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${WORKERD_BASE}${path}`, init), countedEnv, ctx);
    await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
    return res;
  });
}

describe("store calls and jobs in workerd", () => {
  it("counts exactly the D1 calls of a request (a batch once), as the binding saw them", async () => {
    await invoke("/health"); // the isolate's start-up for this env: not a request's cost
    const health = await invoke("/health");
    expect(last<RequestRecord>()).toMatchObject({ route: "/health", dbCalls: 0 });
    expect(health.cost.calls).toBe(0);

    const login = await invoke("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "sekretariat", password: env.SEED_PASSWORD }),
    });
    expect(login.result.status).toBe(200);
    expect(login.cost.calls).toBeGreaterThan(0);
    expect(last<RequestRecord>()).toMatchObject({ route: "/api/auth/login", dbCalls: login.cost.calls });

    const cookie = (login.result.headers.get("set-cookie") ?? "").split(";")[0]!;
    for (const path of ["/api/letters", "/api/opd", "/api/auth/me"]) {
      const { result, cost } = await invoke(path, { headers: { cookie } });
      expect(result.status).toBe(200);
      expect(last<RequestRecord>()).toMatchObject({ route: path, status: 200, dbCalls: cost.calls });
    }
  });

  it("logs one job line for a queue batch", async () => {
    const n = lines.length;
    const batch = createMessageBatch<string>("edaran-send", [
      { id: "m-1", timestamp: new Date(), attempts: 1, body: "no-such-outbox-row" },
    ]);
    const ctx = createExecutionContext();
    const { cost } = await counting.measure("queue", () =>
      worker.queue(batch, { ...countedEnv, RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: "https://resend.test" }),
    );
    expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
    expect(lines).toHaveLength(n + 1);
    const job = last<JobRecord>();
    expect(job).toMatchObject({ kind: "job", job: "queue", outcome: "ok", counts: { messages: 1, claimed: 0 } });
    expect(job.dbCalls).toBeGreaterThan(0);
    expect(job.dbCalls).toBeLessThanOrEqual(cost.calls);
    expect(job.summary).toContain("1 messages");
  });

  it("logs one job line for a cron tick, with its summary and D1 calls", async () => {
    const n = lines.length;
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: "*/30 * * * *" });
    const { cost } = await counting.measure("cron", () => worker.scheduled(controller, countedEnv));
    expect(lines).toHaveLength(n + 1);
    const job = last<JobRecord>();
    expect(job).toMatchObject({ kind: "job", job: "cron", dbCalls: cost.calls });
    expect(job.dbCalls).toBeGreaterThan(0);
    expect(job.summary).toMatch(/^cron \*\/30 \* \* \* \*: \d+ reminders queued/);
  });
});
