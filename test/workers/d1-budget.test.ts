// D1 budgets inside workerd (issue #13, part 5): the Worker's own fetch, queue and scheduled handlers run with a
// D1 binding that counts calls (test/workers/support/d1-budget.ts), on a Pemda with 500 OPDs and 200 sent
// letters. Every request must stay within 50 D1 calls, a queue batch of 100 messages within 100, one cron tick
// within 200 whatever the backlog, and no statement may bind more than 100 parameters.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/runtime/worker.js";
import type { QueueProducerLike, WorkerEnv } from "../../src/runtime/worker-services.js";
import { type Actors, type ApiClient, makeApiClient } from "../support/api-client-fixture.js";
import { WORKERD_BASE } from "../support/workerd-target-fixture.js";
import { seedBudgetHistory } from "./support/budget-history.js";
import { countingD1, D1_BUDGET, type Invocation } from "./support/d1-budget.js";

const RESEND_BASE_URL = "https://resend.test";
const OPDS = 500;
const LETTERS = 200;
const DAY = 86_400_000;

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
const workerEnv: WorkerEnv = {
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
  RESEND_API_KEY: "re_test_key",
  RESEND_BASE_URL,
  // The pace of the provider is not what these tests measure (see the fan-out bench); at Resend's default 2/s a
  // batch of 100 single sends takes 50 s.
  RESEND_REQUESTS_PER_SECOND: "1000",
};

/** Answers Resend's POST /emails and /emails/batch with ids. */
function fakeResend() {
  const realFetch = globalThis.fetch;
  let n = 0;
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (!req.url.startsWith(RESEND_BASE_URL)) return realFetch(input, init);
    const body: unknown = await req.json();
    if (Array.isArray(body)) return Response.json({ data: body.map(() => ({ id: `fake-${++n}` })) });
    return Response.json({ id: `fake-${++n}` });
  });
}

/** One request through the worker's fetch handler with the counting env, background work included. */
async function invoke(path: string, init?: RequestInit, asEnv: WorkerEnv = workerEnv): Promise<Response> {
  const label = `${init?.method ?? "GET"} ${path.replace(/\/[A-Za-z0-9_-]{40,}/, "/{token}")}`;
  const { result } = await counting.measure(label, async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${WORKERD_BASE}${path}`, init), asEnv, ctx);
    const body = await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
    const empty = res.status === 204 || res.status === 304;
    return new Response(empty ? null : body, { status: res.status, headers: res.headers });
  });
  return result;
}

const api: ApiClient = makeApiClient({ fetch: invoke, seedPassword: env.SEED_PASSWORD, ackSecret: env.ACK_SECRET });
const last = () => counting.invocations[counting.invocations.length - 1]!;
const within = (cost: Invocation, calls: number) => {
  expect(cost.calls, `${cost.label}: ${cost.calls} D1 calls:\n${cost.log.join("\n")}`).toBeLessThanOrEqual(calls);
  expect(cost.maxParams, `${cost.label}: ${cost.maxParams} parameters in ${cost.maxParamsSql}`).toBeLessThanOrEqual(
    D1_BUDGET.boundParameters,
  );
};

describe("D1 budgets at 500 OPDs x 200 sent letters", () => {
  let a: Actors;
  let letterId: string;
  const resend = fakeResend();
  afterAll(() => {
    resend.mockRestore();
    console.log(
      counting.invocations
        .map(
          (i) =>
            `${i.label}: ${i.calls} calls (${i.batches} batches, ${i.batchedStatements} stmts), max ${i.maxParams} params`,
        )
        .join("\n"),
    );
  });

  beforeAll(async () => {
    await invoke("/health");
    const now = Date.now();
    const history = await seedBudgetHistory(env.DB, {
      opds: OPDS,
      letters: LETTERS,
      sentAt: new Date(now - 10 * DAY).toISOString(),
      deadline: new Date(now - 3 * DAY).toISOString().slice(0, 10),
    });
    expect(history).toEqual({ opds: OPDS, letters: LETTERS });
    a = await api.actors();
    ({ id: letterId } = await api.signedSampleLetter(a));
  }, 120_000);

  it("keeps every request of drafting, review and signing within 50 calls, the first start's seeding included", () => {
    const requests = counting.invocations;
    expect(requests[0]?.label).toBe("GET /health");
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests) within(r, D1_BUDGET.request);
  });

  it("re-prepares a Pemda of 500 OPDs on an isolate's first request within 50 calls", async () => {
    // A new release changes the start-up fingerprint, so the next isolate seeds again, now over 500 OPDs and their
    // accounts: 456 of them new; the account check and inserts must be sliced under 100 parameters and batched, not one per user.
    await env.DB.prepare("DELETE FROM runtime_marks").run();
    const res = await invoke("/health", undefined, { ...workerEnv });
    expect(res.status).toBe(200);
    within(last(), D1_BUDGET.request);
    const accounts = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE role = 'kepala_opd'").first<{
      n: number;
    }>();
    expect(accounts?.n).toBe(OPDS);
  });

  it("sends a letter to 500 OPDs within 50 calls", async () => {
    const r = await api.ok<{ recipients: number }>(a.sek, "POST", `/api/letters/${letterId}/transitions`, {
      action: "send",
    });
    expect(r.recipients).toBe(OPDS);
    within(last(), D1_BUDGET.request);
  });

  it("shows the letter page, status, matrix and its exports within 50 calls each", async () => {
    const insp = await api.login("inspektorat");
    const pages: [typeof a.sek, string][] = [
      [a.sek, `/surat/${letterId}`],
      [a.sek, `/api/letters/${letterId}/recipients`],
      [insp, `/inspektorat/surat/${letterId}`],
      [insp, `/inspektorat/surat/${letterId}/matriks.csv`],
      [insp, `/inspektorat/surat/${letterId}/matriks.xlsx`],
      [a.sek, "/api/opd"],
      [a.sek, "/opd"],
      [a.sek, `/surat/HL-0001`],
      [insp, `/inspektorat/surat/HL-0001`],
    ];
    for (const [who, path] of pages) {
      const res = await invoke(path, { headers: { cookie: who.cookie } });
      expect(res.status, path).toBe(200);
      within(last(), D1_BUDGET.request);
    }
  });

  it("takes an acknowledgement within 50 calls", async () => {
    const status = await api.ok<{ recipients: { recipientId: string }[] }>(
      a.sek,
      "GET",
      `/api/letters/${letterId}/recipients`,
    );
    const token = await api.ackToken(status.recipients[0]!.recipientId);
    await api.ok(null, "POST", `/api/ack/${token}`, { name: "Budi Santoso", position: "Kepala Dinas" }, 201);
    within(last(), D1_BUDGET.request);
  });

  /** A queue batch of the next 100 pending messages of the letter, consumed by the worker's queue handler. */
  async function consumeNext100(label: string) {
    const ids = await env.DB.prepare(
      "SELECT o.id FROM outbox o JOIN recipients r ON r.id = o.recipient_id WHERE r.letter_id = ?1 AND o.status = 'pending' ORDER BY o.id LIMIT 100",
    )
      .bind(letterId)
      .all<{ id: string }>();
    const batch = createMessageBatch<string>(
      "edaran-send",
      (ids.results ?? []).map((r: { id: string }, i: number) => ({
        id: `m-${label}-${i}`,
        timestamp: new Date(),
        attempts: 1,
        body: r.id,
      })),
    );
    expect(batch.messages).toHaveLength(100);
    const { cost } = await counting.measure(label, () => worker.queue(batch, workerEnv));
    const left = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox o JOIN recipients r ON r.id = o.recipient_id WHERE r.letter_id = ?1 AND o.status = 'sent'",
    )
      .bind(letterId)
      .first<{ n: number }>();
    return { cost, sent: left?.n ?? 0 };
  }

  it("consumes a queue batch of 100 messages within 100 calls", async () => {
    const { cost, sent } = await consumeNext100("queue batch of 100");
    expect(sent).toBe(100);
    within(cost, D1_BUDGET.queueBatchOf100);
  });

  it("consumes a queue batch of 100 messages that carry the letter as attachments (one call each) within 100 calls", async () => {
    const profile = await api.ok<{ profile: Record<string, unknown> }>(a.sek, "GET", "/api/pemda-profile");
    const admin = await api.login("admin");
    // Images are uploaded on their own route and never sent back in the profile.
    const { images: _images, ...rest } = profile.profile;
    await api.ok(admin, "PUT", "/api/pemda-profile", {
      ...rest,
      delivery: { mode: "attach", attachDocx: true },
    });
    const before = resend.mock.calls.length;
    const { cost, sent } = await consumeNext100("queue batch of 100, attachments");
    expect(sent).toBe(200);
    // Attachments cannot go through the batch endpoint: every message was its own POST /emails.
    expect(resend.mock.calls.length - before).toBeGreaterThanOrEqual(100);
    within(cost, D1_BUDGET.queueBatchOf100);
  });

  it("runs one cron tick (reminders, sweep, audit checkpoint) within 200 calls", async () => {
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: "0 * * * *" });
    const { cost } = await counting.measure("cron tick", () => worker.scheduled(controller, workerEnv));
    within(cost, D1_BUDGET.cronTick);
  });
});
