// The outbox against the real `resend` SDK and the local Resend stand-in: every OPD gets its letter
// exactly once, through crashes, 429 storms and 5xx, and a permanent failure is kept and re-sendable.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import kotaBengkulu from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { verifyAuditChain } from "../../src/audit/audit-log.js";
import { fixedClock } from "../../src/domain/clock.js";
import { pemdaProfileSchema } from "../../src/domain/pemda-profile.js";
import { startNodeRuntime } from "../../src/runtime/node-app.js";
import { isGoneClaimant, nodeClaimant } from "../../src/runtime/node-claimant.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import type { Mailer } from "../../src/send/mailer.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { retryFailed } from "../../src/send/outbox-repo.js";
import {
  defaultRetryPolicy,
  drainOutbox,
  type ProcessOptions,
  processOutbox,
  processOutboxIds,
  releaseGoneClaims,
  retryDelayMs,
  startOutboxLoop,
} from "../../src/send/outbox-worker.js";
import { createResendMailer } from "../../src/send/resend-mailer.js";
import { planSend } from "../../src/send/send-letter.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { insertPemdaProfileVersionQuery } from "../../src/store/pemda-profile-repo.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { type ResendServer, startResendServer } from "../support/resend-server.js";
import {
  makeMemoryBlobStore,
  type SignedLetterFixture,
  seedDeliverySetting,
  seedSignedLetter,
} from "../support/send-fixture.js";

// As long as ACK_SECRET must be, so the Node runtime of the restart test can be given it.
const secret = "outbox-test-secret-0123456789abcdef";
const start = "2024-10-01T02:00:00.000Z";
let dir: string;
let server: ResendServer;
let store: SqliteStore;
let extraStores: SqliteStore[];
let clock: ReturnType<typeof fixedClock>;
let blobs: ReturnType<typeof makeMemoryBlobStore>;
let letter: SignedLetterFixture;

function options(s: SqliteStore, mailer: Mailer, more: Partial<ProcessOptions> = {}): ProcessOptions {
  const build = createMessageBuilder({
    store: s,
    blobs,
    clock,
    ackSecret: secret,
    from: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
    ackUrl: (t) => `https://edaran.example/tanda-terima/${t}`,
    verifyUrl: (id) => `https://edaran.example/v/${id}`,
  });
  return { store: s, mailer, clock, build, batchSize: 20, concurrency: 4, lockMs: 60_000, ...more };
}

function resendMailer(): Mailer {
  // The stand-in here sets no rate limit; pacing is batch-fanout.test.ts's subject.
  return createResendMailer({
    apiKey: "re_test",
    baseUrl: server.url,
    requestsPerSecond: Infinity,
    now: () => clock.now().getTime(),
  });
}

async function plan(opdCount: number): Promise<string[]> {
  letter = await seedSignedLetter(store, blobs, { opdCount });
  // These tests follow each message alone, with its files: the Pemda's attach mode.
  await seedDeliverySetting(store, true);
  const r = await planSend(store, letter.letterId, { opdIds: "all", ackSecret: secret, clock });
  if (!r.ok) throw new Error("plan failed");
  // As dispatchLetter does after planning: the outbox only sends letters that are sent.
  await store.db.updateTable("letters").set({ status: "sent" }).where("id", "=", letter.letterId).execute();
  return r.outboxIds;
}

async function outboxRows(s: SqliteStore = store) {
  return s.db.selectFrom("outbox").selectAll().orderBy("id").execute();
}

/** Runs rounds, moving the fake clock to the next due row, until nothing is pending or sending. */
async function runToCompletion(opts: ProcessOptions, maxRounds = 100): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    await drainOutbox(opts);
    const open = await opts.store.db
      .selectFrom("outbox")
      .select((eb) => [eb.fn.min("next_attempt_at").as("due"), eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["pending", "sending"])
      .executeTakeFirstOrThrow();
    if (Number(open.n) === 0) return round;
    clock.set(String(open.due));
  }
  throw new Error("outbox did not finish");
}

/**
 * Runs test/support/outbox-child.ts on this test's database: a real process, killed with SIGKILL by
 * the test after `killAfter` deliveries, or by itself at the point `crash` names. Resolves when it is dead.
 */
async function runSender(
  crash: "none" | "at-mailer" | "after-outcome-write",
  killAfter = Number.POSITIVE_INFINITY,
): Promise<{ how: NodeJS.Signals | number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/support/outbox-child.ts",
      join(dir, "edaran.sqlite"),
      server.url,
      start,
      `letters/${letter.letterId}/signed.docx`,
      secret,
      crash,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  let delivered = 0;
  child.stdout.on("data", (d: Buffer) => {
    delivered += d
      .toString()
      .split("\n")
      .filter((l) => l.startsWith("delivered ")).length;
    if (delivered >= killAfter) child.kill("SIGKILL");
  });
  return { how: await exited, stderr };
}

/** Audit rows of outbox outcomes, by outbox row id. */
async function outcomeAudits(s: SqliteStore = store): Promise<Map<string, string[]>> {
  const rows = await s.db
    .selectFrom("audit_log")
    .select(["action", "data_json"])
    .where("action", "in", ["email.sent", "email.failed", "email.cancelled", "reminder.sent", "reminder.cancelled"])
    .execute();
  const byRow = new Map<string, string[]>();
  for (const r of rows) {
    const id = (JSON.parse(r.data_json) as { outboxId: string }).outboxId;
    byRow.set(id, [...(byRow.get(id) ?? []), r.action]);
  }
  return byRow;
}

/** A store that passes every batch to the real one and keeps its SQL, to see what each outcome writes at once. */
function recordingStore(s: SqliteStore): { store: Store; batches: { sql: string; parameters: unknown[] }[][] } {
  const batches: { sql: string; parameters: unknown[] }[][] = [];
  return {
    batches,
    store: {
      db: s.db,
      atomic(queries) {
        batches.push(queries.map((q) => q.compile()).map((c) => ({ sql: c.sql, parameters: [...c.parameters] })));
        return s.atomic(queries);
      },
    },
  };
}

/**
 * A mailer whose n-th send reaches Resend and then the process "dies": `crashed` resolves, and that send and every
 * later one hang forever, like a killed process.
 */
function mailerDyingAt(n: number): { dying: Mailer; crashed: Promise<void> } {
  const real = resendMailer();
  let calls = 0;
  let crash!: () => void;
  const crashed = new Promise<void>((resolve) => (crash = resolve));
  const dying: Mailer = {
    async send(msg, o) {
      calls += 1;
      if (calls < n) return real.send(msg, o);
      if (calls === n) {
        await real.send(msg, o);
        crash();
      }
      return new Promise(() => {});
    },
  };
  return { dying, crashed };
}

function expectExactlyOncePerOpd() {
  const counts = server.countsByRecipient();
  expect(counts.size).toBe(letter.opdIds.length);
  for (const id of letter.opdIds) expect(counts.get(`kepala.${id.toLowerCase()}@bengkulukota.example`)).toBe(1);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-outbox-"));
  server = await startResendServer();
  store = openSqliteStore(join(dir, "edaran.sqlite"));
  extraStores = [];
  clock = fixedClock(start);
  blobs = makeMemoryBlobStore();
});

afterEach(async () => {
  await server.close();
  for (const s of [store, ...extraStores]) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("outbox worker", () => {
  it("names the Pemda of the letter's own profile version in the email, not a fixed one", async () => {
    await plan(2);
    const kabupaten = { ...pemdaProfileSchema.parse(kotaBengkulu), governmentName: "Pemerintah Kabupaten Kaur" };
    await store.atomic([
      insertPemdaProfileVersionQuery(store, { version: 3, profile: kabupaten, createdBy: "u" }, start),
    ]);
    await store.db.updateTable("letters").set({ profile_version: 3 }).where("id", "=", letter.letterId).execute();
    expect(await drainOutbox(options(store, resendMailer()))).toMatchObject({ sent: 2 });
    for (const email of server.delivered) {
      expect(email.html).toContain("PEMERINTAH KABUPATEN KAUR");
      expect(email.text).toContain("Pemerintah Kabupaten Kaur");
      expect(email.html).not.toContain("PEMERINTAH KOTA BENGKULU");
    }
  });

  it("sends 60 OPDs exactly one email each, with the signed DOCX attached, and records it", async () => {
    const ids = await plan(60);
    const r = await drainOutbox(options(store, resendMailer()));
    expect(r).toMatchObject({ sent: 60, failed: 0, retried: 0 });
    expectExactlyOncePerOpd();
    const recipientIds = new Set((await store.db.selectFrom("recipients").select("id").execute()).map((r) => r.id));
    for (const email of server.delivered) {
      // The recipient tag lets a webhook event match its row before provider_message_id is stored.
      expect(email.tags).toHaveLength(1);
      expect(email.tags[0]?.name).toBe("recipient_id");
      expect(recipientIds.has(email.tags[0]!.value)).toBe(true);
      expect(email.attachments).toHaveLength(1);
      // The same name as the app's download of the signed file (letterDocxFileName).
      expect(email.attachments[0]?.filename).toBe("SE-800.1.2.3-87-BKPSDM.II-2024.docx");
      expect(email.attachments[0]?.contentType).toBe(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
      expect(Buffer.from(email.attachments[0]!.content).equals(Buffer.from(letter.docx))).toBe(true);
      expect(email.subject).toBe(`Surat Edaran Nomor ${letter.nomor} tentang ${letter.tentang}`);
      expect(email.html).toContain("Konfirmasi Penerimaan");
      expect(email.text).toContain("https://edaran.example/tanda-terima/");
      expect(email.headers["X-Edaran-Opd-Id"]).toMatch(/^OPD-\d{3}$/);
      expect(email.headers["X-Edaran-Opd-Name"]).toMatch(/^Dinas Nomor \d+$/);
    }
    // The idempotency key of each delivery is its outbox row id.
    expect(new Set(server.delivered.map((e) => e.idempotencyKey))).toEqual(new Set(ids));
    const rows = await outboxRows();
    expect(rows.every((o) => o.status === "sent" && o.attempts === 1 && o.provider_id && o.sent_at === start)).toBe(
      true,
    );
    const recipients = await store.db.selectFrom("recipients").selectAll().execute();
    const byProvider = new Map(server.delivered.map((e) => [e.id, e.to[0]]));
    // Each email handed to the provider is one audit line under its letter.
    const audited = await store.db
      .selectFrom("audit_log")
      .select(["letter_id", "subject"])
      .where("action", "=", "email.sent")
      .execute();
    expect(audited).toHaveLength(60);
    expect(new Set(audited.map((a) => a.subject))).toEqual(new Set(recipients.map((r) => r.id)));
    expect(audited.every((a) => a.letter_id === letter.letterId)).toBe(true);
    for (const rec of recipients) {
      expect(rec.status).toBe("sent");
      expect(rec.sent_at).toBe(start);
      expect(byProvider.get(rec.provider_message_id ?? "")).toBe(rec.email);
    }
  });

  it("after a crash half-way, a fresh worker sends every OPD exactly once", async () => {
    await plan(60);
    // Sends 7 normally; the 8th reaches Resend but the process "dies" before recording it.
    const { dying, crashed } = mailerDyingAt(8);
    void processOutbox(options(store, dying, { concurrency: 1 }));
    await crashed;
    expect(server.delivered).toHaveLength(8);
    const mid = await outboxRows();
    expect(mid.filter((o) => o.status === "sent")).toHaveLength(7);
    expect(mid.filter((o) => o.status === "sending")).toHaveLength(13);
    expect(mid.filter((o) => o.status === "pending")).toHaveLength(40);

    // A new process: its own database connection and mailer. While the dead worker's lock holds,
    // it leaves those rows alone and sends the rest.
    const restarted = openSqliteStore(join(dir, "edaran.sqlite"));
    extraStores.push(restarted);
    clock.advance(30_000);
    const before = await drainOutbox(options(restarted, resendMailer()));
    expect(before.sent).toBe(40);
    expect((await outboxRows(restarted)).filter((o) => o.status === "sending")).toHaveLength(13);

    clock.advance(31_000); // past the 60 s lock
    const after = await drainOutbox(options(restarted, resendMailer()));
    expect(after.sent).toBe(13);
    expectExactlyOncePerOpd();
    const rows = await outboxRows(restarted);
    expect(rows.every((o) => o.status === "sent")).toBe(true);
    // The row that reached Resend before the crash was sent again with the same key and de-duplicated.
    const replayed = rows.filter((o) => o.attempts === 2);
    expect(replayed).toHaveLength(13);
    const keyed = server.requests.filter((q) => q.status === 200);
    expect(keyed).toHaveLength(61);
  });

  it("writing single-send outcomes 20 at a time (as the Worker does) still sends every OPD exactly once after a crash", async () => {
    await plan(60);
    // 25 reach Resend (the first 20 outcomes are written), then the process dies before writing the next 5.
    const { dying, crashed } = mailerDyingAt(25);
    void processOutbox(options(store, dying, { concurrency: 1, batchSize: 50, settleAloneEvery: 20 }));
    await crashed;
    expect(server.delivered).toHaveLength(25);
    expect((await outboxRows()).filter((o) => o.status === "sent")).toHaveLength(20);

    const restarted = openSqliteStore(join(dir, "edaran.sqlite"));
    extraStores.push(restarted);
    clock.advance(61_000); // past the dead worker's lock
    const after = await drainOutbox(options(restarted, resendMailer(), { settleAloneEvery: 20 }));
    expect(after.sent).toBe(40);
    // The 5 delivered but unrecorded went again under their keys and were not delivered twice.
    expectExactlyOncePerOpd();
    expect(server.requests.filter((q) => q.status === 200)).toHaveLength(65);
  });

  it("killing a real sender process half-way and starting again sends every OPD exactly once", async () => {
    await plan(60);
    const { how, stderr } = await runSender("none", 10);
    expect(how, stderr).toBe("SIGKILL");

    const mid = await outboxRows();
    const sentBefore = mid.filter((o) => o.status === "sent").length;
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(60);
    expect(mid.some((o) => o.status === "sending")).toBe(true);

    clock.advance(61_000); // the dead process's locks have expired
    const r = await drainOutbox(options(store, resendMailer()));
    expect(r.sent).toBe(60 - sentBefore);
    expectExactlyOncePerOpd();
    expect((await outboxRows()).every((o) => o.status === "sent")).toBe(true);
  });

  it("a storm of 429s with retry-after delays sending but loses nothing, and the attempts are recorded", async () => {
    await plan(60);
    server.inject({ status: 429, times: 20, retryAfterSec: 2 });
    const opts = options(store, resendMailer());
    const rounds = await runToCompletion(opts);
    expect(rounds).toBeGreaterThan(1);
    expectExactlyOncePerOpd();
    const rows = await outboxRows();
    expect(rows.every((o) => o.status === "sent")).toBe(true);
    const limited = rows.reduce((n, o) => n + o.rate_limited, 0);
    expect(limited).toBe(20);
    // Each 429 is one recorded attempt on top of each row's successful one; untried rows handed back cost nothing.
    expect(rows.reduce((n, o) => n + o.attempts, 0)).toBe(60 + 20);
    expect(server.requests.filter((q) => q.status === 429)).toHaveLength(20);
    // Nothing was retried before its retry-after: the clock only moved to due times, 2 s apart.
    expect(new Date(clock.now()).getTime() - Date.parse(start)).toBeGreaterThanOrEqual(2000);
  });

  it("a 429 storm longer than the failure budget still fails nothing", async () => {
    await plan(3);
    server.inject({ status: 429, times: 30, retryAfterSec: 1 });
    await runToCompletion(options(store, resendMailer(), { retry: { maxAttempts: 2 } }), 200);
    expectExactlyOncePerOpd();
    expect((await outboxRows()).every((o) => o.status === "sent")).toBe(true);
  });

  it("never sends a letter withdrawn while its messages waited out a provider outage, nor re-sends it by hand", async () => {
    await plan(3);
    server.inject({ status: 503, times: 3 });
    const opts = options(store, resendMailer());
    expect(await processOutbox(opts)).toMatchObject({ sent: 0, retried: 3 });
    await store.db.updateTable("letters").set({ status: "withdrawn" }).where("id", "=", letter.letterId).execute();
    clock.advance(60 * 60_000);
    // The provider is back, but the rows of a withdrawn letter are not even claimed.
    expect(await drainOutbox(opts)).toMatchObject({ claimed: 0, sent: 0 });
    expect(server.delivered).toHaveLength(0);
    // Failed rows of a withdrawn letter cannot be re-sent by hand ...
    await store.db.updateTable("outbox").set({ status: "failed" }).where("kind", "=", "letter").execute();
    const [one] = await outboxRows();
    expect(await retryFailed(store, one!.id, clock.now())).toBe(false);
    await store.db.updateTable("letters").set({ status: "sent" }).where("id", "=", letter.letterId).execute();
    expect(await retryFailed(store, one!.id, clock.now())).toBe(true);
    // ... and a row claimed just before the withdrawal commits is cancelled by the builder instead of sent.
    const build = opts.build;
    const racing = options(store, resendMailer(), {
      build: async (row) => {
        // The withdrawal commits between the claim and the build.
        await store.db.updateTable("letters").set({ status: "withdrawn" }).where("id", "=", letter.letterId).execute();
        return build(row);
      },
    });
    expect(await processOutboxIds([one!.id], racing)).toMatchObject({ claimed: 1, sent: 0, cancelled: 1 });
    expect(server.delivered).toHaveLength(0);
  });

  it("retries 5xx with the deterministic backoff and then sends", async () => {
    const [first] = await plan(1);
    server.inject({ status: 503, times: 1 });
    server.inject({ status: 500, times: 1 });
    const opts = options(store, resendMailer());
    await processOutbox(opts);
    let row = (await outboxRows())[0]!;
    expect(row).toMatchObject({ id: first, status: "pending", attempts: 1, rate_limited: 0 });
    expect(row.last_error).toContain("503");
    expect(row.next_attempt_at).toBe(new Date(Date.parse(start) + 30_000).toISOString());
    // Not due yet: nothing happens.
    clock.advance(29_999);
    expect((await processOutbox(opts)).claimed).toBe(0);
    clock.advance(1);
    await processOutbox(opts);
    row = (await outboxRows())[0]!;
    expect(row.attempts).toBe(2);
    expect(row.next_attempt_at).toBe(new Date(Date.parse(start) + 30_000 + 60_000).toISOString());
    clock.advance(60_000);
    await processOutbox(opts);
    row = (await outboxRows())[0]!;
    expect(row).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    expectExactlyOncePerOpd();
  });

  it("marks a row failed with the reason after the last try", async () => {
    await plan(1);
    server.inject({ status: 500, times: 50 });
    await runToCompletion(options(store, resendMailer(), { retry: { maxAttempts: 4 } }));
    const row = (await outboxRows())[0]!;
    expect(row).toMatchObject({ status: "failed", attempts: 4 });
    expect(row.last_error).toMatch(/500 internal_server_error.*after 4 attempts/);
    const rec = await store.db.selectFrom("recipients").selectAll().executeTakeFirstOrThrow();
    expect(rec.status).toBe("failed");
    expect(server.delivered).toHaveLength(0);
  });

  it("fails a permanent 4xx at once, and retryFailed sends it after the address is fixed", async () => {
    await plan(5);
    const broken = await store.db
      .selectFrom("recipients")
      .select(["id", "email"])
      .where("opd_id", "=", "OPD-003")
      .executeTakeFirstOrThrow();
    await store.db.updateTable("recipients").set({ email: "bukan-alamat-email" }).where("id", "=", broken.id).execute();
    const opts = options(store, resendMailer());
    const r = await drainOutbox(opts);
    expect(r).toMatchObject({ sent: 4, failed: 1 });
    const failed = (await outboxRows()).find((o) => o.status === "failed")!;
    expect(failed.recipient_id).toBe(broken.id);
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain("422");
    expect(
      (await store.db.selectFrom("recipients").select("status").where("id", "=", broken.id).executeTakeFirstOrThrow())
        .status,
    ).toBe("failed");

    await store.db.updateTable("recipients").set({ email: broken.email }).where("id", "=", broken.id).execute();
    expect(await retryFailed(store, failed.id, clock.now())).toBe(true);
    expect(await retryFailed(store, failed.id, clock.now())).toBe(false); // already re-queued
    expect((await drainOutbox(opts)).sent).toBe(1);
    expectExactlyOncePerOpd();
    const rec = await store.db
      .selectFrom("recipients")
      .select("status")
      .where("id", "=", broken.id)
      .executeTakeFirstOrThrow();
    expect(rec.status).toBe("sent");
  });

  it("the Queue consumer entry sends only the ids it was given", async () => {
    const ids = await plan(6);
    const r = await processOutboxIds(ids.slice(0, 2), options(store, resendMailer()));
    expect(r.sent).toBe(2);
    expect(new Set(server.delivered.map((e) => e.idempotencyKey))).toEqual(new Set(ids.slice(0, 2)));
    // Sent rows are not sent again when their id comes round a second time.
    expect((await processOutboxIds(ids.slice(0, 2), options(store, resendMailer()))).claimed).toBe(0);
    expect(server.delivered).toHaveLength(2);
  });

  it("sends a reminder row the track side inserts, without touching the recipient's status", async () => {
    await plan(1);
    await drainOutbox(options(store, resendMailer()));
    const rec = await store.db.selectFrom("recipients").selectAll().executeTakeFirstOrThrow();
    clock.set("2024-10-09T02:00:00Z"); // past the 7 October deadline
    await store.db
      .insertInto("outbox")
      .values({
        id: "obx_reminder_1",
        recipient_id: rec.id,
        kind: "reminder",
        status: "pending",
        next_attempt_at: clock.now().toISOString(),
        created_at: clock.now().toISOString(),
      })
      .execute();
    await drainOutbox(options(store, resendMailer()));
    const reminder = server.delivered[1]!;
    expect(reminder.subject).toBe(`Melewati batas waktu: konfirmasi Surat Edaran Nomor ${letter.nomor}`);
    expect(reminder.attachments).toHaveLength(0);
    expect(reminder.text).toContain("telah terlewati");
    const after = await store.db.selectFrom("recipients").selectAll().executeTakeFirstOrThrow();
    expect(after.provider_message_id).toBe(rec.provider_message_id);
  });

  it("cancels a queued reminder when the OPD head acknowledged in the meantime, and sends nothing", async () => {
    await plan(1);
    await drainOutbox(options(store, resendMailer()));
    const rec = await store.db.selectFrom("recipients").selectAll().executeTakeFirstOrThrow();
    await store.db
      .insertInto("outbox")
      .values({
        id: "obx_reminder_2",
        recipient_id: rec.id,
        kind: "reminder",
        status: "pending",
        next_attempt_at: clock.now().toISOString(),
        created_at: clock.now().toISOString(),
      })
      .execute();
    await store.db
      .updateTable("recipients")
      .set({ acknowledged_at: clock.now().toISOString() })
      .where("id", "=", rec.id)
      .execute();
    const r = await drainOutbox(options(store, resendMailer()));
    expect(r).toMatchObject({ sent: 0, cancelled: 1, failed: 0 });
    expect(server.delivered).toHaveLength(1);
    const row = await store.db
      .selectFrom("outbox")
      .selectAll()
      .where("id", "=", "obx_reminder_2")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("cancelled");
    // A later round does not pick it up again.
    expect(await drainOutbox(options(store, resendMailer()))).toMatchObject({ claimed: 0 });
  });

  it("the Node loop sends when kicked and stop() waits for the round in flight", async () => {
    await plan(5);
    const loop = startOutboxLoop({ ...options(store, resendMailer()), intervalMs: 3_600_000 });
    loop.kick();
    await loop.stop();
    expectExactlyOncePerOpd();
    loop.kick(); // after stop: nothing runs
    expect(server.requests).toHaveLength(5);
  });

  it("backs off 30 s, 1 min, 2 min ... capped at an hour, never shorter than retry-after", () => {
    const p = defaultRetryPolicy;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, p))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, p)).toBe(3_600_000);
    expect(retryDelayMs(1, p, 90_000)).toBe(90_000);
  });
});

describe("outbox outcomes and crashes", () => {
  it("writes each outcome (sent, failed, cancelled) and its audit row in one atomic batch", async () => {
    await plan(3);
    await store.db
      .updateTable("recipients")
      .set({ email: "bukan-alamat-email" })
      .where("opd_id", "=", "OPD-003")
      .execute();
    const recording = recordingStore(store);
    expect(await drainOutbox(options(store, resendMailer(), { store: recording.store }))).toMatchObject({
      sent: 2,
      failed: 1,
    });
    // A reminder whose OPD head acknowledged meanwhile is cancelled.
    const rec = await store.db
      .selectFrom("recipients")
      .selectAll()
      .where("opd_id", "=", "OPD-001")
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto("outbox")
      .values({
        id: "obx_reminder_c",
        recipient_id: rec.id,
        kind: "reminder",
        status: "pending",
        next_attempt_at: start,
        created_at: start,
      })
      .execute();
    await store.db.updateTable("recipients").set({ acknowledged_at: start }).where("id", "=", rec.id).execute();
    expect(await drainOutbox(options(store, resendMailer(), { store: recording.store }))).toMatchObject({
      cancelled: 1,
    });

    const rows = await outboxRows();
    expect(rows.map((r) => r.status).sort()).toEqual(["cancelled", "failed", "sent", "sent"]);
    const mentions = (q: { parameters: unknown[] }, id: string) =>
      q.parameters.some((p) => p === id || (typeof p === "string" && p.includes(`"${id}"`)));
    for (const row of rows) {
      const batches = recording.batches.filter((b) =>
        b.some((q) => q.sql.startsWith('update "outbox"') && mentions(q, row.id)),
      );
      // One batch changed the row, and that same batch wrote its audit line.
      expect(batches, row.id).toHaveLength(1);
      expect(
        batches[0]!.some((q) => q.sql.startsWith('insert into "audit_log"') && mentions(q, row.id)),
        row.id,
      ).toBe(true);
    }
    const audits = await outcomeAudits();
    expect(audits.get("obx_reminder_c")).toEqual(["reminder.cancelled"]);
    expect([...audits.values()].flat().sort()).toEqual([
      "email.failed",
      "email.sent",
      "email.sent",
      "reminder.cancelled",
    ]);
    expect((await verifyAuditChain(store)).intact).toBe(true);
  });

  it("cancels a reminder queued before its letter was closed, and sends nothing for it", async () => {
    await plan(2);
    expect(await drainOutbox(options(store, resendMailer()))).toMatchObject({ sent: 2 });
    const rec = await store.db
      .selectFrom("recipients")
      .selectAll()
      .where("opd_id", "=", "OPD-001")
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto("outbox")
      .values({
        id: "obx_reminder_closed",
        recipient_id: rec.id,
        kind: "reminder",
        status: "pending",
        next_attempt_at: start,
        created_at: start,
      })
      .execute();
    await store.db.updateTable("letters").set({ status: "closed" }).where("id", "=", rec.letter_id).execute();
    expect(await drainOutbox(options(store, resendMailer()))).toMatchObject({ sent: 0, cancelled: 1 });
    expect(server.delivered).toHaveLength(2);
    const audits = await outcomeAudits();
    expect(audits.get("obx_reminder_closed")).toEqual(["reminder.cancelled"]);
  });

  it.each([
    ["sent", "email.sent"],
    ["failed", "email.failed"],
  ])("a sender killed right after recording a %s outcome has written its audit row with it", async (status, action) => {
    await plan(3);
    if (status === "failed") await store.db.updateTable("recipients").set({ email: "bukan-alamat-email" }).execute();
    const { how, stderr } = await runSender("after-outcome-write");
    expect(how, stderr).toBe("SIGKILL");
    const rows = await outboxRows();
    const done = rows.filter((r) => r.status !== "sending");
    expect(done.map((r) => r.status)).toEqual([status]);
    const audits = await outcomeAudits();
    expect(audits.get(done[0]!.id)).toEqual([action]);
    expect(audits.size).toBe(1);
    expect((await verifyAuditChain(store)).intact).toBe(true);
  });

  it("a sender killed at the mailer call leaves neither outcome nor audit row, and its claims are released at once", async () => {
    await plan(3);
    const { how, stderr } = await runSender("at-mailer");
    expect(how, stderr).toBe("SIGKILL");
    expect(server.delivered).toHaveLength(1);
    const mid = await outboxRows();
    expect(mid.every((r) => r.status === "sending" && /^node:/.test(r.claimed_by ?? ""))).toBe(true);
    expect((await outcomeAudits()).size).toBe(0);

    // The next start: the dead sender's claims are released with no time passing, and everything goes out.
    const self = nodeClaimant();
    expect(await releaseGoneClaims(store, clock.now(), (c) => isGoneClaimant(c, self))).toBe(3);
    expect(await drainOutbox(options(store, resendMailer(), { claimant: self }))).toMatchObject({ sent: 3 });
    expectExactlyOncePerOpd();
    const audits = await outcomeAudits();
    expect([...audits.values()]).toEqual([["email.sent"], ["email.sent"], ["email.sent"]]);
    // The message that had reached the provider went again under its key and was de-duplicated.
    expect(server.requests.filter((q) => q.status === 200)).toHaveLength(4);
  });

  it("leaves alone the claims of a sender that still runs, and of itself", () => {
    const self = nodeClaimant();
    expect(isGoneClaimant(self, self)).toBe(false);
    // The parent of this test process runs on this host.
    const parent = self.replace(/:\d+:([^:]+)$/, `:${process.ppid}:other`);
    expect(isGoneClaimant(parent, self)).toBe(false);
    // An earlier process that had this pid (a restarted container) is gone; so are unnamed (pre-0060) claims.
    expect(isGoneClaimant(self.replace(/:[^:]+$/, ":earlier"), self)).toBe(true);
    expect(isGoneClaimant(null, self)).toBe(true);
  });

  it("a server started after its sender was killed sends the claimed messages at once, not after the claim lock", async () => {
    await plan(5);
    await diskBlobStore(join(dir, "documents")).put(`letters/${letter.letterId}/signed.docx`, letter.docx, "x");
    const { how, stderr } = await runSender("none", 2);
    expect(how, stderr).toBe("SIGKILL");
    const claimed = (await outboxRows()).filter((r) => r.status === "sending").length;
    expect(claimed).toBeGreaterThan(0);

    // Configured as the killed sender was, so a message it had handed over is the same request again.
    const config = loadNodeConfig({
      DATA_DIR: dir,
      PUBLIC_URL: "https://edaran.example",
      ACK_SECRET: secret,
      MAIL_FROM: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
      PASSWORD_ITERATIONS: "1000",
      SEED_PASSWORD: "rahasia-uji-123",
    });
    const logged: string[] = [];
    // The clock stands still: nothing may wait for the dead sender's 60 s lock.
    const rt = await startNodeRuntime(config, { clock, mailer: resendMailer(), log: (l) => logged.push(l) });
    try {
      await rt.outbox.stop(); // waits for the round the start kicked
    } finally {
      await rt.close();
    }
    expect(
      (await outboxRows()).map((r) => r.status),
      logged.join("\n"),
    ).toEqual(Array(5).fill("sent"));
    expect(logged).toContain(`outbox: ${claimed} messages claimed by a sender that is gone are sent again now`);
    expectExactlyOncePerOpd();
  });
});
