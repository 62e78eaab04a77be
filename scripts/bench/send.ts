// Bench: one signed letter fanned out to 60 and to 6,000 OPDs end to end (planSend, the outbox worker, React Email
// rendering, the real `resend` SDK's batch calls, 100 per call) against the local Resend stand-in limiting at
// Resend's default 2 requests/s; beside each, the reference measured in the same run: the SDK alone making the
// same batch calls with the same messages at the same pace. Fails if any OPD gets other than one email or a 429
// was wasted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Resend } from "resend";
import { systemClock } from "../../src/domain/clock.js";
import { type BatchItem, MAX_BATCH, type Mailer } from "../../src/send/mailer.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { drainOutbox } from "../../src/send/outbox-worker.js";
import { createRequestPacer } from "../../src/send/request-pacer.js";
import { createResendMailer, RESEND_DEFAULT_REQUESTS_PER_SECOND } from "../../src/send/resend-mailer.js";
import { planSend } from "../../src/send/send-letter.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { startResendServer } from "../../test/support/resend-server.js";
import { makeMemoryBlobStore, seedSignedLetter } from "../../test/support/send-fixture.js";
import { type BenchContext, sized } from "./context.js";

const RATE = RESEND_DEFAULT_REQUESTS_PER_SECOND;

async function fanOut(ctx: BenchContext, opdCount: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "edaran-bench-send-"));
  const server = await startResendServer({ rateLimitPerSecond: RATE });
  const store = openSqliteStore(join(dir, "bench.sqlite"));
  try {
    const blobs = makeMemoryBlobStore();
    const s0 = performance.now();
    const letter = await seedSignedLetter(store, blobs, { opdCount, now: systemClock.now().toISOString() });
    const seedMs = performance.now() - s0;
    const build = createMessageBuilder({
      store,
      blobs,
      clock: systemClock,
      ackSecret: "bench-secret",
      from: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
      ackUrl: (t) => `http://127.0.0.1/tanda-terima/${t}`,
      verifyUrl: (id) => `http://127.0.0.1/verifikasi/${id}`,
    });
    const sdk = createResendMailer({ apiKey: "re_bench", baseUrl: server.url });
    const calls: BatchItem[][] = [];
    const mailer: Mailer = {
      send: (msg, o) => sdk.send(msg, o),
      sendBatch(items, o) {
        calls.push([...items]);
        // The Resend mailer always has sendBatch.
        return sdk.sendBatch!(items, o);
      },
    };

    const t0 = performance.now();
    const plan = await planSend(store, letter.letterId, {
      opdIds: "all",
      ackSecret: "bench-secret",
      clock: systemClock,
    });
    if (!plan.ok) throw new Error("bench: planSend reported OPDs without email");
    // As dispatchLetter does after planning: the outbox sends only letters that are sent.
    await store.db.updateTable("letters").set({ status: "sent" }).where("id", "=", letter.letterId).execute();
    const t1 = performance.now();
    const result = await drainOutbox({
      store,
      mailer,
      clock: systemClock,
      build,
      batchSize: MAX_BATCH,
      concurrency: 4,
    });
    const t2 = performance.now();

    const delivered = server.countsByRecipient();
    if (result.sent !== opdCount || delivered.size !== opdCount || [...delivered.values()].some((n) => n !== 1)) {
      throw new Error(`bench: expected ${opdCount} single deliveries, got ${JSON.stringify(result)}`);
    }
    if (server.rateLimitedCount() !== 0) throw new Error(`bench: ${server.rateLimitedCount()} requests answered 429`);
    const total = t2 - t0;
    ctx.log(
      `send: ${opdCount} OPDs end to end in ${(total / 1000).toFixed(1)} s (plan ${(t1 - t0).toFixed(0)} ms, ` +
        `outbox ${(t2 - t1).toFixed(0)} ms; ${calls.length} batch calls at ${RATE} req/s, 0 × 429; seeding ` +
        `${(seedMs / 1000).toFixed(1)} s not counted) = ${((opdCount / total) * 1000).toFixed(0)} msgs/s`,
    );

    server.reset();
    const resend = new Resend("re_bench", { baseUrl: server.url });
    const pacer = createRequestPacer({ requestsPerSecond: RATE });
    const t3 = performance.now();
    for (const [i, call] of calls.entries()) {
      const done = await pacer.wait();
      if (typeof done !== "function") throw new Error("bench: the reference was held by a 429");
      const r = await resend.batch.send(
        call.map(({ msg }) => ({ from: msg.from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text })),
        { idempotencyKey: `reference-${i}` },
      );
      done();
      if (r.error) throw new Error(`bench: the reference batch failed: ${r.error.message}`);
    }
    const sdkMs = performance.now() - t3;
    ctx.log(
      `reference, the resend SDK alone making the same ${calls.length} batch calls at the same pace: ` +
        `${(sdkMs / 1000).toFixed(1)} s = ${((opdCount / sdkMs) * 1000).toFixed(0)} msgs/s; edaran / SDK: ${(sdkMs / total).toFixed(2)}`,
    );
  } finally {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext = { log: console.log, size: "full" }): Promise<void> {
  await fanOut(ctx, sized(ctx, 60, 3));
  await fanOut(ctx, sized(ctx, 6000, 150));
}

// `npx tsx scripts/bench/send.ts` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
