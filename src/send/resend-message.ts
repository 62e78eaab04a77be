// Re-sending one OPD's letter by hand. The API's POST /api/outbox/:id/retry and the letter page's
// "Kirim ulang" button both come here, so both write the same audit entry and wake the sender the same way.
//  - A FAILED message (the provider refused it, or every retry ran out) to an address that is still the OPD's
//    is re-queued as it is.
//  - A FAILED message whose OPD address was corrected since, or a message that was sent but BOUNCED (only once the
//    address was corrected), goes to the new address: the recipient takes it and a new outbox row is written,
//    because the old row's id is the provider's idempotency key and a repeat under it would be dropped or refused.
import { appendAudit, atomicWithAudit } from "../audit/audit-log.js";
import { AppError } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";
import { retryFailed } from "./outbox-repo.js";
import type { SendQueue } from "./send-queue.js";

export interface ResendDeps {
  store: Store;
  clock: Clock;
  sendQueue: SendQueue;
}

export interface ResendResult {
  /** The outbox row that will carry the message now (a new one after a bounce). */
  id: string;
  status: "pending";
}

/** Re-queues the letter message `outboxId`; 409 when it neither failed nor bounced, or the address is unchanged. */
export async function resendMessage(deps: ResendDeps, actorId: string, outboxId: string): Promise<ResendResult> {
  const { store, clock, sendQueue } = deps;
  const target = await messageTarget(store, outboxId);
  const corrected =
    target !== undefined && target.currentEmail !== null && !sameAddress(target.currentEmail, target.recipientEmail);
  if (!(target?.outboxStatus === "failed" && corrected) && (await retryFailed(store, outboxId, clock.now()))) {
    await appendAudit(store, clock, { actor: actorId, action: "outbox.retried", subject: outboxId });
    await sendQueue.enqueue([outboxId]);
    return { id: outboxId, status: "pending" };
  }
  const id = await resendToCorrectedAddress(deps, actorId, outboxId, target);
  await sendQueue.enqueue([id]);
  return { id, status: "pending" };
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function messageTarget(store: Store, outboxId: string) {
  return store.db
    .selectFrom("outbox")
    .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
    .innerJoin("letters", "letters.id", "recipients.letter_id")
    .innerJoin("opd", "opd.id", "recipients.opd_id")
    .select([
      "outbox.kind",
      "outbox.status as outboxStatus",
      "recipients.id as recipientId",
      "recipients.letter_id as letterId",
      "recipients.status as recipientStatus",
      "recipients.email as recipientEmail",
      "letters.status as letterStatus",
      "opd.id as opdId",
      "opd.name as opdName",
      "opd.email as currentEmail",
    ])
    .where("outbox.id", "=", outboxId)
    .executeTakeFirst();
}

type MessageTarget = Awaited<ReturnType<typeof messageTarget>>;

async function resendToCorrectedAddress(
  deps: ResendDeps,
  actorId: string,
  outboxId: string,
  row: MessageTarget,
): Promise<string> {
  const { store, clock } = deps;
  const failed = row?.outboxStatus === "failed";
  if (row?.kind !== "letter" || (row.recipientStatus !== "bounced" && !failed) || row.letterStatus === "withdrawn") {
    throw new AppError("not_failed", "Pesan ini tidak gagal dan tidak memantul (bounce)");
  }
  const email = row.currentEmail?.trim() ?? "";
  if (!email || sameAddress(email, row.recipientEmail)) {
    throw new AppError(
      "address_unchanged",
      `Alamat ${row.recipientEmail} milik ${row.opdName} memantul; perbarui dulu alamat email di halaman Perangkat daerah`,
    );
  }
  const earlier = await store.db
    .selectFrom("outbox")
    .select("id")
    .where("recipient_id", "=", row.recipientId)
    .where("kind", "=", "letter")
    .execute();
  const newId = `${outboxId}_r${earlier.length}`;
  const now = clock.now().toISOString();
  const { audit } = await atomicWithAudit(
    store,
    clock,
    [
      // Only while the recipient is still bounced, so a stale click can never queue a second copy.
      store.db
        .insertInto("outbox")
        .columns(["id", "recipient_id", "kind", "status", "next_attempt_at", "created_at"])
        .expression((eb) =>
          eb
            .selectFrom("recipients")
            .select([
              eb.val(newId).as("id"),
              "recipients.id as recipient_id",
              eb.val("letter").as("kind"),
              eb.val("pending").as("status"),
              eb.val(now).as("next_attempt_at"),
              eb.val(now).as("created_at"),
            ])
            .where("recipients.id", "=", row.recipientId)
            .where("recipients.status", "in", ["bounced", "failed"]),
        )
        .onConflict((oc) => oc.column("id").doNothing()),
      // The old failed row is closed, so it can never be retried to the old address.
      store.db
        .updateTable("outbox")
        .set({ status: "cancelled" })
        .where("id", "=", outboxId)
        .where("status", "=", "failed"),
      // Last, and guarded on the bounce/failure: two clicks at once re-send once (the second changes nothing).
      store.db
        .updateTable("recipients")
        .set({ email, status: "queued", bounced_at: null, provider_message_id: null })
        .where("id", "=", row.recipientId)
        .where("status", "in", ["bounced", "failed"]),
    ],
    {
      actor: actorId,
      action: "outbox.resent_after_bounce",
      letterId: row.letterId,
      subject: row.recipientId,
      data: {
        opd: row.opdId,
        from: row.recipientEmail,
        to: email,
        outboxId: newId,
        after: failed ? "failed" : "bounced",
      },
    },
    { onlyIfLastChanged: true },
  );
  if (!audit) throw new AppError("not_failed", "Pesan ini sudah dikirim ulang");
  return newId;
}
