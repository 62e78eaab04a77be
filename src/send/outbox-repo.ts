// The outbox table's state changes. Every change after a claim is fenced on (id, status 'sending',
// attempts as claimed): a worker whose lock expired and whose row another worker took over cannot
// overwrite the newer outcome. Each statement is single and idempotent, so D1 and SQLite behave alike.
import { type Compilable, type Selectable, sql } from "kysely";
import type { DeliveryStatus } from "../domain/recipient-status.js";
import { chunkIn } from "../store/chunk-rows.js";
import type { OutboxTable } from "../store/database.js";
import type { Store } from "../store/store.js";

export type OutboxRow = Selectable<OutboxTable>;

export interface ClaimOptions {
  now: Date;
  /** How long a claimed row stays ours before another worker may take it over. */
  lockMs: number;
  limit: number;
  /** Only these rows (the Queue consumer's message); all due rows when absent. */
  ids?: readonly string[];
  /** The sender instance taking the rows, written to claimed_by so a restart can tell whose claims are dead. */
  claimant?: string;
  /** Only rows noted with one of these batch keys (the rest of a batch whose first rows were claimed). */
  batchKeys?: readonly string[];
}

/**
 * Atomically takes due rows: pending ones whose time has come, and 'sending' ones whose lock has
 * expired (their worker died). One UPDATE ... RETURNING, so two workers never claim the same row.
 */
export async function claimDue(store: Store, opts: ClaimOptions): Promise<OutboxRow[]> {
  if ((opts.ids && opts.ids.length === 0) || (opts.batchKeys && opts.batchKeys.length === 0)) return [];
  const rows = await claimDueQuery(store, opts).returningAll().execute();
  return rows.sort(byClaimOrder);
}

/** Claim order: due time, then id. */
export function byClaimOrder(a: OutboxRow, b: OutboxRow): number {
  return a.next_attempt_at < b.next_attempt_at ? -1 : a.next_attempt_at > b.next_attempt_at ? 1 : a.id < b.id ? -1 : 1;
}

/**
 * The claim's UPDATE. Due rows are found through two index ranges, pending by next_attempt_at (outbox_due) and
 * expired claims by locked_until (outbox_lock), never through the sent rows of past letters; each row's letter
 * is checked by its own recipient (a correlated EXISTS), not by listing every recipient of every sent letter.
 */
export function claimDueQuery(store: Store, opts: ClaimOptions) {
  const now = opts.now.toISOString();
  const lockedUntil = new Date(opts.now.getTime() + opts.lockMs).toISOString();
  let due = store.db
    .selectFrom("outbox")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
        eb.and([eb("status", "=", "sending"), eb("locked_until", "<=", now)]),
      ]),
    );
  if (opts.ids) due = due.where("id", "in", opts.ids);
  if (opts.batchKeys) due = due.where("batch_key", "in", opts.batchKeys);
  // Only letters that are (still) sent go out: rows planned for a letter whose send transition has not
  // committed wait, and rows of a withdrawn letter are never sent, except the notice that it was revoked.
  due = due.where((eb) =>
    eb.exists(
      eb
        .selectFrom("recipients")
        .innerJoin("letters", "letters.id", "recipients.letter_id")
        .select(sql`1`.as("one"))
        .whereRef("recipients.id", "=", "outbox.recipient_id")
        .where((w) =>
          w.or([
            w("letters.status", "in", ["sent", "closed"]),
            w.and([w("letters.status", "=", "withdrawn"), w("outbox.kind", "=", "withdrawal")]),
          ]),
        ),
    ),
  );
  const sub = due.orderBy("next_attempt_at").orderBy("id").limit(opts.limit);
  return store.db
    .updateTable("outbox")
    .set((eb) => ({
      status: "sending",
      locked_until: lockedUntil,
      attempts: eb("attempts", "+", 1),
      claimed_by: opts.claimant ?? null,
    }))
    .where("id", "in", sub);
}

function fenced(store: Store, row: OutboxRow) {
  return store.db
    .updateTable("outbox")
    .where("id", "=", row.id)
    .where("status", "=", "sending")
    .where("attempts", "=", row.attempts);
}

/** The same fence as a condition, for the side effects that run before the fenced update in one batch. */
function stillClaimed(store: Store, row: OutboxRow) {
  return store.db
    .selectFrom("outbox")
    .select("id")
    .where("id", "=", row.id)
    .where("status", "=", "sending")
    .where("attempts", "=", row.attempts);
}

// The outcome builders below return the statements of one outcome with the fenced outbox update LAST, so
// the caller can append the audit row in the same batch guarded on that update (atomicWithAudit's
// onlyIfLastChanged): a worker that lost its claim writes neither the outcome nor an audit row.

/** The row is sent and, for the letter itself, the recipient too (never downgrading 'delivered'). */
export function sentQueries(store: Store, row: OutboxRow, providerId: string, now: Date): Compilable[] {
  const at = now.toISOString();
  const queries: Compilable[] = [];
  if (row.kind === "letter") {
    queries.push(
      store.db
        .updateTable("recipients")
        .set({
          sent_at: sql<string>`coalesce(sent_at, ${at})`,
          provider_message_id: sql<string>`coalesce(provider_message_id, ${providerId})`,
          status: sql<DeliveryStatus>`case when status in ('queued', 'failed') then 'sent' else status end`,
        })
        .where("id", "=", row.recipient_id)
        .where((eb) => eb.exists(stillClaimed(store, row))),
    );
  }
  queries.push(
    fenced(store, row).set({
      status: "sent",
      provider_id: providerId,
      sent_at: at,
      locked_until: null,
      last_error: null,
    }),
  );
  return queries;
}

/** Gives up on the row, keeping the reason; a letter's recipient shows as failed. */
export function failedQueries(store: Store, row: OutboxRow, error: string): Compilable[] {
  const queries: Compilable[] = [];
  if (row.kind === "letter") {
    queries.push(
      store.db
        .updateTable("recipients")
        .set({ status: "failed" })
        .where("id", "=", row.recipient_id)
        .where("status", "=", "queued")
        .where((eb) => eb.exists(stillClaimed(store, row))),
    );
  }
  queries.push(fenced(store, row).set({ status: "failed", locked_until: null, last_error: error }));
  return queries;
}

/** The message is no longer wanted (letter withdrawn, receipt came in): never sent, never retried. */
export function cancelledQueries(store: Store, row: OutboxRow): Compilable[] {
  return [fenced(store, row).set({ status: "cancelled", locked_until: null })];
}

/**
 * Notes on the claimed rows the key of the batch they are about to go out in (statements of one atomic batch; the
 * key and ids stay within D1's 100 bound parameters per statement).
 */
export function batchKeyQueries(store: Store, rowIds: readonly string[], key: string): Compilable[] {
  return chunkIn(rowIds, 2).map((part) =>
    store.db.updateTable("outbox").set({ batch_key: key }).where("id", "in", part).where("status", "=", "sending"),
  );
}

/** Puts the row back for another try at `nextAttemptAt`. Not audited: a retry is no outcome of the message. */
export function retryQuery(
  store: Store,
  row: OutboxRow,
  nextAttemptAt: Date,
  error: string,
  rateLimited: boolean,
): Compilable {
  return fenced(store, row).set((eb) => ({
    status: "pending",
    next_attempt_at: nextAttemptAt.toISOString(),
    locked_until: null,
    last_error: error,
    rate_limited: rateLimited ? eb("rate_limited", "+", 1) : eb.ref("rate_limited"),
  }));
}

/** Hands back a claimed row that was not tried (the provider asked us to slow down): the claim's attempt is undone. */
export function releaseQuery(store: Store, row: OutboxRow, nextAttemptAt: Date): Compilable {
  return fenced(store, row).set((eb) => ({
    status: "pending",
    next_attempt_at: nextAttemptAt.toISOString(),
    locked_until: null,
    attempts: eb("attempts", "-", 1),
  }));
}

/** The distinct sender instances holding claims right now (rows 'sending'); null stands for pre-0060 claims. */
export async function listClaimants(store: Store): Promise<(string | null)[]> {
  const rows = await store.db
    .selectFrom("outbox")
    .select("claimed_by")
    .distinct()
    .where("status", "=", "sending")
    .execute();
  return rows.map((r) => r.claimed_by);
}

/**
 * Ends the claims of sender instances that are gone: their rows' locks expire now, so the next claim takes
 * them over at once and re-sends each with its idempotency key (the provider de-duplicates one that had
 * reached it). Returns how many rows were released.
 */
export async function releaseClaimsOf(store: Store, claimants: readonly (string | null)[], now: Date): Promise<number> {
  let released = 0;
  // A handful of dead instances at most; one statement each keeps well under D1's 100 bound parameters.
  for (const claimant of claimants) {
    const r = await store.db
      .updateTable("outbox")
      .set({ locked_until: now.toISOString() })
      .where("status", "=", "sending")
      .where("claimed_by", claimant === null ? "is" : "=", claimant)
      .executeTakeFirst();
    released += Number(r.numUpdatedRows);
  }
  return released;
}

/**
 * Re-queues a failed row by hand (after the address was fixed, say): due now, with a fresh failure
 * budget. The row id, and so the idempotency key, stays the same. False when the row is not failed.
 */
export async function retryFailed(store: Store, outboxId: string, now: Date): Promise<boolean> {
  const row = await store.db.selectFrom("outbox").selectAll().where("id", "=", outboxId).executeTakeFirst();
  if (row?.status !== "failed") return false;
  const queries: Compilable[] = [
    store.db
      .updateTable("outbox")
      .set({ status: "pending", next_attempt_at: now.toISOString(), attempts: 0, rate_limited: 0, locked_until: null })
      .where("id", "=", outboxId)
      .where("status", "=", "failed")
      // A withdrawn letter is never sent again, not even by hand.
      .where("recipient_id", "in", (eb) =>
        eb
          .selectFrom("recipients")
          .innerJoin("letters", "letters.id", "recipients.letter_id")
          .select("recipients.id")
          .where("letters.status", "!=", "withdrawn"),
      ),
  ];
  if (row.kind === "letter") {
    queries.push(
      store.db
        .updateTable("recipients")
        .set({ status: "queued" })
        .where("id", "=", row.recipient_id)
        .where("status", "=", "failed"),
    );
  }
  const [res] = await store.atomic(queries);
  return (res?.numAffectedRows ?? 0n) > 0n;
}
