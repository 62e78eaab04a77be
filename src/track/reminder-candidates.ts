// The reminder round's candidates: recipients of sent letters whose reminder is due (an interval since sending or
// the last reminder), oldest due first, read through the partial expression index recipients_reminder_due
// (migration 0140). Its expression and WHERE terms are repeated here as literal SQL, word for word: SQLite uses a
// partial or expression index only when the query says the same thing, and a bound parameter is not the same.
// The plan is checked in test/store/query-plans.test.ts.
import { sql } from "kysely";
import type { Store } from "../store/store.js";

const dueAt = sql<string>`coalesce(r.last_reminded_at, r.sent_at)`;

export function reminderCandidatesQuery(
  store: Store,
  q: { cutoffIso: string; limit: number; ids?: readonly string[] },
) {
  let query = store.db
    .selectFrom("recipients as r")
    // CROSS JOIN is SQLite's way to keep recipients the outer loop: left free, the planner would rather walk every
    // sent letter through letters_status_updated and sort what it found.
    .crossJoin("letters as l")
    .whereRef("l.id", "=", "r.letter_id")
    .select(["r.id", "r.letter_id", "r.reminder_count", "r.overdue_at", "l.ack_deadline"])
    .where(
      sql<boolean>`r.acknowledged_at IS NULL AND r.escalated_at IS NULL AND r.bounced_at IS NULL AND r.status IN ('sent', 'delivered')`,
    )
    .where(dueAt, "<=", q.cutoffIso)
    .where("l.status", "=", "sent");
  if (q.ids) query = query.where("r.id", "in", q.ids);
  return query.orderBy(dueAt).orderBy("r.id").limit(q.limit);
}

export type ReminderCandidate = Awaited<ReturnType<ReturnType<typeof reminderCandidatesQuery>["execute"]>>[number];
