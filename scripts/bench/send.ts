// Bench: one signed letter fanned out to 60 OPDs end to end — planSend, the outbox worker, React Email
// rendering, the real `resend` SDK — against the local Resend stand-in; beside it, the reference measured in the
// same run: the SDK alone sending the same built messages at the same concurrency.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { systemClock } from "../../src/domain/clock.js";
import type { Mailer, OutgoingEmail } from "../../src/send/mailer.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { drainOutbox } from "../../src/send/outbox-worker.js";
import { createResendMailer } from "../../src/send/resend-mailer.js";
import { planSend } from "../../src/send/send-letter.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { startResendServer } from "../../test/support/resend-server.js";
import { makeMemoryBlobStore, seedSignedLetter } from "../../test/support/send-fixture.js";
import { type BenchContext, sized } from "./context.js";

const CONCURRENCY = 4;

export async function run(ctx: BenchContext = { log: console.log, size: "full" }): Promise<void> {
  const OPD_COUNT = sized(ctx, 60, 3);
  const dir = mkdtempSync(join(tmpdir(), "edaran-bench-send-"));
  const server = await startResendServer();
  const store = openSqliteStore(join(dir, "bench.sqlite"));
  try {
    const blobs = makeMemoryBlobStore();
    const letter = await seedSignedLetter(store, blobs, { opdCount: OPD_COUNT, now: systemClock.now().toISOString() });
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
    const built: OutgoingEmail[] = [];
    const mailer: Mailer = {
      send(msg, o) {
        built.push(msg);
        return sdk.send(msg, o);
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
      batchSize: 20,
      concurrency: CONCURRENCY,
    });
    const t2 = performance.now();

    const delivered = server.countsByRecipient();
    if (result.sent !== OPD_COUNT || delivered.size !== OPD_COUNT || [...delivered.values()].some((n) => n !== 1)) {
      throw new Error(`bench: expected ${OPD_COUNT} single deliveries, got ${JSON.stringify(result)}`);
    }
    const total = t2 - t0;
    ctx.log(
      `send: ${OPD_COUNT} OPDs end to end in ${total.toFixed(0)} ms ` +
        `(plan ${(t1 - t0).toFixed(0)} ms, outbox ${(t2 - t1).toFixed(0)} ms) = ${((OPD_COUNT / total) * 1000).toFixed(1)} msgs/s`,
    );

    server.reset();
    const t3 = performance.now();
    for (let i = 0; i < built.length; i += CONCURRENCY) {
      const wave = built.slice(i, i + CONCURRENCY);
      const outcomes = await Promise.all(wave.map((m, j) => sdk.send(m, { idempotencyKey: `reference-${i + j}` })));
      if (outcomes.some((o) => !o.ok)) throw new Error("bench: the reference send failed");
    }
    const sdkMs = performance.now() - t3;
    ctx.log(
      `reference, the resend SDK alone sending the same ${built.length} messages, ${CONCURRENCY} at a time: ` +
        `${sdkMs.toFixed(0)} ms = ${((built.length / sdkMs) * 1000).toFixed(1)} msgs/s; edaran / SDK: ${(sdkMs / total).toFixed(2)}`,
    );
  } finally {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx scripts/bench/send.ts` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
