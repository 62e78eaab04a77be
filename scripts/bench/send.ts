// Bench: one signed letter fanned out to 60 OPDs end to end — planSend, the outbox worker, React Email
// rendering, the real `resend` SDK — against the local Resend stand-in. Wired into `npm run bench`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { systemClock } from "../../src/domain/clock.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { drainOutbox } from "../../src/send/outbox-worker.js";
import { createResendMailer } from "../../src/send/resend-mailer.js";
import { planSend } from "../../src/send/send-letter.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { startResendServer } from "../../test/support/resend-server.js";
import { makeMemoryBlobStore, seedSignedLetter } from "../../test/support/send-fixture.js";

const OPD_COUNT = 60;

export async function benchSend(): Promise<void> {
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
      pemkotName: "Pemerintah Kota Bengkulu",
      ackUrl: (t) => `http://127.0.0.1/tanda-terima/${t}`,
      verifyUrl: (id) => `http://127.0.0.1/verifikasi/${id}`,
    });
    const mailer = createResendMailer({ apiKey: "re_bench", baseUrl: server.url });

    const t0 = performance.now();
    const plan = await planSend(store, letter.letterId, {
      opdIds: "all",
      ackSecret: "bench-secret",
      clock: systemClock,
    });
    if (!plan.ok) throw new Error("bench: planSend reported OPDs without email");
    const t1 = performance.now();
    const result = await drainOutbox({ store, mailer, clock: systemClock, build, batchSize: 20, concurrency: 4 });
    const t2 = performance.now();

    const delivered = server.countsByRecipient();
    if (result.sent !== OPD_COUNT || delivered.size !== OPD_COUNT || [...delivered.values()].some((n) => n !== 1)) {
      throw new Error(`bench: expected ${OPD_COUNT} single deliveries, got ${JSON.stringify(result)}`);
    }
    const total = t2 - t0;
    console.log(
      `send: ${OPD_COUNT} OPDs end to end in ${total.toFixed(0)} ms ` +
        `(plan ${(t1 - t0).toFixed(0)} ms, outbox ${(t2 - t1).toFixed(0)} ms) = ${((OPD_COUNT / total) * 1000).toFixed(1)} msgs/s`,
    );
  } finally {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx scripts/bench/send.ts` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchSend();
