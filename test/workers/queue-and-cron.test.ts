// The Queue consumer and the Cron Trigger of src/runtime/worker.ts, called the way workerd calls them.
// Resend is the real SDK; its HTTP calls to RESEND_BASE_URL are answered by a fake installed on the
// isolate's fetch (the worker under test runs in this same isolate), so every request can be inspected.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/runtime/worker.js";
import type { QueueProducerLike, WorkerEnv } from "../../src/runtime/worker-services.js";
import { openD1Store } from "../../src/store/d1-store.js";
import { makeApiClient } from "../support/api-client-fixture.js";
import { makeWorkerdTarget } from "../support/workerd-target-fixture.js";

const RESEND_BASE_URL = "https://resend.test";
const { actors, login, ok, signedSampleLetter } = makeApiClient(makeWorkerdTarget());

interface FakeEmailRequest {
  path: string;
  method: string;
  idempotencyKey: string | null;
  authorization: string | null;
  /** The email; for a batch call its first. */
  body: FakeEmailBody;
  /** Every email of a POST /emails/batch. */
  batch?: FakeEmailBody[];
}

interface FakeEmailBody {
  to: string | string[];
  subject: string;
  html?: string;
  attachments?: { filename: string; content: string; content_type?: string }[];
}

/** Answers Resend's POST /emails; `answer` may return an error response instead. */
function fakeResend(answer?: (req: FakeEmailRequest, n: number) => Response | null) {
  const requests: FakeEmailRequest[] = [];
  const realFetch = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (!req.url.startsWith(RESEND_BASE_URL)) return realFetch(input, init);
    const url = new URL(req.url);
    const seen: FakeEmailRequest = {
      path: url.pathname,
      method: req.method,
      idempotencyKey: req.headers.get("idempotency-key"),
      authorization: req.headers.get("authorization"),
      ...((json: unknown) =>
        Array.isArray(json)
          ? { body: json[0] as FakeEmailBody, batch: json as FakeEmailBody[] }
          : { body: json as FakeEmailBody })(await req.json()),
    };
    requests.push(seen);
    const special = answer?.(seen, requests.length);
    if (special) return special;
    if (url.pathname === "/emails/batch") {
      const n = requests.length;
      return Response.json({ data: (seen.batch ?? []).map((_, i) => ({ id: `fake-${n}-${i}` })) });
    }
    return Response.json({ id: `fake-${requests.length}` });
  });
  return { requests, spy };
}

/** A Queue producer that records what the worker sends, standing in for SEND_QUEUE. */
function recordingQueue() {
  const sent: { body: string; delaySeconds: number }[] = [];
  const queue: QueueProducerLike = {
    async send(body, options) {
      sent.push({ body, delaySeconds: options?.delaySeconds ?? 0 });
    },
    async sendBatch(messages, options) {
      for (const m of messages) sent.push({ body: m.body, delaySeconds: m.delaySeconds ?? options?.delaySeconds ?? 0 });
    },
  };
  return { queue, sent };
}

function workerEnv(overrides: Partial<WorkerEnv>): WorkerEnv {
  return {
    DB: env.DB,
    DOCS: env.DOCS,
    SEND_QUEUE: env.SEND_QUEUE,
    PUBLIC_URL: env.PUBLIC_URL,
    SESSION_SECRET: env.SESSION_SECRET,
    ACK_SECRET: env.ACK_SECRET,
    SIGNING_KEY_JWK: env.SIGNING_KEY_JWK,
    SEED_PASSWORD: env.SEED_PASSWORD,
    PASSWORD_ITERATIONS: env.PASSWORD_ITERATIONS,
    ...overrides,
  };
}

function batchOf(ids: string[]) {
  return createMessageBatch<string>(
    "edaran-send",
    ids.map((id, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: 1, body: id })),
  );
}

/** A signed sample letter sent to every OPD through the API; returns its letter outbox rows. */
/** A signed letter sent to its OPDs; the Pemda delivers in `mode` (attach: one POST /emails per OPD, with files). */
async function sentLetter(mode: "link" | "attach" = "attach") {
  const a = await actors();
  const admin = await login("admin");
  const current = await ok<{ profile: Record<string, unknown> }>(admin, "GET", "/api/pemda-profile");
  const { images: _images, ...profile } = current.profile;
  await ok(admin, "PUT", "/api/pemda-profile", { ...profile, delivery: { mode, attachDocx: true } });
  const { id } = await signedSampleLetter(a);
  await ok(a.sek, "PATCH", "/api/opd/DISPORA", { email: "dispora@bengkulukota.go.id" });
  await ok(a.sek, "POST", `/api/letters/${id}/transitions`, { action: "send" });
  const db = openD1Store(env.DB).db;
  const rows = await db
    .selectFrom("outbox")
    .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
    .select(["outbox.id", "outbox.status", "recipients.email", "recipients.id as recipientId"])
    .where("recipients.letter_id", "=", id)
    .where("outbox.kind", "=", "letter")
    .execute();
  const doc = await db
    .selectFrom("documents")
    .select("storage_key")
    .where("letter_id", "=", id)
    .executeTakeFirstOrThrow();
  const signed = new Uint8Array(await (await env.DOCS.get(doc.storage_key))!.arrayBuffer());
  return { letterId: id, rows, signed };
}

const base64Of = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

describe("the Queue consumer inside workerd", () => {
  let fake: ReturnType<typeof fakeResend> | undefined;
  beforeEach(() => {
    fake = undefined;
  });
  afterEach(() => fake?.spy.mockRestore());

  it("sends one email per recipient through the Resend SDK, keyed by the outbox id, with the signed DOCX", async () => {
    const { rows, signed } = await sentLetter();
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.every((r) => r.status === "pending")).toBe(true);
    fake = fakeResend();
    const recorder = recordingQueue();
    // The fake sets no rate limit; one call per message at 2/s would only make the test slow.
    const e = workerEnv({
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL,
      RESEND_REQUESTS_PER_SECOND: "1000",
      SEND_QUEUE: recorder.queue,
    });

    const batch = batchOf(rows.map((r) => r.id));
    const ctx = createExecutionContext();
    await worker.queue(batch, e);
    const result = await getQueueResult(batch, ctx);
    expect(result.ackAll).toBe(true);

    const posts = fake.requests.filter((r) => r.method === "POST" && r.path === "/emails");
    expect(posts).toHaveLength(rows.length);
    expect(new Set(posts.map((p) => p.idempotencyKey))).toEqual(new Set(rows.map((r) => r.id)));
    expect(posts.every((p) => p.authorization === "Bearer re_test_key")).toBe(true);
    const emailOf = new Map(rows.map((r) => [r.id, r.email]));
    for (const p of posts) {
      expect([p.body.to].flat()).toEqual([emailOf.get(p.idempotencyKey!)]);
      const att = p.body.attachments?.find((a) => a.filename.endsWith(".docx"));
      expect(att!.filename).toMatch(/^SE-.+\.docx$/);
      expect(att!.content).toBe(base64Of(signed));
    }
    expect(recorder.sent).toEqual([]);

    const after = await openD1Store(env.DB)
      .db.selectFrom("outbox")
      .select(["id", "status"])
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    expect(after.every((r) => r.status === "sent")).toBe(true);

    // The same messages delivered again (a Queue redelivery) send nothing twice.
    const again = batchOf(rows.map((r) => r.id));
    await worker.queue(again, e);
    expect(fake.requests.filter((r) => r.path === "/emails")).toHaveLength(rows.length);
  });

  it("in link mode sends the letter to every recipient in one batch call, no files, keyed by its rows", async () => {
    const { rows } = await sentLetter("link");
    fake = fakeResend();
    const e = workerEnv({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL, SEND_QUEUE: recordingQueue().queue });
    await worker.queue(batchOf(rows.map((r) => r.id)), e);
    expect(fake.requests.map((r) => r.path)).toEqual(["/emails/batch"]);
    const [call] = fake.requests;
    expect(call?.idempotencyKey).toMatch(/^edaran-batch-[0-9a-f]{64}$/);
    expect(call?.batch?.map((b) => [b.to].flat()[0]).sort()).toEqual(rows.map((r) => r.email).sort());
    expect(call?.batch?.every((b) => b.attachments === undefined && b.html?.includes("/tanda-terima/"))).toBe(true);
    const after = await openD1Store(env.DB)
      .db.selectFrom("outbox")
      .select("status")
      .where("kind", "=", "letter")
      .execute();
    expect(after.every((r) => r.status === "sent")).toBe(true);
  });

  it("puts rows the provider rate-limited back on the queue with the delay it asked for", async () => {
    const { rows } = await sentLetter();
    const ids = rows.slice(0, 5).map((r) => r.id);
    fake = fakeResend(() =>
      Response.json(
        { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
        { status: 429, headers: { "retry-after": "120" } },
      ),
    );
    const recorder = recordingQueue();
    const e = workerEnv({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL, SEND_QUEUE: recorder.queue });

    const batch = batchOf(ids);
    const ctx = createExecutionContext();
    await worker.queue(batch, e);
    expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);

    expect(recorder.sent.map((m) => m.body).sort()).toEqual([...ids].sort());
    for (const m of recorder.sent) {
      expect(m.delaySeconds).toBeGreaterThan(100);
      expect(m.delaySeconds).toBeLessThanOrEqual(121);
    }
    const after = await openD1Store(env.DB)
      .db.selectFrom("outbox")
      .select(["status", "rate_limited"])
      .where("id", "in", ids)
      .execute();
    expect(after.every((r) => r.status === "pending")).toBe(true);
  });
});

describe("the Cron Trigger inside workerd", () => {
  it("reminds every OPD head who has not acknowledged, marks them overdue, and queues the reminders once per interval", async () => {
    const { letterId, rows } = await sentLetter();
    // Deliver the letter first (through the consumer and the fake Resend): reminders follow sent mail.
    const fake = fakeResend();
    try {
      await worker.queue(
        batchOf(rows.map((r) => r.id)),
        workerEnv({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL, SEND_QUEUE: recordingQueue().queue }),
      );
    } finally {
      fake.spy.mockRestore();
    }
    expect(fake.requests).toHaveLength(rows.length);
    const recorder = recordingQueue();
    // No RESEND_API_KEY: the sweep is skipped, so this shows only what the trigger queues.
    const e = workerEnv({ SEND_QUEUE: recorder.queue, REMINDER_INTERVAL_HOURS: "24" });
    const db = openD1Store(env.DB).db;
    // The letter was sent "now"; a trigger three days later finds nobody has acknowledged.
    const sentAt = (
      await db.selectFrom("letters").select("sent_at").where("id", "=", letterId).executeTakeFirstOrThrow()
    ).sent_at!;
    const later = new Date(Date.parse(sentAt) + 3 * 24 * 3_600_000);
    // A deadline two days after sending is overdue, not too late, three days after.
    const deadline = new Date(Date.parse(sentAt) + 2 * 24 * 3_600_000).toISOString();
    await db.updateTable("letters").set({ ack_deadline: deadline }).where("id", "=", letterId).execute();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: later, cron: "*/30 * * * *" }), e);
    await waitOnExecutionContext(ctx);

    const reminders = await db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "recipients.overdue_at", "recipients.reminder_count"])
      .where("recipients.letter_id", "=", letterId)
      .where("outbox.kind", "=", "reminder")
      .execute();
    expect(reminders).toHaveLength(rows.length);
    expect(reminders.every((r) => r.id.startsWith("rem:") && r.reminder_count === 1)).toBe(true);
    // The deadline set above is past at that time.
    expect(reminders.every((r) => r.overdue_at === later.toISOString())).toBe(true);
    // Every new reminder row went to the queue (other letters of this file may be reminded too).
    const queued = recorder.sent.map((m) => m.body);
    expect(queued).toEqual(expect.arrayContaining(reminders.map((r) => r.id)));
    expect(queued.every((id) => id.startsWith("rem:"))).toBe(true);

    // An hour later is inside the interval: nothing new.
    const before = recorder.sent.length;
    await worker.scheduled(
      createScheduledController({ scheduledTime: new Date(later.getTime() + 3_600_000), cron: "*/30 * * * *" }),
      e,
    );
    expect(recorder.sent).toHaveLength(before);
  });

  it("escalates once, with no reminder, every OPD head the policy has done reminding (cap or too late)", async () => {
    const { letterId, rows } = await sentLetter();
    const db = openD1Store(env.DB).db;
    const sentAt = (
      await db.selectFrom("letters").select("sent_at").where("id", "=", letterId).executeTakeFirstOrThrow()
    ).sent_at!;
    // As if delivered and reminded three times (the default cap), the last a day before the trigger.
    const later = new Date(Date.parse(sentAt) + 5 * 24 * 3_600_000);
    const half = rows.slice(0, Math.ceil(rows.length / 2)).map((r) => r.recipientId);
    await db
      .updateTable("recipients")
      .set({ status: "delivered", sent_at: sentAt })
      .where("letter_id", "=", letterId)
      .execute();
    await db
      .updateTable("recipients")
      .set({ reminder_count: 3, last_reminded_at: new Date(later.getTime() - 25 * 3_600_000).toISOString() })
      .where("id", "in", half)
      .execute();
    // The other half: never reminded, but the deadline (the sample's own, 9 October 2024; approval would refuse it,
    // so it is set after sending) is over 30 days past.
    await db.updateTable("letters").set({ ack_deadline: "2024-10-09" }).where("id", "=", letterId).execute();
    const recorder = recordingQueue();
    const e = workerEnv({ SEND_QUEUE: recorder.queue, REMINDER_INTERVAL_HOURS: "24" });
    for (const hours of [0, 25, 50]) {
      await worker.scheduled(
        createScheduledController({
          scheduledTime: new Date(later.getTime() + hours * 3_600_000),
          cron: "*/30 * * * *",
        }),
        e,
      );
    }
    const mine = await db
      .selectFrom("recipients")
      .select(["id", "escalation_reason", "reminder_count"])
      .where("letter_id", "=", letterId)
      .execute();
    expect(mine).toHaveLength(rows.length);
    for (const r of mine) expect(r.escalation_reason).toBe(half.includes(r.id) ? "cap_reached" : "too_late");
    const reminderRows = await db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select("outbox.id")
      .where("recipients.letter_id", "=", letterId)
      .where("outbox.kind", "=", "reminder")
      .execute();
    expect(reminderRows).toEqual([]);
    const audits = await db
      .selectFrom("audit_log")
      .select("subject")
      .where("letter_id", "=", letterId)
      .where("action", "=", "recipient.escalated")
      .execute();
    expect(audits).toHaveLength(rows.length);
    expect(new Set(audits.map((a) => a.subject)).size).toBe(rows.length);
  });

  it("sweeps every outbox row left pending (lost messages, backoff over) through Resend, once each", async () => {
    const db = openD1Store(env.DB).db;
    // Rows whose queue message never arrived: a letter sent while the consumer had no API key.
    const { rows } = await sentLetter();
    expect(rows.every((r) => r.status === "pending")).toBe(true);
    const fake = fakeResend();
    try {
      const recorder = recordingQueue();
      // The fake has no rate limit; the pace itself is tested against the stand-in (test/send/batch-fanout).
      const e = workerEnv({
        RESEND_API_KEY: "re_test_key",
        RESEND_BASE_URL,
        SEND_QUEUE: recorder.queue,
        RESEND_REQUESTS_PER_SECOND: "1000",
      });
      const at = new Date(Date.now() + 10 * 24 * 3_600_000);
      const due = () =>
        db
          .selectFrom("outbox")
          .select("id")
          .where("status", "=", "pending")
          .where("next_attempt_at", "<=", at.toISOString())
          .execute();
      // Earlier tests left rows of their own pending too; a tick sweeps a bounded slice (at most 300 rows), so the
      // backlog takes a few ticks, each row sent once.
      const backlog = (await due()).length;
      expect(backlog).toBeGreaterThanOrEqual(rows.length);
      let ticks = 0;
      while ((await due()).length > 0 && ticks < 10) {
        const before = (await due()).length;
        await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "*/30 * * * *" }), e);
        ticks += 1;
        expect(before - (await due()).length, "one tick's sweep").toBeLessThanOrEqual(300);
      }
      expect(await due()).toEqual([]);
      expect(ticks).toBe(Math.max(1, Math.ceil(backlog / 300)));
      const mine = await db
        .selectFrom("outbox")
        .select(["id", "status"])
        .where(
          "id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
      expect(mine.every((r) => r.status === "sent")).toBe(true);
      const keys = fake.requests.map((r) => r.idempotencyKey);
      expect(keys).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      fake.spy.mockRestore();
    }
  });
});
