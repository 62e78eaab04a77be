// The reminder round (Cron Trigger on Workers, a timer on Node). Each round takes at most `limit` recipients
// whose reminder is due (sent, not acknowledged, not escalated, reachable, an interval since sending or the last
// reminder), oldest first through recipients_reminder_due, and for each one either queues the next reminder or,
// under the Pemda's policy, escalates it once (cap reached / too late). A handled recipient leaves the due range
// (its last_reminded_at is now, or it is escalated), so the next round continues where this one stopped.
// Chunks of `chunkSize` are one atomic batch each: the recipient's state, its outbox row and its audit rows.
// Safe to run twice, or on two machines at once: the reminder's outbox id is rem:<recipientId>:<n> and each
// change is guarded by the state it was decided on; a guard that lost a race rolls its chunk back and the chunk
// is re-read.
import type { Compilable } from "kysely";
import { type AuditedStep, AuditStepGuardFailed, atomicStepsWithAudit } from "../audit/audit-batch.js";
import type { AuditEntry } from "../audit/audit-log.js";
import type { Clock } from "../domain/clock.js";
import { deadlinePassed } from "../domain/recipient-status.js";
import { type ReminderPolicy, reminderDecision, reminderPolicySchema } from "../domain/reminder-policy.js";
import { currentPemdaProfile } from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";
import { type ReminderCandidate, reminderCandidatesQuery } from "./reminder-candidates.js";

export interface ReminderOptions {
  /** Hours after sending and between two reminders, unless the Pemda profile sets its own. */
  intervalHours: number;
  /** Recipients handled in one round at most (one Worker cron tick stays within D1's budget); default 1000. */
  limit?: number;
  /** Recipients per atomic batch; default 20. */
  chunkSize?: number;
  /** The policy to apply instead of the current profile's (the bench). */
  policy?: ReminderPolicy;
}

export interface ReminderRun {
  overdueMarked: number;
  reminded: number;
  escalated: number;
  /** The new outbox rows, to hand to the SendQueue. */
  outboxIds: string[];
  /** The round stopped at its limit: more recipients may be due (the next round continues). */
  more: boolean;
}

export const reminderOutboxId = (recipientId: string, n: number) => `rem:${recipientId}:${n}`;

/** The outbox row of a recipient's n-th reminder (its id makes a repeat a no-op): the round's and remindNow's. */
export function reminderOutboxInsert(store: Store, recipientId: string, n: number, nowIso: string) {
  return store.db
    .insertInto("outbox")
    .values({
      id: reminderOutboxId(recipientId, n),
      recipient_id: recipientId,
      kind: "reminder",
      status: "pending",
      attempts: 0,
      next_attempt_at: nowIso,
      created_at: nowIso,
    })
    .onConflict((oc) => oc.column("id").doNothing());
}

const DEFAULT_LIMIT = 1000;
const DEFAULT_CHUNK = 20;
const GUARD_RETRIES = 5;

/**
 * The policy of the CURRENT profile, not of each letter's own version: the version a letter keeps is about its
 * bytes (kop, page, names), while reminders are the Pemda's way of working now; an admin who lowers the cap or
 * the day limit means it for the letters already out, and one read per round serves every letter.
 */
async function currentPolicy(store: Store): Promise<ReminderPolicy> {
  const current = await currentPemdaProfile(store);
  return current?.profile.reminders ?? reminderPolicySchema.parse(undefined);
}

interface Planned {
  step: AuditedStep;
  outboxId: string | null;
  overdue: boolean;
  escalated: boolean;
}

function plan(store: Store, c: ReminderCandidate, policy: ReminderPolicy, now: Date): Planned {
  const nowIso = now.toISOString();
  const overdue = c.overdue_at === null && deadlinePassed(c.ack_deadline, now);
  const decision = reminderDecision(c, policy, now);
  // Guarded by the state the decision was made on: acknowledged, escalated or counted since means no change.
  const guard = store.db
    .updateTable("recipients")
    .where("id", "=", c.id)
    .where("acknowledged_at", "is", null)
    .where("escalated_at", "is", null)
    .where("reminder_count", "=", c.reminder_count);
  const entries: AuditEntry[] = [];
  const about = { actor: "system", letterId: c.letter_id, subject: c.id };
  let outboxId: string | null = null;
  let after: Compilable[] = [];
  const overdueSet = overdue ? { overdue_at: nowIso } : {};
  let update: Compilable;
  if (decision.kind === "remind") {
    outboxId = reminderOutboxId(c.id, decision.n);
    after = [reminderOutboxInsert(store, c.id, decision.n, nowIso)];
    update = guard.set((eb) => ({
      last_reminded_at: nowIso,
      reminder_count: eb("reminder_count", "+", 1),
      ...overdueSet,
    }));
    entries.push({ ...about, action: "recipient.reminded", data: { reminder: decision.n } });
  } else {
    update = guard.set({
      escalated_at: nowIso,
      escalation_reason: decision.reason,
      ...overdueSet,
    });
    entries.push({
      ...about,
      action: "recipient.escalated",
      data: {
        reason: decision.reason,
        reminders: c.reminder_count,
        maxPerRecipient: policy.maxPerRecipient,
        stopAfterDaysPastDeadline: policy.stopAfterDaysPastDeadline,
        deadline: c.ack_deadline,
      },
    });
  }
  if (overdue) entries.push({ ...about, action: "recipient.overdue", data: { deadline: c.ack_deadline } });
  return { step: { queries: [update], entries, after }, outboxId, overdue, escalated: decision.kind === "escalate" };
}

export async function runReminders(store: Store, clock: Clock, options: ReminderOptions): Promise<ReminderRun> {
  const policy = options.policy ?? (await currentPolicy(store));
  const intervalHours = policy.intervalHours ?? options.intervalHours;
  if (!(intervalHours > 0)) throw new RangeError("intervalHours must be positive");
  const limit = options.limit ?? DEFAULT_LIMIT;
  const chunkSize = Math.min(options.chunkSize ?? DEFAULT_CHUNK, 90);
  const now = clock.now();
  const cutoffIso = new Date(now.getTime() - intervalHours * 3_600_000).toISOString();

  const candidates = await reminderCandidatesQuery(store, { cutoffIso, limit }).execute();
  const run: ReminderRun = {
    overdueMarked: 0,
    reminded: 0,
    escalated: 0,
    outboxIds: [],
    more: candidates.length >= limit,
  };
  for (let i = 0; i < candidates.length; i += chunkSize) {
    let chunk = candidates.slice(i, i + chunkSize);
    for (let attempt = 1; chunk.length > 0; attempt++) {
      const planned = chunk.map((c) => plan(store, c, policy, now));
      try {
        await atomicStepsWithAudit(
          store,
          clock,
          planned.map((p) => p.step),
        );
      } catch (err) {
        if (!(err instanceof AuditStepGuardFailed) || attempt >= GUARD_RETRIES) throw err;
        // Someone (another round, an acknowledgement) changed a row since it was read: re-read the chunk; the
        // rows handled meanwhile are no longer due and drop out.
        const ids = chunk.map((c) => c.id);
        chunk = await reminderCandidatesQuery(store, { cutoffIso, limit: ids.length, ids }).execute();
        continue;
      }
      for (const p of planned) {
        if (p.outboxId !== null) {
          run.reminded++;
          run.outboxIds.push(p.outboxId);
        }
        if (p.escalated) run.escalated++;
        if (p.overdue) run.overdueMarked++;
      }
      break;
    }
  }
  return run;
}
