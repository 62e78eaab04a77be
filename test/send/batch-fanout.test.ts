// Fan-out at the provider's pace: link-mode letters go through Resend's batch endpoint, 100 per call, spaced to
// the team's rate limit so the stand-in (limiting at Resend's default 2 requests/s) never answers 429; a batch
// re-sent after a crash delivers nothing twice; a refused batch falls back to single sends; attach mode still
// sends each message alone with its files.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../src/domain/ack-token.js";
import { fixedClock, systemClock } from "../../src/domain/clock.js";
import type { Mailer } from "../../src/send/mailer.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { drainOutbox, type ProcessOptions, processOutbox, processOutboxIds } from "../../src/send/outbox-worker.js";
import { createResendMailer } from "../../src/send/resend-mailer.js";
import { planSend } from "../../src/send/send-letter.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { type ResendServer, startResendServer } from "../support/resend-server.js";
import { makeMemoryBlobStore, seedDeliverySetting, seedSignedLetter } from "../support/send-fixture.js";

const secret = "batch-fanout-test-secret";
const base = "https://edaran.example";
let dir: string;
let server: ResendServer;
let store: SqliteStore;
let blobs: ReturnType<typeof makeMemoryBlobStore>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-fanout-"));
  // Resend's default team limit.
  server = await startResendServer({ rateLimitPerSecond: 2 });
  store = openSqliteStore(join(dir, "edaran.sqlite"));
  blobs = makeMemoryBlobStore();
});
afterEach(async () => {
  await store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(mailer: Mailer, more: Partial<ProcessOptions> = {}): ProcessOptions {
  const clock = more.clock ?? systemClock;
  const build = createMessageBuilder({
    store,
    blobs,
    clock,
    ackSecret: secret,
    from: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
    ackUrl: (t) => `${base}/tanda-terima/${t}`,
    verifyUrl: (id) => `${base}/v/${id}`,
  });
  return { store, mailer, clock, build, batchSize: 100, concurrency: 4, lockMs: 60_000, ...more };
}

async function plan(opdCount: number, extra: { withPdf?: boolean } = {}) {
  const letter = await seedSignedLetter(store, blobs, { opdCount, ...extra });
  const r = await planSend(store, letter.letterId, { opdIds: "all", ackSecret: secret, clock: systemClock });
  if (!r.ok) throw new Error("plan failed");
  await store.db.updateTable("letters").set({ status: "sent" }).where("id", "=", letter.letterId).execute();
  return { letter, outboxIds: r.outboxIds };
}

const sdk = () => createResendMailer({ apiKey: "re_test", baseUrl: server.url });

describe("batch fan-out through the outbox", () => {
  it("sends 6,000 link-mode letters in batches of at most 100 at 2 requests/s, each exactly once, no 429", async () => {
    const { outboxIds } = await plan(6000);
    const r = await drainOutbox(options(sdk()));
    expect(r).toMatchObject({ sent: 6000, failed: 0, retried: 0, released: 0 });

    expect(server.rateLimitedCount()).toBe(0);
    const counts = server.countsByRecipient();
    expect(counts.size).toBe(6000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(server.requests.every((q) => q.path === "/emails/batch" && q.status === 200)).toBe(true);
    expect(server.requests).toHaveLength(60);
    const perCall = new Map<string, number>();
    for (const d of server.delivered)
      perCall.set(d.idempotencyKey ?? "", (perCall.get(d.idempotencyKey ?? "") ?? 0) + 1);
    expect(Math.max(...perCall.values())).toBeLessThanOrEqual(100);
    expect(server.delivered.every((d) => d.via === "batch" && d.attachments.length === 0)).toBe(true);

    // Each returned id went to its own row: the provider id stored for a recipient is that of the email to it.
    const rows = await store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "outbox.status", "outbox.provider_id", "recipients.email"])
      .execute();
    expect(rows).toHaveLength(outboxIds.length);
    const idTo = new Map(server.delivered.map((d) => [d.id, d.to[0]]));
    expect(rows.every((row) => row.status === "sent" && idTo.get(row.provider_id ?? "") === row.email)).toBe(true);
  }, 180_000);

  it("re-sends a batch cut off by a crash under the same key, so nothing is delivered twice", async () => {
    await plan(250);
    // After planSend's (real) time, so the rows are due.
    const clock = fixedClock(new Date(Date.now() + 1000));
    const real = sdk();
    // The process dies right after the provider accepted the first batch: the outcome is never written.
    const dying: Mailer = {
      send: (m, o) => real.send(m, o),
      async sendBatch(items, o) {
        await real.sendBatch?.(items, o);
        return new Promise(() => {});
      },
    };
    void processOutbox(options(dying, { clock }));
    await expect.poll(() => server.delivered.length, { timeout: 10_000 }).toBe(100);
    const first = new Set(server.requests.map((q) => q.idempotencyKey));

    // Another sender, after the dead one's claim lock ran out. It starts at least a second after the dead one's
    // last call, as a restart would: its pacer cannot know the dead process's, and the team limit is per second.
    clock.advance(61_000);
    await new Promise((r) => setTimeout(r, 1100));
    const r = await drainOutbox(options(sdk(), { clock }));
    expect(r).toMatchObject({ sent: 250, failed: 0 });
    expect(server.delivered).toHaveLength(250);
    expect([...server.countsByRecipient().values()].every((n) => n === 1)).toBe(true);
    // The replay used the first call's key.
    expect(server.requests.filter((q) => first.has(q.idempotencyKey))).toHaveLength(2);
    expect(server.rateLimitedCount()).toBe(0);
  }, 60_000);

  it("re-sends a queue batch cut off by a crash under its key even when a sweep claims it among other rows", async () => {
    const { outboxIds } = await plan(250);
    const clock = fixedClock(new Date(Date.now() + 1000));
    const real = sdk();
    const dying: Mailer = {
      send: (m, o) => real.send(m, o),
      async sendBatch(items, o) {
        await real.sendBatch?.(items, o);
        return new Promise(() => {});
      },
    };
    // A queue consumer gets 100 messages from the middle of the letter's rows and dies after Resend took them.
    const middle = [...outboxIds].sort().slice(75, 175);
    void processOutboxIds(middle, options(dying, { clock }));
    await expect.poll(() => server.delivered.length, { timeout: 10_000 }).toBe(100);
    const noted = await store.db.selectFrom("outbox").select("batch_key").where("id", "in", middle).execute();
    expect(new Set(noted.map((r) => r.batch_key)).size, "one key noted on the batch's rows").toBe(1);

    // The sweep, once the claim ran out, takes rows in its own slices of 100: the cut-off batch goes again whole,
    // under its key, and the provider replays its answer.
    clock.advance(61_000);
    await new Promise((r) => setTimeout(r, 1100));
    const r = await drainOutbox(options(sdk(), { clock }));
    expect(r).toMatchObject({ sent: 250, failed: 0 });
    expect(server.delivered).toHaveLength(250);
    expect([...server.countsByRecipient().values()].every((n) => n === 1)).toBe(true);
    const key = noted[0]?.batch_key ?? "";
    expect(server.requests.filter((q) => q.idempotencyKey === key)).toHaveLength(2);
    expect(server.rateLimitedCount()).toBe(0);
  }, 60_000);

  it("falls back to single sends when a batch is refused: the invalid address fails, the others go once", async () => {
    const { letter } = await plan(5);
    await store.db
      .updateTable("recipients")
      .set({ email: "bukan-alamat" })
      .where("opd_id", "=", letter.opdIds[2]!)
      .execute();
    const r = await drainOutbox(options(sdk()));
    expect(r).toMatchObject({ sent: 4, failed: 1 });
    const answers = server.requests.map((q) => `${q.path} ${q.status}`);
    expect(answers[0]).toBe("/emails/batch 422");
    expect(answers.slice(1).sort()).toEqual([
      "/emails 200",
      "/emails 200",
      "/emails 200",
      "/emails 200",
      "/emails 422",
    ]);
    expect(server.delivered).toHaveLength(4);
    const failed = await store.db
      .selectFrom("recipients")
      .select("status")
      .where("email", "=", "bukan-alamat")
      .execute();
    expect(failed).toEqual([{ status: "failed" }]);
  }, 30_000);

  it("link mode: the email carries the OPD head's personal links and no attachment", async () => {
    const { letter } = await plan(2, { withPdf: true });
    await drainOutbox(options(sdk()));
    const recipient = await store.db
      .selectFrom("recipients")
      .select(["id", "email"])
      .where("opd_id", "=", letter.opdIds[0]!)
      .executeTakeFirstOrThrow();
    const [email] = server.deliveredTo(recipient.email);
    const ack = `${base}/tanda-terima/${await ackTokenFor(secret, recipient.id)}`;
    expect(email?.attachments).toEqual([]);
    for (const part of [email?.html ?? "", email?.text ?? ""]) {
      expect(part).toContain(ack);
      expect(part).toContain(`${ack}/pdf`);
      expect(part).toContain(`${ack}/docx`);
    }
    expect(email?.text).toContain("tidak membawa lampiran");
    // The other OPD head's link is not in this email.
    const other = await store.db
      .selectFrom("recipients")
      .select("id")
      .where("opd_id", "=", letter.opdIds[1]!)
      .executeTakeFirstOrThrow();
    expect(email?.html).not.toContain(await ackTokenFor(secret, other.id));
  }, 30_000);

  it("attach mode: each message goes alone through POST /emails with the signed files", async () => {
    const { letter } = await plan(3, { withPdf: true });
    await seedDeliverySetting(store, true);
    const r = await drainOutbox(options(sdk()));
    expect(r.sent).toBe(3);
    expect(server.requests.map((q) => q.path)).toEqual(["/emails", "/emails", "/emails"]);
    expect(server.rateLimitedCount()).toBe(0);
    for (const d of server.delivered) {
      expect(d.via).toBe("emails");
      expect(d.attachments.map((a) => a.filename?.split(".").at(-1))).toEqual(["pdf", "docx"]);
      expect(Buffer.from(d.attachments[1]!.content).equals(Buffer.from(letter.docx))).toBe(true);
      expect(d.text).toContain("terlampir");
    }
  }, 30_000);
});
