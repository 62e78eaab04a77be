// Builds the whole Node runtime (SQLite file, documents on disk, key file, mailer, outbox loop,
// reminder timer) around createApp. node.ts serves it; tests and the benchmark start it in-process.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import type { AuditCheckRecord } from "../audit/audit-checks.js";
import { LATEST_CHECKPOINT_KEY } from "../audit/checkpoint-blobs.js";
import { runFullCheckSlice } from "../audit/full-check-job.js";
import { type FullCheckLoop, startFullCheckLoop } from "../audit/full-check-loop.js";
import { checkAuditInBackground } from "../audit/incremental-check.js";
import type { WriteCheckpointResult } from "../audit/write-checkpoint.js";
import { issueSetupLink } from "../auth/first-admin.js";
import { seedUsers } from "../auth/seed-users.js";
import { type Clock, systemClock } from "../domain/clock.js";
import { jsonLineLogger, type Logger } from "../domain/log-record.js";
import { createApp } from "../http/app.js";
import type { AppEnv, AppServices } from "../http/env.js";
import { memoryRateLimiters } from "../http/memory-rate-limiter.js";
import { registerPages } from "../http/pages/register-pages.js";
import { kotaBengkuluProfile, seedPemdaProfile } from "../pemda/seed-pemda-profile.js";
import { resvgRasteriser } from "../pemda/svg-rasteriser.js";
import { logoPng } from "../render/logo-png.generated.js";
import { createEmlMailer } from "../send/eml-mailer.js";
import type { Mailer } from "../send/mailer.js";
import { createMessageBuilder } from "../send/message-builder.js";
import { type OutboxLoop, releaseGoneClaims, startOutboxLoop } from "../send/outbox-worker.js";
import { createResendMailer } from "../send/resend-mailer.js";
import { bsreClient } from "../sign/bsre/bsre-client.js";
import { bsreLetterPdfSigner } from "../sign/bsre/bsre-letter-pdf-signer.js";
import { auditCheckpointDeps } from "../sign/checkpoint-keys.js";
import { keyFileSource } from "../sign/key-file.js";
import type { LocalCaDeps } from "../sign/local-ca/local-ca-deps.js";
import { ooxmlSignerFileSource } from "../sign/ooxml/ooxml-signer-file.js";
import { localCaLetterPdfSigner } from "../sign/signed-pdf-letter.js";
import { signingKeyRepo } from "../sign/signing-key-repo.js";
import { seedSampleSigner } from "../signer/seed-signer.js";
import { diskBlobStore } from "../store/disk-blob-store.js";
import { listOpds } from "../store/opd-repo.js";
import { seedReferenceData } from "../store/seed.js";
import { openSqliteStore, type SqliteStore } from "../store/sqlite-store.js";
import { runReminders } from "../track/reminders.js";
import { jobNotes, loggedJob } from "./job-log.js";
import { isGoneClaimant, nodeClaimant } from "./node-claimant.js";
import type { NodeConfig } from "./node-config.js";

export interface NodeRuntime {
  app: Hono<AppEnv>;
  services: AppServices;
  store: SqliteStore;
  outbox: OutboxLoop;
  /** Runs one reminder round now (the timer calls the same). */
  remind(): Promise<{ reminded: number; overdueMarked: number }>;
  /** Writes the next signed audit checkpoint now, if there are new rows (the timer calls the same). */
  checkpointAudit(): Promise<WriteCheckpointResult>;
  /** Runs one slice of the running full audit re-check job now (the background loop calls the same). */
  auditCheckSlice(opts?: { maxRows?: number; pageSize?: number }): Promise<AuditCheckRecord | null>;
  /** While no admin has a password: this start's one-time link to make the first admin (print it once). */
  setupUrl: string | null;
  close(): Promise<void>;
}

const CHECKPOINT_INTERVAL_MS = 60_000;
/** How often the loop looks for a full re-check job when none runs (one indexed read). */
const FULL_CHECK_IDLE_MS = 2_000;

export interface NodeRuntimeOptions {
  clock?: Clock;
  /** Replaces the configured mailer (tests point the real Resend SDK at a local server this way too). */
  mailer?: Mailer;
  log?: (line: string) => void;
  /** Where the one record per request and per job goes (default: a JSON line on stdout). */
  logger?: Logger;
  /** Start the outbox loop and reminder timer (default true). */
  background?: boolean;
}

export async function startNodeRuntime(config: NodeConfig, opts: NodeRuntimeOptions = {}): Promise<NodeRuntime> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((line: string) => console.log(line));
  const logger = opts.logger ?? jsonLineLogger((line) => process.stdout.write(`${line}\n`));
  const store = openSqliteStore(join(config.dataDir, "edaran.sqlite"));
  const now = clock.now();

  await seedReferenceData(store, now.toISOString());
  await seedUsers(store, {
    ...(config.seedPassword ? { password: config.seedPassword } : {}),
    now,
    opds: await listOpds(store),
    iterations: config.passwordIterations,
  });
  await seedSampleSigner(store, now);

  const keys = keyFileSource({ dir: join(config.dataDir, "keys"), clock });
  const current = await keys.current();
  const keyRepo = signingKeyRepo(store);
  await keyRepo.register({
    kid: current.kid,
    alg: current.alg,
    publicJwk: current.publicJwk,
    createdAt: await keys.currentCreatedAt(),
  });
  // Keys rotated out since the last start: publish them as retired (they keep verifying what they signed).
  for (const old of await keys.retired()) {
    await keyRepo.register(old);
    await keyRepo.retire(old.kid, old.retiredAt);
  }

  const blobs = diskBlobStore(join(config.dataDir, "documents"));
  // The bundled lambang goes into the document store once, with profile version 1; later lambangs are uploads.
  await seedPemdaProfile({ store, blobs, clock }, { profile: kotaBengkuluProfile, lambangPng: logoPng });
  const mailer: Mailer =
    opts.mailer ??
    (config.resend
      ? createResendMailer({
          apiKey: config.resend.apiKey,
          ...(config.resend.baseUrl ? { baseUrl: config.resend.baseUrl } : {}),
          ...(config.resend.requestsPerSecond ? { requestsPerSecond: config.resend.requestsPerSecond } : {}),
        })
      : createEmlMailer({ dir: join(config.dataDir, "outbox"), clock, log }));

  const build = createMessageBuilder({
    store,
    blobs,
    clock,
    ackSecret: config.ackSecret,
    from: config.mailFrom,
    ackUrl: (token) => `${config.publicUrl}/tanda-terima/${token}`,
    verifyUrl: (letterId) => `${config.publicUrl}/v/${letterId}`,
  });
  // Messages a killed sender had claimed go out now, not after its claim lock (see isGoneClaimant for
  // which claims count as gone); the idempotency key makes re-sending one that reached the provider safe.
  const claimant = nodeClaimant();
  const released = await releaseGoneClaims(store, clock.now(), (c) => isGoneClaimant(c, claimant));
  if (released) log(`outbox: ${released} messages claimed by a sender that is gone are sent again now`);

  const background = opts.background ?? true;
  const outboxNotes = jobNotes();
  // Without background work (tests, the benchmark) nothing sends by itself; callers drive the outbox.
  const outbox: OutboxLoop = background
    ? startOutboxLoop({
        store,
        mailer,
        clock,
        build,
        // A failed send's line goes into its round's record.
        log: outboxNotes.add,
        round: (drain) =>
          loggedJob(logger, "outbox", drain, (r) => {
            const notes = outboxNotes.take();
            if (!r.claimed && !notes) return null;
            return {
              outcome: r.failed ? "problem" : "ok",
              counts: { claimed: r.claimed, sent: r.sent, retried: r.retried, failed: r.failed },
              summary: `outbox: sent ${r.sent}, retrying ${r.retried}, failed ${r.failed}`,
              ...(notes ? { notes } : {}),
            };
          }),
        intervalMs: config.outboxIntervalMs,
        lockMs: config.outboxClaimSeconds * 1000,
        claimant,
      })
    : { kick: () => {}, stop: async () => {} };
  // What was due before the start (and what was just released) goes out now rather than on the first tick.
  outbox.kick();

  // The CA key sits beside the signing key, in a 0600 file made at first start.
  const localCa: LocalCaDeps = {
    store,
    clock,
    caKey: keyFileSource({ dir: join(config.dataDir, "keys"), clock, alg: "ECDSA-P256", fileName: "ca-key.json" }),
  };
  const services: AppServices = {
    store,
    clock,
    config: {
      publicUrl: config.publicUrl,
      sessionSecret: config.sessionSecret,
      ackSecret: config.ackSecret,
      passwordIterations: config.passwordIterations,
      reminderIntervalHours: config.reminderIntervalHours,
      devRoutes: config.devRoutes,
      trustProxy: config.trustProxy,
      ...(config.webhookSecret ? { webhookSecret: config.webhookSecret } : {}),
    },
    blobs,
    keys,
    ooxml: ooxmlSignerFileSource({
      dir: join(config.dataDir, "keys"),
      clock,
      subject: {
        commonName: "Pemerintah Kota Bengkulu (edaran)",
        organization: "Pemerintah Kota Bengkulu",
        country: "ID",
      },
    }),
    // Kept with BSrE too: the letters the local CA signed before stay verifiable.
    localCa,
    pdfSigner: config.bsre ? bsreLetterPdfSigner(bsreClient(config.bsre)) : localCaLetterPdfSigner(localCa),
    ...(config.bsreRoots ? { bsreRoots: config.bsreRoots } : {}),
    // In-process queue: the rows are already in the outbox table; this only starts a round now.
    sendQueue: { enqueue: async () => outbox.kick() },
    rateLimiters: memoryRateLimiters(clock),
    rasteriseSvg: resvgRasteriser(() =>
      readFile(fileURLToPath(import.meta.resolve("@resvg/resvg-wasm/index_bg.wasm"))),
    ),
  };
  // A slice reads at most 5,000 rows in pages of 500 and yields between pages, so requests go on meanwhile.
  const auditCheckSlice = (sliceOpts: { maxRows?: number; pageSize?: number } = {}) =>
    loggedJob(
      logger,
      "audit-full-check",
      () => runFullCheckSlice(auditCheckpointDeps(services), sliceOpts),
      (job) =>
        job && {
          outcome: job.status === "running" || job.status === "intact" ? "ok" : "problem",
          counts: { headSeq: job.headSeq },
          summary: `full audit check ${job.status} at #${job.headSeq}`,
        },
    );
  const fullCheckLoop: FullCheckLoop | null = background
    ? startFullCheckLoop(() => auditCheckSlice(), {
        idleMs: FULL_CHECK_IDLE_MS,
        // The slice's own job record has logged the failure.
        log: () => {},
      })
    : null;
  if (fullCheckLoop) services.auditJobs = fullCheckLoop;
  const app = createApp(services, { pages: registerPages, logger });
  // A new link on each start (the last one is void) until the first admin has used one.
  const setup = await issueSetupLink(services);
  const setupUrl = setup ? `${config.publicUrl}/pasang/${setup.token}` : null;

  const remind = () =>
    loggedJob(
      logger,
      "reminders",
      async () => {
        // One SQLite file takes a bigger round than a D1 tick; what is left is still due at the next timer.
        const r = await runReminders(store, clock, { intervalHours: config.reminderIntervalHours, limit: 2000 });
        if (r.outboxIds.length) await services.sendQueue.enqueue(r.outboxIds);
        return r;
      },
      (r) => ({
        counts: { reminded: r.reminded, escalated: r.escalated, overdueMarked: r.overdueMarked },
        summary: `${r.reminded} reminders queued, ${r.escalated} escalated${r.more ? " (more next round)" : ""}, ${r.overdueMarked} marked overdue`,
      }),
    );
  const reminderTimer = background
    ? setInterval(() => {
        // loggedJob has logged the failure; the next timer tries again.
        remind().catch(() => {});
      }, config.reminderCheckMinutes * 60_000)
    : null;
  reminderTimer?.unref();

  // Checkpoints soon after every change: a round with no new rows reads one file and one row (and logs nothing).
  const checkpointAudit = () =>
    loggedJob(
      logger,
      "audit-check",
      async () => (await checkAuditInBackground(auditCheckpointDeps(services))).checkpoint,
      (r) => {
        if (r.status === "unchanged") return null;
        if (r.status === "broken")
          return {
            outcome: "problem",
            summary: `AUDIT CHAIN BROKEN at #${r.break.firstBadSeq} (${r.break.reason}); no checkpoint written`,
          };
        if (r.status === "differs")
          return {
            outcome: "problem",
            summary: `AUDIT CHAIN DIFFERS from the signed checkpoint at #${r.checkpoint.seq}; the chain check names the row`,
          };
        if (r.status === "refused")
          return {
            outcome: "problem",
            summary: `AUDIT CHECKPOINT REFUSED (${r.problem}): ${LATEST_CHECKPOINT_KEY} in the document store is not ours`,
          };
        return { counts: { seq: r.checkpoint.seq }, summary: `audit checkpoint written at #${r.checkpoint.seq}` };
      },
    );
  // close() waits for a round under way, so it never writes after the store closed.
  let checkpointRound: Promise<unknown> = Promise.resolve();
  const runCheckpoint = () => {
    // loggedJob has logged the failure; the next timer tries again.
    checkpointRound = checkpointAudit().catch(() => {});
  };
  if (background) runCheckpoint();
  const checkpointTimer = background ? setInterval(runCheckpoint, CHECKPOINT_INTERVAL_MS) : null;
  checkpointTimer?.unref();

  return {
    app,
    services,
    store,
    outbox,
    remind,
    checkpointAudit,
    auditCheckSlice,
    setupUrl,
    async close() {
      if (reminderTimer) clearInterval(reminderTimer);
      if (checkpointTimer) clearInterval(checkpointTimer);
      await checkpointRound;
      await fullCheckLoop?.stop();
      await outbox.stop();
      await store.close();
    },
  };
}
