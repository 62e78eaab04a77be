// Drains the outbox: claim due rows, build each message, send it with the row id as idempotency key,
// record the outcome. Safe to run in several places at once and to be killed at any point: a claimed
// row whose worker died is taken over when its lock expires (or at once, when a restart releases the
// claims of a dead instance) and re-sent with the same key, which the provider de-duplicates, so every
// recipient gets each message exactly once. Each outcome (sent, failed, cancelled) and its audit row are
// one atomic batch: a kill leaves both or neither.

import type { Compilable } from "kysely";
import { AuditStepGuardFailed, atomicStepsWithAudit } from "../audit/audit-batch.js";
import { type AuditEntry, atomicWithAudit } from "../audit/audit-log.js";
import type { Clock } from "../domain/clock.js";
import { chunkIn } from "../store/chunk-rows.js";
import type { Store } from "../store/store.js";
import { type BatchOutcome, MAX_BATCH, type Mailer, type OutgoingEmail, type SendOutcome } from "./mailer.js";
import {
  batchKeyQueries,
  byClaimOrder,
  cancelledQueries,
  claimDue,
  failedQueries,
  listClaimants,
  type OutboxRow,
  releaseClaimsOf,
  releaseQuery,
  retryQuery,
  sentQueries,
} from "./outbox-repo.js";

/**
 * Builds the email of a row (letter or reminder); null means the message is no longer wanted (e.g. a reminder
 * after acknowledgement), throwing counts as a retryable failure.
 */
export interface MessageBuilder {
  (row: OutboxRow): Promise<OutgoingEmail | null>;
  /**
   * Reads what a round's rows need in a few statements (a queue batch within D1's call budget) and answers the
   * builder for those rows.
   */
  prefetch?(rows: readonly OutboxRow[]): Promise<(row: OutboxRow) => Promise<OutgoingEmail | null>>;
}

export interface RetryPolicy {
  /** Failed attempts (429s excluded) before a row is marked failed. */
  maxAttempts: number;
  /** Delay after the first failure; doubles each time. No jitter, so the schedule is predictable. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A row answered 429 this many times is failed anyway, so a stuck provider cannot loop forever. */
  maxRateLimited: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  maxRateLimited: 200,
};

export interface ProcessOptions {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  build: MessageBuilder;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Sends in flight at once within a round. */
  concurrency?: number;
  /** How long a claim holds before another worker may take the row over; longer than one send. */
  lockMs?: number;
  /** This sender instance, written on each row it claims (see releaseClaimsOf). */
  claimant?: string;
  retry?: Partial<RetryPolicy>;
  /**
   * Outcomes of messages sent alone (with attachments) written together once this many wait; 1 (the default)
   * writes each at once, so a kill re-sends only the messages in flight. On D1 every write costs calls against the
   * invocation's budget (a queue batch of 100 attachments would cost 300), so the Worker writes them 20 at a time:
   * a kill then re-sends up to 20 more, under the same per-row keys, which the provider answers without
   * delivering again (Resend keeps a key 24 hours).
   */
  settleAloneEvery?: number;
  log?: (line: string) => void;
}

export interface ProcessResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Claimed but handed back untried because the provider asked to slow down. */
  released: number;
  /** Built as null (no longer wanted) and closed without sending. */
  cancelled: number;
  /** Earliest time a row of this round is due again, for a Queue consumer's delay; null when none. */
  nextDueAt: Date | null;
}

/** Deterministic backoff for the n-th failure (1-based), stretched to what the provider asked for. */
export function retryDelayMs(failures: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.max(exp, retryAfterMs ?? 0);
}

/** Delay after the n-th 429: what retry-after said, else 1 s doubling up to a minute. */
export function rateLimitDelayMs(rateLimited: number, retryAfterMs?: number): number {
  return retryAfterMs ?? Math.min(60_000, 1000 * 2 ** Math.max(0, rateLimited - 1));
}

function isRateLimit(outcome: SendOutcome): boolean {
  return !outcome.ok && outcome.retryable && outcome.rateLimited === true;
}

async function processRows(rows: OutboxRow[], opts: ProcessOptions, policy: RetryPolicy): Promise<ProcessResult> {
  const { store, mailer, clock, build } = opts;
  const result: ProcessResult = {
    claimed: rows.length,
    sent: 0,
    retried: 0,
    failed: 0,
    released: 0,
    cancelled: 0,
    nextDueAt: null,
  };
  const noteDue = (at: Date) => {
    if (!result.nextDueAt || at < result.nextDueAt) result.nextDueAt = at;
  };
  // Once the provider says 429, the rest of this round waits instead of hammering it.
  const pause: { until: Date | null } = { until: null };

  // Outcomes wait here and are written together (flush): a round of 100 rows costs a few D1 calls, not 300. A kill
  // before a flush leaves those rows claimed; the next claim re-sends them under the same keys, which the provider
  // answers without delivering again.
  const settlements: Settlement[] = [];
  const plain: Compilable[] = [];

  function hold(row: OutboxRow, until: Date): void {
    plain.push(releaseQuery(store, row, until));
    result.released += 1;
    noteDue(until);
  }

  async function flush(): Promise<void> {
    const queries = plain.splice(0);
    const done = settlements.splice(0);
    if (queries.length) await store.atomic(queries);
    if (done.length) await settleAll(opts, done);
  }

  /** The row's email; null when it was settled here (cancelled) or its build failed (recorded as a retry). */
  async function prepare(row: OutboxRow): Promise<OutgoingEmail | null> {
    try {
      const msg = await buildRow(row);
      if (msg === null) {
        settlements.push({
          row,
          queries: cancelledQueries(store, row),
          action: row.kind === "reminder" ? "reminder.cancelled" : "email.cancelled",
          data: {},
        });
        result.cancelled += 1;
      }
      return msg;
    } catch (err) {
      record(row, {
        ok: false,
        retryable: true,
        error: `build: ${err instanceof Error ? err.message : String(err)}`,
      });
      return null;
    }
  }

  async function sendOne(row: OutboxRow, msg: OutgoingEmail): Promise<void> {
    if (pause.until) {
      hold(row, pause.until);
      return;
    }
    let outcome: SendOutcome;
    try {
      outcome = await mailer.send(msg, { idempotencyKey: row.id });
    } catch (err) {
      outcome = { ok: false, retryable: true, error: `send: ${err instanceof Error ? err.message : String(err)}` };
    }
    record(row, outcome);
    // See ProcessOptions.settleAloneEvery.
    if (settlements.length + plain.length >= (opts.settleAloneEvery ?? 1)) await flush();
  }

  /**
   * Up to MAX_BATCH messages in one provider call under a key derived from their row ids: a crash before the
   * outcomes are written leaves the rows claimed, the next claim takes the same rows in the same order, and the
   * same key makes the provider replay its answer instead of delivering again. A refusal of the call (4xx: one
   * invalid message fails the whole strict batch) is not held against the others: each is then sent alone under
   * its own key and gets its own outcome. A 409 for the key (used before with another body) may mean the batch
   * went out already, so those rows fail for a person to look at rather than risk a second copy.
   */
  async function sendChunk(chunk: { row: OutboxRow; msg: OutgoingEmail }[]): Promise<void> {
    const send = mailer.sendBatch?.bind(mailer);
    if (!send) {
      for (const c of chunk) await sendOne(c.row, c.msg);
      return;
    }
    const paused = pauseUntil(pause);
    if (paused) {
      for (const c of chunk) hold(c.row, paused);
      return;
    }
    // A chunk taken over after a crash carries the key it went out under; a new one is keyed and the key noted on
    // its rows before the call, so whoever sends these rows next sends them together under it.
    const stored = chunk[0]?.row.batch_key ?? null;
    const key = stored ?? (await batchKey(chunk.map((c) => c.row.id)));
    if (!stored)
      await store.atomic(
        batchKeyQueries(
          store,
          chunk.map((c) => c.row.id),
          key,
        ),
      );
    let outcome: BatchOutcome;
    try {
      outcome = await send(
        chunk.map((c) => ({ msg: c.msg, idempotencyKey: c.row.id })),
        { idempotencyKey: key },
      );
    } catch (err) {
      outcome = { ok: false, retryable: true, error: `send: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (outcome.ok) {
      for (const [i, c] of chunk.entries()) {
        const providerId = outcome.providerIds[i];
        record(c.row, providerId ? { ok: true, providerId } : { ok: false, retryable: true, error: "batch: no id" });
      }
      return flush();
    }
    if (outcome.retryable || outcome.error.includes("invalid_idempotent_request")) {
      for (const c of chunk) record(c.row, outcome);
      return flush();
    }
    opts.log?.(`outbox: batch of ${chunk.length} refused (${outcome.error}); sending each alone`);
    for (const c of chunk) await sendOne(c.row, c.msg);
  }

  /** Notes the outcome of a row for the next flush. */
  function record(row: OutboxRow, outcome: SendOutcome): void {
    const now = clock.now();
    if (outcome.ok) {
      settlements.push({
        row,
        queries: sentQueries(store, row, outcome.providerId, now),
        action: row.kind === "reminder" ? "reminder.sent" : "email.sent",
        data: { providerId: outcome.providerId },
      });
      result.sent += 1;
      return;
    }
    if (!outcome.retryable) {
      settlements.push({
        row,
        queries: failedQueries(store, row, outcome.error),
        action: "email.failed",
        data: { error: outcome.error },
      });
      result.failed += 1;
      opts.log?.(`outbox ${row.id}: failed: ${outcome.error}`);
      return;
    }
    if (outcome.held) {
      // Handed back untried, like the rest of a round after a 429.
      const until = new Date(now.getTime() + (outcome.retryAfterMs ?? 1000));
      const paused = pauseUntil(pause);
      if (!paused || until > paused) pause.until = until;
      hold(row, until);
      return;
    }
    const rateLimited = isRateLimit(outcome);
    const limitedCount = row.rate_limited + (rateLimited ? 1 : 0);
    const failures = row.attempts - limitedCount;
    if (failures >= policy.maxAttempts || limitedCount >= policy.maxRateLimited) {
      settlements.push({
        row,
        queries: failedQueries(store, row, `${outcome.error} (after ${row.attempts} attempts)`),
        action: "email.failed",
        data: { error: outcome.error, attempts: row.attempts },
      });
      result.failed += 1;
      opts.log?.(`outbox ${row.id}: failed after ${row.attempts} attempts: ${outcome.error}`);
      return;
    }
    const delay = rateLimited
      ? rateLimitDelayMs(limitedCount, outcome.retryAfterMs)
      : retryDelayMs(failures, policy, outcome.retryAfterMs);
    const next = new Date(now.getTime() + delay);
    // Another send of this round may have set the pause meanwhile.
    const paused = pauseUntil(pause);
    if (rateLimited && (!paused || next > paused)) pause.until = next;
    plain.push(retryQuery(store, row, next, outcome.error, rateLimited));
    result.retried += 1;
    noteDue(next);
  }

  // Build every message first (in parallel), then send: those without files go in batches, the rest alone.
  const built: ({ row: OutboxRow; msg: OutgoingEmail } | null)[] = new Array(rows.length).fill(null);
  const buildRow = build.prefetch ? await build.prefetch(rows) : build;
  await pool(
    rows.map((row, i) => ({ row, i })),
    opts.concurrency ?? 4,
    async ({ row, i }) => {
      const msg = await prepare(row);
      if (msg) built[i] = { row, msg };
    },
  );
  const ready = built.filter((b) => b !== null);
  const batchable = mailer.sendBatch ? ready.filter((b) => !b.msg.attachments?.length) : [];
  const alone = ready.filter((b) => !batchable.includes(b));
  const chunks = batchChunks(batchable);
  // Cancellations and failed builds first, so a kill while sending does not build those again.
  await flush();
  await Promise.all([
    pool(chunks, opts.concurrency ?? 4, sendChunk),
    pool(alone, opts.concurrency ?? 4, (b) => sendOne(b.row, b.msg)),
  ]);
  await flush();
  return result;
}

/**
 * The round's batches: rows that went out in a batch before (a crash cut it off) together again under its key, in
 * claim order, so the provider sees the same call; the other rows in slices of MAX_BATCH.
 */
export function batchChunks<T extends { row: Pick<OutboxRow, "id" | "batch_key"> }>(items: readonly T[]): T[][] {
  const byKey = new Map<string, T[]>();
  const fresh: T[] = [];
  for (const item of items) {
    const key = item.row.batch_key;
    if (key === null) fresh.push(item);
    else byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  const chunks = [...byKey.values()];
  for (let i = 0; i < fresh.length; i += MAX_BATCH) chunks.push(fresh.slice(i, i + MAX_BATCH));
  // Each batch in row id order: a retry may give its rows different due times, never different ids.
  return chunks.map((c) => [...c].sort((a, b) => (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0)));
}

/** Runs `task` over `items`, at most `concurrency` at once, in order of start. */
async function pool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  });
  await Promise.all(workers);
}

/** The batch call's idempotency key: the same rows in the same order give the same key on every retry. */
export async function batchKey(rowIds: readonly string[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(rowIds.join("\n")));
  return `edaran-batch-${Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** An outcome to write: its fenced statements (the outbox update last) and its audit line. */
interface Settlement {
  row: OutboxRow;
  queries: Compilable[];
  action: string;
  data: Record<string, unknown>;
}

// Outcomes per atomic batch: about three statements each.
const SETTLE_STEPS_PER_BATCH = 50;

/**
 * Records outcomes and their audit lines (each message handed to the provider, given up on or dropped, under its
 * letter), many in ONE atomic batch. An audit row is written only if its fenced update changed the row; when one
 * did not (a worker that lost its claim to another), the batch is rolled back and each outcome is written alone,
 * so only the rows still ours get an outcome and a line.
 */
async function settleAll(opts: ProcessOptions, done: readonly Settlement[]): Promise<void> {
  const where = new Map<string, { letter_id: string; opd_id: string }>();
  for (const part of chunkIn([...new Set(done.map((d) => d.row.recipient_id))])) {
    const recs = await opts.store.db
      .selectFrom("recipients")
      .select(["id", "letter_id", "opd_id"])
      .where("id", "in", part)
      .execute();
    for (const r of recs) where.set(r.id, r);
  }
  const entryOf = (d: Settlement): AuditEntry => {
    const rec = where.get(d.row.recipient_id);
    return {
      actor: "system",
      action: d.action,
      letterId: rec?.letter_id ?? null,
      subject: d.row.recipient_id,
      data: { outboxId: d.row.id, opd: rec?.opd_id ?? null, ...d.data },
    };
  };
  for (let i = 0; i < done.length; i += SETTLE_STEPS_PER_BATCH) {
    const part = done.slice(i, i + SETTLE_STEPS_PER_BATCH);
    try {
      await atomicStepsWithAudit(
        opts.store,
        opts.clock,
        part.map((d) => ({ queries: d.queries, entries: [entryOf(d)] })),
      );
    } catch (err) {
      if (!(err instanceof AuditStepGuardFailed)) throw err;
      for (const d of part)
        await atomicWithAudit(opts.store, opts.clock, d.queries, entryOf(d), { onlyIfLastChanged: true });
    }
  }
}

/** The claim lock when none is configured (OUTBOX_CLAIM_SECONDS): far longer than one send. */
export const DEFAULT_LOCK_MS = 5 * 60_000;

function policyOf(opts: ProcessOptions): RetryPolicy {
  return { ...defaultRetryPolicy, ...opts.retry };
}

/** One round over the due rows (at most batchSize, and the rest of any batch they were sent in). */
export async function processOutbox(opts: ProcessOptions): Promise<ProcessResult> {
  const rows = await claimDue(opts.store, {
    now: opts.clock.now(),
    lockMs: opts.lockMs ?? DEFAULT_LOCK_MS,
    limit: opts.batchSize ?? 50,
    ...(opts.claimant ? { claimant: opts.claimant } : {}),
  });
  return processRows(await withBatchSiblings(rows, opts), opts, policyOf(opts));
}

/**
 * Rows that went out in a batch before (a crash cut it off, the provider failed) are re-sent only with the rest of
 * that batch, or the provider would see the key with another body: the due siblings the claim's limit or ids left
 * out are claimed too. Costs a statement only after such a batch.
 */
async function withBatchSiblings(rows: OutboxRow[], opts: ProcessOptions): Promise<OutboxRow[]> {
  const keys = [...new Set(rows.map((r) => r.batch_key).filter((k): k is string => k !== null))];
  if (keys.length === 0) return rows;
  const claimed = new Set(rows.map((r) => r.id));
  const all = [...rows];
  for (const part of chunkIn(keys, CLAIM_PARAMETERS)) {
    const siblings = await claimDue(opts.store, {
      now: opts.clock.now(),
      lockMs: opts.lockMs ?? DEFAULT_LOCK_MS,
      limit: MAX_BATCH * part.length,
      batchKeys: part,
      ...(opts.claimant ? { claimant: opts.claimant } : {}),
    });
    all.push(...siblings.filter((r) => !claimed.has(r.id)));
  }
  return all.sort(byClaimOrder);
}

const CLAIM_PARAMETERS = 20;

/** The Queue consumer's entry: only the given rows, and only those due (a row may be sent or backing off). */
export async function processOutboxIds(ids: readonly string[], opts: ProcessOptions): Promise<ProcessResult> {
  const rows: Awaited<ReturnType<typeof claimDue>> = [];
  // The claim binds about 12 parameters besides the ids; a batch of 100 ids is claimed in two statements.
  for (const part of chunkIn(ids, CLAIM_PARAMETERS)) {
    rows.push(
      ...(await claimDue(opts.store, {
        now: opts.clock.now(),
        lockMs: opts.lockMs ?? DEFAULT_LOCK_MS,
        limit: Math.max(1, part.length),
        ids: part,
        ...(opts.claimant ? { claimant: opts.claimant } : {}),
      })),
    );
  }
  return processRows(await withBatchSiblings(rows, opts), opts, policyOf(opts));
}

/**
 * Start-up: the claims of sender instances that are gone (as `isGone` judges them) are released now, so the
 * next round re-sends those rows at once instead of after the claim lock. Returns how many rows.
 */
export async function releaseGoneClaims(
  store: Store,
  now: Date,
  isGone: (claimant: string | null) => boolean,
): Promise<number> {
  const gone = (await listClaimants(store)).filter(isGone);
  return releaseClaimsOf(store, gone, now);
}

/**
 * Rounds until nothing due is left right now (rows backing off wait for a later call), or `maxRounds` rounds: a
 * cron tick's sweep is bounded so its D1 calls are, and the rows left stay due for the next tick.
 */
export async function drainOutbox(opts: ProcessOptions & { maxRounds?: number }): Promise<ProcessResult> {
  const total: ProcessResult = {
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    released: 0,
    cancelled: 0,
    nextDueAt: null,
  };
  for (let round = 1; ; round++) {
    const r = await processOutbox(opts);
    total.claimed += r.claimed;
    total.sent += r.sent;
    total.cancelled += r.cancelled;
    total.retried += r.retried;
    total.failed += r.failed;
    total.released += r.released;
    if (r.nextDueAt && (!total.nextDueAt || r.nextDueAt < total.nextDueAt)) total.nextDueAt = r.nextDueAt;
    // Stop when the round was empty or only pushed rows into the future.
    if (r.claimed === 0 || r.sent + r.failed + r.cancelled === 0) return total;
    if (opts.maxRounds !== undefined && round >= opts.maxRounds) return total;
  }
}

export interface OutboxLoop {
  /** Runs a round now (e.g. right after planSend) instead of waiting for the timer. */
  kick(): void;
  stop(): Promise<void>;
}

/** The Node runtime's in-process worker: a round every intervalMs, never two at once. */
export function startOutboxLoop(
  opts: ProcessOptions & {
    intervalMs?: number;
    /** Runs each round (the runtime's job log wraps it); default: a line when the round claimed anything. */
    round?: (drain: () => Promise<ProcessResult>) => Promise<unknown>;
  },
): OutboxLoop {
  let running: Promise<void> | null = null;
  let stopped = false;
  const round =
    opts.round ??
    ((drain) =>
      drain().then((r) => {
        if (r.claimed) opts.log?.(`outbox: sent ${r.sent}, retrying ${r.retried}, failed ${r.failed}`);
      }));
  const tick = () => {
    if (stopped || running) return;
    running = round(() => drainOutbox(opts))
      .then(() => {})
      .catch((err: unknown) => opts.log?.(`outbox: round failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 5000);
  // The loop alone should not keep a process alive (tests, CLI runs).
  timer.unref?.();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The pause as it is now: another send of the same round may have set it while this one awaited, which
 * TypeScript's narrowing of `pause.until` inside the loop cannot see.
 */
function pauseUntil(pause: { until: Date | null }): Date | null {
  return pause.until;
}
