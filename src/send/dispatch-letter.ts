// The `send` transition: plan one recipient + outbox row per OPD (refusing, before writing anything,
// when an OPD has no email address), mark the letter sent, then hand the outbox ids to the queue.
// Planning is idempotent, so a retry after a crash between the steps sends nobody twice.
import type { Clock } from "../domain/clock.js";
import { NOT_SENT_REASON_TEXT, type NotSentOpd, notSentOpds } from "../domain/not-sent.js";
import type { LetterView } from "../drafting/letter-view.js";
import { checkTransition, transitionLetter, type WorkflowActorRef } from "../drafting/transition-letter.js";
import { encodeJson } from "../store/json-text.js";
import { letterInputDeadline } from "../store/letter-json.js";
import type { Store } from "../store/store.js";
import { missingEmailError, planSend } from "./send-letter.js";
import type { SendQueue } from "./send-queue.js";

export interface DispatchDeps {
  store: Store;
  clock: Clock;
  sendQueue: SendQueue;
  config: { ackSecret: string };
}

export interface DispatchResult {
  letter: LetterView;
  recipients: number;
  queued: number;
  /** The OPDs left out, and why (none when sent to all). */
  notSent: NotSentOpd[];
}

export async function dispatchLetter(
  deps: DispatchDeps,
  actor: WorkflowActorRef,
  id: string,
  opdIds: "all" | readonly string[],
): Promise<DispatchResult> {
  const { row } = await checkTransition(deps, actor, id, { action: "send" });
  const plan = await planSend(deps.store, id, { opdIds, ackSecret: deps.config.ackSecret, clock: deps.clock });
  if (!plan.ok) throw missingEmailError(plan.missingEmail);
  const input = letterInputDeadline(row);
  // Every OPD the send leaves out is kept with the letter and its audit line, so it shows wherever the letter's
  // recipients are counted.
  const notSent =
    opdIds === "all"
      ? []
      : notSentOpds(
          await deps.store.db.selectFrom("opd").select(["id", "name", "email"]).orderBy("name").execute(),
          new Set(opdIds),
        );
  const letter = await transitionLetter(
    deps,
    actor,
    id,
    { action: "send" },
    {
      set: {
        sent_at: deps.clock.now().toISOString(),
        ack_deadline: input.ackDeadline ?? null,
        not_sent_json: encodeJson(notSent),
      },
      auditData: {
        recipients: plan.recipientIds.length,
        // Read by people in the audit log: "DISPORA: belum ada alamat email".
        ...(notSent.length ? { notSent: notSent.map((o) => `${o.opdId}: ${NOT_SENT_REASON_TEXT[o.reason]}`) } : {}),
      },
    },
  );
  await deps.sendQueue.enqueue(plan.outboxIds);
  return { letter, recipients: plan.recipientIds.length, queued: plan.outboxIds.length, notSent };
}
