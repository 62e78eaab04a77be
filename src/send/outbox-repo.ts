// The outbox table's state changes. Every change after a claim is fenced on (id, status 'sending',
// attempts as claimed): a worker whose lock expired and whose row another worker took over cannot
// overwrite the newer outcome. Each statement is single and idempotent, so D1 and SQLite behave alike.
import { type Compilable, type Selectable, sql } from "kysely";
import type { DeliveryStatus } from "../domain/recipient-status.js";
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
}

/**
 * Atomically takes due rows: pending ones whose time has come, and 'sending' ones whose lock has
 * expired (their worker died). One UPDATE ... RETURNING, so two workers never claim the same row.
 */
export async function claimDue(store: Store, opts: ClaimOptions): Promise<OutboxRow[]> {
  if (opts.ids && opts.ids.length === 0) return [];
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
  // Only letters that are (still) sent go out: rows planned for a letter whose send transition has not
  // committed wait, and rows of a withdrawn letter are never sent.
  due = due.where("recipient_id", "in", (eb) =>
    eb
      .selectFrom("recipients")
      .innerJoin("letters", "letters.id", "recipients.letter_id")
      .select("recipients.id")
      .where("letters.status", "in", ["sent", "closed"]),
  );
  const sub = due.orderBy("next_attempt_at").orderBy("id").limit(opts.limit);
  const rows = await store.db
    .updateTable("outbox")
    .set((eb) => ({ status: "sending", locked_until: lockedUntil, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", sub)
    .returningAll()
    .execute();
  return rows.sort((a, b) =>
    a.next_attempt_at < b.next_attempt_at ? -1 : a.next_attempt_at > b.next_attempt_at ? 1 : a.id < b.id ? -1 : 1,
  );
}

function fenced(store: Store, row: OutboxRow) {
  return store.db
    .updateTable("outbox")
    .where("id", "=", row.id)
    .where("status", "=", "sending")
    .where("attempts", "=", row.attempts);
}

/** Marks the row sent and, for the letter itself, the recipient too (never downgrading 'delivered'). */
export async function markSent(store: Store, row: OutboxRow, providerId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const queries: Compilable[] = [
    fenced(store, row).set({
      status: "sent",
      provider_id: providerId,
      sent_at: at,
      locked_until: null,
      last_error: null,
    }),
  ];
  if (row.kind === "letter") {
    queries.push(
      store.db
        .updateTable("recipients")
        .set({
          sent_at: sql<string>`coalesce(sent_at, ${at})`,
          provider_message_id: sql<string>`coalesce(provider_message_id, ${providerId})`,
          status: sql<DeliveryStatus>`case when status in ('queued', 'failed') then 'sent' else status end`,
        })
        .where("id", "=", row.recipient_id),
    );
  }
  await store.atomic(queries);
}

/** Puts the row back for another try at `nextAttemptAt`. */
export async function markRetry(
  store: Store,
  row: OutboxRow,
  nextAttemptAt: Date,
  error: string,
  rateLimited: boolean,
): Promise<void> {
  await fenced(store, row)
    .set((eb) => ({
      status: "pending",
      next_attempt_at: nextAttemptAt.toISOString(),
      locked_until: null,
      last_error: error,
      rate_limited: rateLimited ? eb("rate_limited", "+", 1) : eb.ref("rate_limited"),
    }))
    .execute();
}

/** Gives up on the row, keeping the reason; a letter's recipient shows as failed. */
export async function markFailed(store: Store, row: OutboxRow, error: string): Promise<void> {
  const queries: Compilable[] = [fenced(store, row).set({ status: "failed", locked_until: null, last_error: error })];
  if (row.kind === "letter") {
    queries.push(
      store.db
        .updateTable("recipients")
        .set({ status: "failed" })
        .where("id", "=", row.recipient_id)
        .where("status", "=", "queued"),
    );
  }
  await store.atomic(queries);
}

/** The message is no longer wanted (a reminder after the receipt came in): never sent, never retried. */
export async function markCancelled(store: Store, row: OutboxRow): Promise<void> {
  await fenced(store, row).set({ status: "cancelled", locked_until: null }).execute();
}

/** Hands back a claimed row that was not tried (the provider asked us to slow down): the claim's attempt is undone. */
export async function release(store: Store, row: OutboxRow, nextAttemptAt: Date): Promise<void> {
  await fenced(store, row)
    .set((eb) => ({
      status: "pending",
      next_attempt_at: nextAttemptAt.toISOString(),
      locked_until: null,
      attempts: eb("attempts", "-", 1),
    }))
    .execute();
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
