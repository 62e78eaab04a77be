// "Kirim ke OPD yang belum": a sent letter goes to OPDs it has not reached yet (one whose email was missing at
// sending and has since been filled in, one left out of the first send, one added later), under their own
// recipient and outbox ids (so their own idempotency keys). The OPDs still left out stay named with the letter.
// Planning is idempotent like the first send: a double click or a retry after a crash sends nobody twice.
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, notFound } from "../domain/app-error.js";
import { NOT_SENT_REASON_TEXT, type NotSentOpd, notSentListSchema, notSentOpds } from "../domain/not-sent.js";
import type { WorkflowActorRef } from "../drafting/transition-letter.js";
import { decodeJson, encodeJson } from "../store/json-text.js";
import type { DispatchDeps } from "./dispatch-letter.js";
import { missingEmailError, planSend } from "./send-letter.js";

export interface SendToRemainingResult {
  /** Recipients this call created (0 when every chosen OPD had the letter already). */
  recipients: number;
  /** The names of the OPDs this call sent to. */
  sentTo: string[];
  /** Who still has not been sent the letter, and why. */
  notSent: NotSentOpd[];
}

const SENDERS = new Set(["sekretariat", "admin"]);

export async function sendToRemaining(
  deps: DispatchDeps,
  actor: WorkflowActorRef,
  letterId: string,
  opdIds: readonly string[],
): Promise<SendToRemainingResult> {
  if (!SENDERS.has(actor.role)) {
    throw new AppError("forbidden_role", "Hanya sekretariat yang dapat mengirim surat ke perangkat daerah");
  }
  const letter = await deps.store.db
    .selectFrom("letters")
    .select(["id", "status", "not_sent_json"])
    .where("id", "=", letterId)
    .executeTakeFirst();
  if (!letter) throw notFound("Surat");
  if (letter.status !== "sent") {
    throw new AppError(
      "transition_not_allowed",
      "Hanya surat berstatus Dikirim yang dapat dikirim ke perangkat daerah yang belum menerimanya",
    );
  }
  const plan = await planSend(deps.store, letterId, { opdIds, ackSecret: deps.config.ackSecret, clock: deps.clock });
  if (!plan.ok) throw missingEmailError(plan.missingEmail);

  const [opds, reached] = await Promise.all([
    deps.store.db.selectFrom("opd").select(["id", "name", "email"]).orderBy("name").execute(),
    deps.store.db.selectFrom("recipients").select("opd_id").where("letter_id", "=", letterId).execute(),
  ]);
  const notSent = notSentOpds(opds, new Set(reached.map((r) => r.opd_id)));
  const chosen = new Set(opdIds);
  const sentTo = opds.filter((o) => chosen.has(o.id)).map((o) => o.name);
  const stored = letter.not_sent_json ? decodeJson(notSentListSchema, letter.not_sent_json) : [];
  // Written when this call created rows, or when a crash after planning left the stored list behind.
  if (plan.created > 0 || JSON.stringify(stored) !== JSON.stringify(notSent)) {
    await atomicWithAudit(
      deps.store,
      deps.clock,
      [
        deps.store.db
          .updateTable("letters")
          .set({ not_sent_json: encodeJson(notSent) })
          .where("id", "=", letterId)
          .where("status", "=", "sent"),
      ],
      {
        actor: actor.id,
        action: "letter.sent_to_remaining",
        letterId,
        data: {
          recipients: plan.created,
          opds: [...chosen].sort(),
          ...(notSent.length ? { notSent: notSent.map((o) => `${o.opdId}: ${NOT_SENT_REASON_TEXT[o.reason]}`) } : {}),
        },
      },
      { onlyIfLastChanged: true },
    );
  }
  await deps.sendQueue.enqueue(plan.outboxIds);
  return { recipients: plan.created, sentTo, notSent };
}
