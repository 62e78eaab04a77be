// Cloudflare Workers entry point: the HTTP app, the Queue consumer that sends outbox rows through
// Resend, and the Cron Trigger that queues reminders, sweeps whatever is still pending and writes the audit
// checkpoint.
// Services are built once per isolate in worker-services.ts.
import type { ExecutionContext } from "hono";
import { runFullCheckSlice } from "../audit/full-check-job.js";
import { checkAuditInBackground } from "../audit/incremental-check.js";
import { type Clock, fixedClock, systemClock } from "../domain/clock.js";
import { jsonLineLogger } from "../domain/log-record.js";
import { errorJson } from "../http/errors.js";
import { requestIdOf } from "../http/request-log.js";
import { drainOutbox, processOutboxIds } from "../send/outbox-worker.js";
import { auditCheckpointDeps } from "../sign/checkpoint-keys.js";
import { chunkIn } from "../store/chunk-rows.js";
import { runReminders } from "../track/reminders.js";
import { type JobReport, jobNotes, loggedJob } from "./job-log.js";
import { localPublicUrlProblem } from "./public-url-guard.js";
import { enqueueOutboxIds, type WorkerEnv, workerMailer, workerRuntime } from "./worker-services.js";

// Workers Logs and `wrangler tail` read a JSON console line as structured fields.
const logger = jsonLineLogger((line) => console.log(line));

export type { WorkerEnv } from "./worker-services.js";

/** The parts of Workers' ExecutionContext, MessageBatch and ScheduledController used here. */
export type ExecutionContextLike = ExecutionContext;
export interface QueueMessageLike {
  body: unknown;
}
export interface MessageBatchLike {
  queue: string;
  messages: readonly QueueMessageLike[];
  ackAll(): void;
  retryAll(options?: { delaySeconds?: number }): void;
}
export interface ScheduledControllerLike {
  scheduledTime: number;
  cron: string;
}

async function handleFetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
  const publicUrlProblem = localPublicUrlProblem(env.PUBLIC_URL, request.url);
  if (publicUrlProblem) {
    console.error(`edaran: refusing requests: ${publicUrlProblem}`);
    return Response.json(errorJson("not_ready", "Layanan belum siap; PUBLIC_URL belum diatur"), { status: 503 });
  }
  let rt: Awaited<ReturnType<typeof workerRuntime>>;
  try {
    rt = await workerRuntime(env);
  } catch (err) {
    // A missing secret or unmigrated D1: say so in the log, answer in the API's error shape, no stack.
    const requestId = requestIdOf(request.headers);
    logger.line({
      kind: "request",
      requestId,
      method: request.method,
      route: "(start-up)",
      status: 503,
      durationMs: 0,
      dbCalls: 0,
      error: { code: "not_ready", message: `start-up failed: ${err instanceof Error ? err.message : String(err)}` },
    });
    return Response.json(errorJson("not_ready", "Layanan belum siap; periksa konfigurasi server"), {
      status: 503,
      headers: { "X-Request-Id": requestId },
    });
  }
  return rt.app.fetch(request, env, ctx);
}

/** Outbox ids from the messages; bodies that are not ids (never sent by this app) are dropped. */
function outboxIds(batch: MessageBatchLike): string[] {
  const ids = batch.messages.map((m) => m.body).filter((b): b is string => typeof b === "string" && b.length > 0);
  return [...new Set(ids)];
}

/** Re-queues the batch's rows still waiting (backoff, 429), each with the delay until it is due. */
async function requeuePending(env: WorkerEnv, ids: readonly string[], clock: Clock): Promise<number> {
  const rt = await workerRuntime(env);
  if (ids.length === 0) return 0;
  const rows: { id: string; next_attempt_at: string }[] = [];
  // A batch holds up to 100 ids; with the status that would be 101 bound parameters, over D1's 100.
  for (const part of chunkIn(ids, 1)) {
    rows.push(
      ...(await rt.store.db
        .selectFrom("outbox")
        .select(["id", "next_attempt_at"])
        .where("id", "in", part)
        .where("status", "=", "pending")
        .execute()),
    );
  }
  const now = clock.now().getTime();
  const byDelay = new Map<number, string[]>();
  for (const row of rows) {
    const delay = Math.max(0, Math.ceil((Date.parse(row.next_attempt_at) - now) / 1000));
    byDelay.set(delay, [...(byDelay.get(delay) ?? []), row.id]);
  }
  for (const [delay, group] of byDelay) await enqueueOutboxIds(env.SEND_QUEUE, group, delay);
  return rows.length;
}

async function handleQueue(batch: MessageBatchLike, env: WorkerEnv): Promise<void> {
  const rt = await workerRuntime(env);
  const ids = outboxIds(batch);
  const notes = jobNotes();
  await loggedJob(
    logger,
    "queue",
    async () => {
      const mailer = workerMailer(rt.settings);
      // The rows stay pending in the outbox; the cron sweep sends them once RESEND_API_KEY is set.
      if (!mailer) return null;
      const clock = systemClock;
      // A throw (e.g. D1 unavailable) leaves the messages unacked, so the Queue retries the whole batch.
      const result = await processOutboxIds(ids, {
        store: rt.store,
        mailer,
        clock,
        build: rt.builder(clock),
        log: notes.add,
        ...rt.outbox,
      });
      // The outbox row is the truth; the message only said "look now". Rows that must wait go back with a delay.
      const requeued = result.nextDueAt || result.claimed < ids.length ? await requeuePending(env, ids, clock) : 0;
      return { ...result, requeued };
    },
    (r): JobReport => {
      const taken = notes.take();
      if (!r)
        return {
          outcome: "problem",
          counts: { messages: ids.length },
          summary: `RESEND_API_KEY is not set; ${ids.length} outbox rows left pending`,
        };
      return {
        outcome: r.failed ? "problem" : "ok",
        counts: {
          messages: ids.length,
          claimed: r.claimed,
          sent: r.sent,
          retried: r.retried,
          failed: r.failed,
          requeued: r.requeued,
        },
        summary: `queue ${batch.queue}: ${ids.length} messages, sent ${r.sent}, retrying ${r.retried}, failed ${r.failed}, requeued ${r.requeued}`,
        ...(taken ? { notes: taken } : {}),
      };
    },
  );
  batch.ackAll();
}

const FULL_CHECK_ROWS_PER_TICK = 10_000;
const WORKER_REMINDERS_PER_TICK = 200;
// The sweep sends at most 300 rows a tick (three rounds of 100, about 15 D1 calls each); a backlog beyond that
// (the queue is down) goes on at the next tick, each row still due and claimed once.
const SWEEP_ROWS_PER_ROUND = 100;
const SWEEP_ROUNDS_PER_TICK = 3;

async function handleScheduled(controller: ScheduledControllerLike, env: WorkerEnv): Promise<void> {
  const rt = await workerRuntime(env);
  const notes = jobNotes();
  await loggedJob(
    logger,
    "cron",
    () => cronTick(controller, env, rt, notes.add),
    (t) => {
      const { reminders, checkpoint, job } = t;
      const taken = notes.take();
      return {
        outcome:
          checkpoint.status === "broken" || checkpoint.status === "differs" || checkpoint.status === "refused"
            ? "problem"
            : "ok",
        counts: {
          reminded: reminders.reminded,
          escalated: reminders.escalated,
          overdueMarked: reminders.overdueMarked,
          ...(t.sweep ? { swept: t.sweep.claimed, sent: t.sweep.sent, failed: t.sweep.failed } : {}),
        },
        summary: `cron ${controller.cron}: ${reminders.reminded} reminders queued, ${reminders.escalated} escalated${reminders.more ? " (more next tick)" : ""}, ${reminders.overdueMarked} marked overdue, audit checkpoint ${auditSummary(checkpoint)}${job ? `, full audit check ${job.status} at #${job.headSeq}` : ""}`,
        ...(taken ? { notes: taken } : {}),
      };
    },
  );
}

type Checkpoint = Awaited<ReturnType<typeof checkAuditInBackground>>["checkpoint"];

/** The checkpoint's status, and for a problem what an operator must look at. */
function auditSummary(checkpoint: Checkpoint): string {
  if (checkpoint.status === "broken") return `BROKEN at #${checkpoint.break.firstBadSeq} (${checkpoint.break.reason})`;
  if (checkpoint.status === "differs") return `DIFFERS from the signed checkpoint at #${checkpoint.checkpoint.seq}`;
  if (checkpoint.status === "refused") return `REFUSED (${checkpoint.problem}): the one in R2 is not ours`;
  return checkpoint.status;
}

async function cronTick(
  controller: ScheduledControllerLike,
  env: WorkerEnv,
  rt: Awaited<ReturnType<typeof workerRuntime>>,
  note: (line: string) => void,
) {
  // The trigger's own time is "now", so a run that starts late still judges deadlines by its schedule.
  const clock = fixedClock(new Date(controller.scheduledTime));
  // 200 recipients a tick (10 batches of 20) keeps one cron run within D1's per-invocation budget; the rest are
  // still due at the next tick.
  const reminders = await runReminders(rt.store, clock, {
    intervalHours: rt.settings.REMINDER_INTERVAL_HOURS,
    limit: WORKER_REMINDERS_PER_TICK,
  });
  if (reminders.outboxIds.length) await enqueueOutboxIds(env.SEND_QUEUE, reminders.outboxIds);
  const mailer = workerMailer(rt.settings);
  // The sweep catches rows whose queue message was lost; rows the queue is sending right now are locked.
  const sweep = mailer
    ? await drainOutbox({
        store: rt.store,
        mailer,
        clock,
        build: rt.builder(clock),
        log: note,
        ...rt.outbox,
        batchSize: SWEEP_ROWS_PER_ROUND,
        maxRounds: SWEEP_ROUNDS_PER_TICK,
      })
    : null;
  // A signed checkpoint of the audit chain head in R2, outside D1 (reads only the rows since the last one).
  const auditDeps = auditCheckpointDeps({ ...rt.services, clock });
  const { checkpoint } = await checkAuditInBackground(auditDeps);
  // One slice of a full re-check job, if one runs: 20 pages of 500 rows, well inside the tick's D1 budget; the
  // next tick resumes from the position it stored.
  const job = await runFullCheckSlice(auditDeps, { pageSize: 500, maxRows: FULL_CHECK_ROWS_PER_TICK });
  return { reminders, sweep, checkpoint, job };
}

export default { fetch: handleFetch, queue: handleQueue, scheduled: handleScheduled };
