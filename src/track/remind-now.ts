// "Kirim pengingat sekarang": the secretariat reminds, at once, every OPD head a sent letter reached who has not
// acknowledged yet, whatever the reminder round would do (a person decided; escalated OPDs are reminded too). A
// head reminded within the last hour is skipped, so a double click or two clerks at once send one reminder each.
// Each reminder is the round's own: outbox row rem:<recipientId>:<n>, reminder_count and last_reminded_at, and a
// recipient.reminded audit row, in atomic batches of CHUNK guarded on the count they were decided on.
import { type AuditedStep, AuditStepGuardFailed, atomicStepsWithAudit } from "../audit/audit-batch.js";
import { AppError, notFound } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";
import { reminderOutboxId, reminderOutboxInsert } from "./reminders.js";

export interface RemindNowResult {
  /** Reminders queued now. */
  reminded: number;
  /** Not acknowledged but reminded within the last hour: left alone. */
  skippedRecent: number;
  outboxIds: string[];
}

const CHUNK = 20;
export const REMIND_AGAIN_AFTER_MS = 3_600_000;

export async function remindNow(
  store: Store,
  clock: Clock,
  actor: { id: string; role: string },
  letterId: string,
): Promise<RemindNowResult> {
  if (actor.role !== "sekretariat" && actor.role !== "admin") {
    throw new AppError("forbidden_role", "Hanya sekretariat yang dapat mengirim pengingat");
  }
  const letter = await store.db.selectFrom("letters").select("status").where("id", "=", letterId).executeTakeFirst();
  if (!letter) throw notFound("Surat");
  if (letter.status !== "sent") {
    throw new AppError("transition_not_allowed", "Pengingat hanya dikirim untuk surat berstatus Dikirim");
  }
  const now = clock.now();
  const nowIso = now.toISOString();
  const recent = new Date(now.getTime() - REMIND_AGAIN_AFTER_MS).toISOString();
  const open = await store.db
    .selectFrom("recipients")
    .select(["id", "reminder_count", "last_reminded_at"])
    .where("letter_id", "=", letterId)
    .where("sent_at", "is not", null)
    .where("acknowledged_at", "is", null)
    .where("status", "not in", ["bounced", "failed"])
    .orderBy("id")
    .execute();
  const due = open.filter((r) => !r.last_reminded_at || r.last_reminded_at < recent);
  const outboxIds: string[] = [];
  for (let i = 0; i < due.length; i += CHUNK) {
    const steps: AuditedStep[] = due.slice(i, i + CHUNK).map((r) => {
      const n = r.reminder_count + 1;
      const id = reminderOutboxId(r.id, n);
      outboxIds.push(id);
      return {
        queries: [
          store.db
            .updateTable("recipients")
            .set({ last_reminded_at: nowIso, reminder_count: n })
            .where("id", "=", r.id)
            .where("acknowledged_at", "is", null)
            .where("reminder_count", "=", r.reminder_count),
        ],
        entries: [
          {
            actor: actor.id,
            action: "recipient.reminded",
            letterId,
            subject: r.id,
            data: { reminder: n, manual: true },
          },
        ],
        after: [reminderOutboxInsert(store, r.id, n, nowIso)],
      };
    });
    try {
      await atomicStepsWithAudit(store, clock, steps);
    } catch (err) {
      // Someone acknowledged, or another clerk reminded, meanwhile: that batch is left, the rest goes on.
      if (!(err instanceof AuditStepGuardFailed)) throw err;
      outboxIds.splice(outboxIds.length - steps.length, steps.length);
    }
  }
  return { reminded: outboxIds.length, skippedRecent: open.length - due.length, outboxIds };
}
