// The letter's email messages (outbox rows of kind "letter") as the letter page follows them: the latest
// message per recipient, with why it failed, and one message looked up for "Kirim ulang".
import type { Store } from "../store/store.js";

export interface LetterMessage {
  id: string;
  recipientId: string;
  status: string;
  lastError: string | null;
}

/**
 * The latest letter message of each recipient of `letterId` (a re-send after a bounce writes a newer row).
 * One statement keyed on the letter, so a letter to every OPD stays within D1's bound-parameter limit.
 */
export async function latestLetterMessages(store: Store, letterId: string): Promise<Map<string, LetterMessage>> {
  const rows = await latestLetterMessagesQuery(store, letterId).execute();
  // Ordered oldest first, so the last row per recipient wins.
  return new Map(
    rows.map((o) => [
      o.recipient_id,
      { id: o.id, recipientId: o.recipient_id, status: o.status, lastError: o.last_error },
    ]),
  );
}

/** The letter messages of `letterId`'s recipients, oldest first: recipients_letter, then outbox_recipient. */
export function latestLetterMessagesQuery(store: Store, letterId: string) {
  return store.db
    .selectFrom("outbox")
    .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
    .select(["outbox.id", "outbox.recipient_id", "outbox.status", "outbox.last_error"])
    .where("recipients.letter_id", "=", letterId)
    .where("outbox.kind", "=", "letter")
    .orderBy("outbox.created_at")
    .orderBy("outbox.id");
}

/** The message `outboxId` with its OPD's name, when it belongs to `letterId`; null otherwise. */
export async function findLetterMessage(
  store: Store,
  letterId: string,
  outboxId: string,
): Promise<{ id: string; opdName: string } | null> {
  const row = await store.db
    .selectFrom("outbox")
    .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
    .innerJoin("opd", "opd.id", "recipients.opd_id")
    .select(["outbox.id", "opd.name as opdName"])
    .where("outbox.id", "=", outboxId)
    .where("recipients.letter_id", "=", letterId)
    .executeTakeFirst();
  return row ?? null;
}
