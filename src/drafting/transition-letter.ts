// Moving a letter through the workflow. The pure state machine decides; this module turns its
// decision into one guarded atomic batch (status update + event + audit row, and on approval the
// register number), so a concurrent or stale transition changes nothing and answers 409.

import { type Compilable, sql } from "kysely";
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, notFound } from "../domain/app-error.js";
import { formatTanggal } from "../domain/indonesian-date.js";
import { deadlineTooSoon } from "../domain/recipient-status.js";
import { type ReviewerRefusal, reviewerRefusal } from "../domain/reviewers.js";
import type { Role } from "../domain/roles.js";
import { transition, type WorkflowAction, type WorkflowState } from "../domain/workflow.js";
import { encodeJson } from "../store/json-text.js";
import { letterInputDeadline, letterInputNomor, letterReviewers } from "../store/letter-json.js";
import {
  eventWrittenProbe,
  getLetter,
  type Letter,
  type LetterStatusPatch,
  transitionQueries,
} from "../store/letters-repo.js";
import { assignNomorQueries } from "../store/register-repo.js";
import { listUsersByIds } from "../store/users-repo.js";
import type { DraftingDeps } from "./create-letter.js";
import { type LetterView, letterView } from "./letter-view.js";

export interface WorkflowActorRef {
  id: string;
  role: Role;
}

const REVIEWER_REFUSALS: Record<ReviewerRefusal, string> = {
  unknown_or_disabled: "Pemeriksa tidak dikenal atau akunnya nonaktif",
  submitter: "Pengaju tidak dapat memeriksa (memaraf) suratnya sendiri",
  role: "Pengguna dengan peran ini tidak dapat memberi paraf",
};

/** The machine only knows ids; here they must pass the reviewer rule (domain/reviewers.ts), one issue each. */
async function checkReviewers(
  deps: DraftingDeps,
  actor: WorkflowActorRef,
  reviewers: readonly string[],
): Promise<void> {
  const users = await listUsersByIds(deps.store, reviewers);
  const byId = new Map(users.map((u) => [u.id, { id: u.id, role: u.role, disabled: u.disabled_at !== null }]));
  const issues = reviewers.flatMap((rid, i) => {
    const refusal = reviewerRefusal(byId.get(rid), actor.id);
    return refusal ? [{ path: `reviewers.${i}`, message: REVIEWER_REFUSALS[refusal] }] : [];
  });
  if (issues.length) throw new AppError("validation_failed", "Daftar pemeriksa belum benar", issues);
}

/** On withdrawal, every message of the letter not yet handed to the provider is cancelled with it. */
function cancelOutboxQueries(deps: DraftingDeps, letterId: string, eventId: string): Compilable[] {
  return [
    deps.store.db
      .updateTable("outbox")
      .set({ status: "cancelled", locked_until: null })
      .where("status", "in", ["pending", "failed"])
      .where("recipient_id", "in", (eb) => eb.selectFrom("recipients").select("id").where("letter_id", "=", letterId))
      .where((eb) => eb.exists(eb.selectFrom("letter_events").select("id").where("id", "=", eventId))),
  ];
}

/** The outbox id of a recipient's notice that its letter was revoked (one per recipient, so never sent twice). */
export function withdrawalOutboxIdFor(recipientId: string): string {
  return `obx_withdrawal_${recipientId.replace(/^rcp_/, "")}`;
}

/**
 * On the revocation of a letter that went out, a notice to every OPD head it reached (sent_at set), in the same
 * batch and guarded on the transition's event like the cancellation before it.
 */
function withdrawalNoticeQueries(deps: DraftingDeps, letterId: string, eventId: string, now: string): Compilable[] {
  return [
    deps.store.db
      .insertInto("outbox")
      .columns(["id", "recipient_id", "kind", "status", "attempts", "next_attempt_at", "created_at"])
      .expression((eb) =>
        eb
          .selectFrom("recipients")
          .select((s) => [
            sql<string>`'obx_withdrawal_' || substr(recipients.id, 5)`.as("id"),
            "recipients.id as recipient_id",
            sql<string>`'withdrawal'`.as("kind"),
            sql<string>`'pending'`.as("status"),
            sql<number>`0`.as("attempts"),
            s.val(now).as("next_attempt_at"),
            s.val(now).as("created_at"),
          ])
          .where("recipients.letter_id", "=", letterId)
          .where("recipients.sent_at", "is not", null)
          .where((w) => w.exists(w.selectFrom("letter_events").select("id").where("id", "=", eventId))),
      )
      .onConflict((oc) => oc.doNothing()),
  ];
}

export function workflowState(row: Pick<Letter, "status" | "reviewers_json" | "review_step">): WorkflowState {
  return {
    status: row.status,
    reviewers: letterReviewers(row),
    reviewStep: row.review_step,
  };
}

/** Checks the machine's answer without writing; sign and send use it before their own I/O. */
export async function checkTransition(deps: DraftingDeps, actor: WorkflowActorRef, id: string, action: WorkflowAction) {
  const row = await getLetter(deps.store, id);
  if (!row) throw notFound("Surat");
  const result = transition(workflowState(row), action, actor, deps.clock.now().toISOString());
  if (!result.ok) throw new AppError(result.code, result.message);
  return { row, result };
}

/** A letter whose deadline has passed, or ends within a day, is not approved: every OPD would start overdue. */
function refuseNearDeadline(row: Pick<Letter, "input_json">, now: Date): void {
  const deadline = letterInputDeadline(row).ackDeadline;
  if (!deadline || !deadlineTooSoon(deadline, now)) return;
  const message = `Batas waktu tanda terima (${formatTanggal(deadline)}) sudah lewat atau kurang dari sehari lagi`;
  throw new AppError(
    "deadline_too_soon",
    `${message}. Kembalikan surat ke konseptor untuk mengubah batas waktunya, lalu setujui kembali.`,
    [{ path: "ackDeadline", message }],
  );
}

/**
 * Applies submit, paraf, return, approve, close or withdraw. `extra` lets sign and send add their own
 * statements to the same batch.
 */
export async function transitionLetter(
  // The send queue hands a revocation's notices to the sender at once (without it they wait for the sweep).
  deps: DraftingDeps & { sendQueue?: { enqueue(outboxIds: readonly string[]): Promise<void> } },
  actor: WorkflowActorRef,
  id: string,
  action: WorkflowAction,
  extra: {
    set?: LetterStatusPatch;
    /** More statements for the same batch; guard them on the event id so they only apply with it. */
    queries?: (eventId: string) => Compilable[];
    auditData?: Record<string, unknown>;
  } = {},
): Promise<LetterView> {
  const { row, result } = await checkTransition(deps, actor, id, action);
  if (action.action === "submit") await checkReviewers(deps, actor, action.reviewers);
  if (action.action === "approve") refuseNearDeadline(row, deps.clock.now());
  const { next, event } = result;
  const now = event.at;
  const set: LetterStatusPatch = { ...extra.set };
  if (action.action === "submit" || action.action === "paraf" || action.action === "return") {
    set.review_step = next.reviewStep;
    set.reviewers_json = encodeJson(next.reviewers);
  }
  if (action.action === "approve") set.approved_at = now;
  if (action.action === "close") set.closed_at = now;
  if (action.action === "withdraw") {
    set.withdrawn_at = now;
    set.withdrawn_reason = event.comment;
  }
  const eventId = globalThis.crypto.randomUUID();
  const queries: Compilable[] = transitionQueries(
    deps.store,
    {
      id,
      from: row.status,
      to: next.status,
      action: action.action,
      actorId: actor.id,
      comment: event.comment,
      set,
      // A paraf or return only counts for the step the reviewer saw.
      expect: { review_step: row.review_step, revision: row.revision },
      eventId,
    },
    now,
  );
  const input = letterInputNomor(row);
  if (action.action === "approve") {
    queries.push(
      ...assignNomorQueries(
        deps.store,
        {
          letterId: id,
          registerId: row.register_id,
          year: input.nomor.year,
          parts: { kka: input.nomor.kka },
          onlyIfStatus: "approved",
        },
        now,
      ),
    );
  }
  const revokesSent = action.action === "withdraw" && (row.status === "sent" || row.status === "closed");
  if (action.action === "withdraw") queries.push(...cancelOutboxQueries(deps, id, eventId));
  if (revokesSent) queries.push(...withdrawalNoticeQueries(deps, id, eventId, now));
  queries.push(...(extra.queries?.(eventId) ?? []), eventWrittenProbe(deps.store, eventId));
  // The probe is last: the audit row is written only when the transition's event was.
  const { audit } = await atomicWithAudit(
    deps.store,
    deps.clock,
    queries,
    {
      actor: actor.id,
      action: `letter.${action.action}`,
      letterId: id,
      data: {
        from: row.status,
        to: next.status,
        ...(event.comment ? { comment: event.comment } : {}),
        ...extra.auditData,
      },
    },
    { onlyIfLastChanged: true },
  );
  if (!audit) throw new AppError("stale_state", "Surat telah diproses orang lain; muat ulang lalu coba lagi");
  if (revokesSent && deps.sendQueue) {
    const notices = await deps.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select("outbox.id")
      .where("recipients.letter_id", "=", id)
      .where("outbox.kind", "=", "withdrawal")
      .execute();
    await deps.sendQueue.enqueue(notices.map((n) => n.id));
  }
  const after = await getLetter(deps.store, id);
  if (!after) throw notFound("Surat");
  return letterView(after);
}
