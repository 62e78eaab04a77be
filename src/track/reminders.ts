// The reminder job (Cron Trigger on Workers, a timer on Node). For every sent letter and every recipient
// that has not acknowledged: flag it overdue once the deadline has passed, and queue at most one reminder
// per interval. Safe to run twice, or on two machines at once: the reminder's outbox id is
// rem:<recipientId>:<n> and both statements only match while reminder_count is still n-1.
import { type AuditEntry, appendAudit } from "../audit/audit-log.js";
import type { Clock } from "../domain/clock.js";
import { deadlinePassed } from "../domain/recipient-status.js";
import type { Store } from "../store/store.js";

export interface ReminderOptions {
  /** At least this long after sending, and between two reminders. */
  intervalHours: number;
  /** No more reminders once a recipient has had this many. Unlimited when absent. */
  maxReminders?: number;
  /** Recipients per atomic batch (D1 batches stay small). */
  batchSize?: number;
}

export interface ReminderRun {
  overdueMarked: number;
  reminded: number;
  /** The new outbox rows, to hand to the SendQueue. */
  outboxIds: string[];
}

export const reminderOutboxId = (recipientId: string, n: number) => `rem:${recipientId}:${n}`;

interface Candidate {
  id: string;
  letter_id: string;
  status: string;
  sent_at: string | null;
  bounced_at: string | null;
  last_reminded_at: string | null;
  reminder_count: number;
  overdue_at: string | null;
  ack_deadline: string | null;
}

const olderThan = (iso: string | null, cutoffMs: number) => iso !== null && new Date(iso).getTime() <= cutoffMs;

export async function runReminders(store: Store, clock: Clock, options: ReminderOptions): Promise<ReminderRun> {
  if (!(options.intervalHours > 0)) throw new RangeError("intervalHours must be positive");
  const now = clock.now();
  const nowIso = now.toISOString();
  const cutoff = now.getTime() - options.intervalHours * 3_600_000;
  const max = options.maxReminders ?? Number.POSITIVE_INFINITY;
  const batchSize = options.batchSize ?? 50;

  const candidates: Candidate[] = await store.db
    .selectFrom("recipients as r")
    .innerJoin("letters as l", "l.id", "r.letter_id")
    .select([
      "r.id",
      "r.letter_id",
      "r.status",
      "r.sent_at",
      "r.bounced_at",
      "r.last_reminded_at",
      "r.reminder_count",
      "r.overdue_at",
      "l.ack_deadline",
    ])
    .where("l.status", "=", "sent")
    .where("r.acknowledged_at", "is", null)
    .orderBy("r.id")
    .execute();

  const run: ReminderRun = { overdueMarked: 0, reminded: 0, outboxIds: [] };
  for (let i = 0; i < candidates.length; i += batchSize) {
    const queries = [];
    // What each statement is, so the results can be counted after the batch.
    const kinds: (
      | { kind: "overdue"; c: Candidate }
      | { kind: "outbox"; id: string }
      | { kind: "count"; c: Candidate; n: number }
    )[] = [];
    for (const c of candidates.slice(i, i + batchSize)) {
      if (c.overdue_at === null && deadlinePassed(c.ack_deadline, now)) {
        queries.push(
          store.db
            .updateTable("recipients")
            .set({ overdue_at: nowIso })
            .where("id", "=", c.id)
            .where("overdue_at", "is", null)
            .where("acknowledged_at", "is", null),
        );
        kinds.push({ kind: "overdue", c });
      }

      // A bounced or failed address would bounce again; the secretariat fixes it and re-sends instead.
      const reachable = c.status !== "bounced" && c.status !== "failed" && c.bounced_at === null;
      const due =
        reachable &&
        olderThan(c.sent_at, cutoff) &&
        (c.last_reminded_at === null || olderThan(c.last_reminded_at, cutoff)) &&
        c.reminder_count < max;
      if (!due) continue;

      const n = c.reminder_count + 1;
      const outboxId = reminderOutboxId(c.id, n);
      // Both statements carry the same guard, checked inside the batch: if the recipient acknowledged or
      // another run already counted this reminder since we read it, neither applies.
      queries.push(
        store.db
          .insertInto("outbox")
          .columns(["id", "recipient_id", "kind", "status", "attempts", "next_attempt_at", "created_at"])
          .expression((eb) =>
            eb
              .selectFrom("recipients")
              .select([
                eb.val(outboxId).as("id"),
                "recipients.id as recipient_id",
                eb.val("reminder").as("kind"),
                eb.val("pending").as("status"),
                eb.val(0).as("attempts"),
                eb.val(nowIso).as("next_attempt_at"),
                eb.val(nowIso).as("created_at"),
              ])
              .where("recipients.id", "=", c.id)
              .where("recipients.acknowledged_at", "is", null)
              .where("recipients.reminder_count", "=", c.reminder_count),
          )
          .onConflict((oc) => oc.column("id").doNothing()),
      );
      kinds.push({ kind: "outbox", id: outboxId });
      queries.push(
        store.db
          .updateTable("recipients")
          .set((eb) => ({ last_reminded_at: nowIso, reminder_count: eb("reminder_count", "+", 1) }))
          .where("id", "=", c.id)
          .where("acknowledged_at", "is", null)
          .where("reminder_count", "=", c.reminder_count),
      );
      kinds.push({ kind: "count", c, n });
    }
    if (queries.length === 0) continue;

    const results = await store.atomic(queries);
    const audits: AuditEntry[] = [];
    results.forEach((r, k) => {
      const changed = (r.numAffectedRows ?? 0n) > 0n;
      const what = kinds[k];
      if (!changed || !what) return;
      if (what.kind === "overdue") {
        run.overdueMarked++;
        audits.push({
          actor: "system",
          action: "recipient.overdue",
          letterId: what.c.letter_id,
          subject: what.c.id,
          data: { deadline: what.c.ack_deadline },
        });
      } else if (what.kind === "outbox") run.outboxIds.push(what.id);
      else {
        run.reminded++;
        audits.push({
          actor: "system",
          action: "recipient.reminded",
          letterId: what.c.letter_id,
          subject: what.c.id,
          data: { reminder: what.n },
        });
      }
    });
    // Appended after the batch: the flags are idempotent and guarded, so a crash here loses only the log line
    // of a change that a re-run will not repeat; the reminder email itself is logged when it is sent.
    for (const entry of audits) await appendAudit(store, clock, entry);
  }
  return run;
}
