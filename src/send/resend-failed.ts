// "Kirim ulang semua yang gagal": every failed (or bounced) letter email of one letter re-queued at once, each exactly as its
// own "Kirim ulang" does (resend-message.ts: same audit entry, a corrected address gets a new row). A message that
// cannot go again (the OPD's address still the one that failed for good) is named with the reason, not skipped.
import { AppError, notFound } from "../domain/app-error.js";
import type { Store } from "../store/store.js";
import { type ResendDeps, resendMessage } from "./resend-message.js";

export interface ResendFailedResult {
  /** OPD names whose letter is queued again. */
  resent: string[];
  /** OPDs whose message could not be re-queued, and why. */
  refused: { opdName: string; message: string }[];
}

/** The letter's failed or bounced letter messages, newest first per OPD (the first of each is the one to re-send). */
function failedMessages(store: Store, letterId: string) {
  return store.db
    .selectFrom("outbox")
    .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
    .innerJoin("opd", "opd.id", "recipients.opd_id")
    .select(["outbox.id", "outbox.recipient_id", "outbox.created_at", "opd.name as opdName"])
    .where("recipients.letter_id", "=", letterId)
    .where("outbox.kind", "=", "letter")
    .where((eb) =>
      eb.or([
        eb("outbox.status", "=", "failed"),
        eb.and([eb("outbox.status", "=", "sent"), eb("recipients.status", "=", "bounced")]),
      ]),
    )
    .orderBy("opd.name")
    .orderBy("outbox.created_at", "desc")
    .execute();
}

export async function resendFailed(
  deps: ResendDeps,
  actor: { id: string; role: string },
  letterId: string,
): Promise<ResendFailedResult> {
  if (actor.role !== "sekretariat" && actor.role !== "admin") {
    throw new AppError("forbidden_role", "Hanya sekretariat yang dapat mengirim ulang surat");
  }
  const letter = await deps.store.db
    .selectFrom("letters")
    .select("status")
    .where("id", "=", letterId)
    .executeTakeFirst();
  if (!letter) throw notFound("Surat");
  const seen = new Set<string>();
  const out: ResendFailedResult = { resent: [], refused: [] };
  for (const m of await failedMessages(deps.store, letterId)) {
    if (seen.has(m.recipient_id)) continue;
    seen.add(m.recipient_id);
    try {
      await resendMessage(deps, actor.id, m.id);
      out.resent.push(m.opdName);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      out.refused.push({ opdName: m.opdName, message: err.message });
    }
  }
  return out;
}
