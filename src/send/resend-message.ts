// Re-sending one failed message by hand (after the address was fixed, say): the API's
// POST /api/outbox/:id/retry and the letter page's "Kirim ulang" button both come here, so both
// re-queue the row, write the same audit entry and wake the sender the same way.
import { appendAudit } from "../audit/audit-log.js";
import type { Clock } from "../domain/clock.js";
import { AppError } from "../domain/app-error.js";
import type { Store } from "../store/store.js";
import { retryFailed } from "./outbox-repo.js";
import type { SendQueue } from "./send-queue.js";

export interface ResendDeps {
  store: Store;
  clock: Clock;
  sendQueue: SendQueue;
}

/** Re-queues the failed outbox row `outboxId`; 409 not_failed when it is not (or no longer) failed. */
export async function resendMessage(deps: ResendDeps, actorId: string, outboxId: string): Promise<{ id: string; status: "pending" }> {
  const { store, clock, sendQueue } = deps;
  if (!(await retryFailed(store, outboxId, clock.now()))) {
    throw new AppError(409, "not_failed", "Pesan ini tidak berstatus gagal");
  }
  await appendAudit(store, clock, { actor: actorId, action: "outbox.retried", subject: outboxId });
  await sendQueue.enqueue([outboxId]);
  return { id: outboxId, status: "pending" };
}
