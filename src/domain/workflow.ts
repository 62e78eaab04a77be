// The letter workflow as a pure state machine: draft → in_review (paraf by an ordered list of reviewers)
// → approved → signed → sent → closed, and withdrawn (dicabut). No I/O and no clock: the caller passes
// `now`, stores `next` and the `event`, and turns a refusal into an HTTP answer (see workflowErrorStatus).
//
// Decisions not spelled out in issue #3:
// - submit, send and close are the secretariat's (and the admin's, who may do what the secretariat does);
//   approve and sign are the penandatangan's alone.
// - paraf and return belong to the CURRENT reviewer (reviewers[reviewStep]) whatever their role. Once every
//   paraf is in, there is no current reviewer and the penandatangan may return the letter instead of
//   approving it. A return resets the paraf count: a revised draft is reviewed again from the first reviewer.
// - withdraw (dicabut) needs a reason. From draft or in_review the secretariat or the penandatangan may
//   withdraw (nothing has been numbered or signed yet); from approved, signed, sent or closed only the
//   penandatangan may, because the letter carries a nomor or a signature by then. withdrawn is final.
import { z } from "zod";
import { ERROR_STATUS, type ErrorStatus } from "./app-error.js";
import { printable } from "./printable-text.js";
import type { Role } from "./roles.js";

export const letterStatuses = ["draft", "in_review", "approved", "signed", "sent", "closed", "withdrawn"] as const;
export const letterStatusSchema = z.enum(letterStatuses);
export type LetterStatus = z.infer<typeof letterStatusSchema>;

export const workflowStateSchema = z.object({
  status: letterStatusSchema,
  /** Ordered user ids who give paraf. */
  reviewers: z.array(z.string().min(1)),
  /** How many paraf are in; reviewers[reviewStep] is the current reviewer. */
  reviewStep: z.number().int().min(0),
});
export type WorkflowState = z.infer<typeof workflowStateSchema>;

const comment = z
  .string({ error: "Komentar harus berupa teks" })
  .trim()
  .max(2000, "Komentar paling banyak 2000 karakter")
  .refine(...printable("Komentar"));

export const submitActionSchema = z.object({
  action: z.literal("submit"),
  reviewers: z
    .array(z.string().trim().min(1, "ID pemeriksa tidak boleh kosong"))
    .min(1, "Pilih paling sedikit satu pemeriksa (paraf)")
    .max(20, "Paling banyak 20 pemeriksa")
    .refine((ids) => new Set(ids).size === ids.length, "Pemeriksa tidak boleh dicantumkan dua kali"),
  comment: comment.optional(),
});
export const parafActionSchema = z.object({ action: z.literal("paraf"), comment: comment.optional() });
export const returnActionSchema = z.object({
  action: z.literal("return"),
  comment: comment.min(1, "Komentar wajib diisi saat mengembalikan surat"),
});
export const approveActionSchema = z.object({ action: z.literal("approve"), comment: comment.optional() });
export const signActionSchema = z.object({ action: z.literal("sign") });
export const sendActionSchema = z.object({ action: z.literal("send") });
export const closeActionSchema = z.object({ action: z.literal("close"), comment: comment.optional() });
export const withdrawActionSchema = z.object({
  action: z.literal("withdraw"),
  reason: z
    .string({ error: "Alasan pencabutan wajib diisi" })
    .trim()
    .min(1, "Alasan pencabutan wajib diisi")
    .max(2000, "Alasan paling banyak 2000 karakter")
    .refine(...printable("Alasan")),
});

/** The body of POST /api/letters/:id/transitions (or per-action routes): validate with this. */
export const workflowActionSchema = z.discriminatedUnion("action", [
  submitActionSchema,
  parafActionSchema,
  returnActionSchema,
  approveActionSchema,
  signActionSchema,
  sendActionSchema,
  closeActionSchema,
  withdrawActionSchema,
]);
export type WorkflowAction = z.infer<typeof workflowActionSchema>;
export type WorkflowActionName = WorkflowAction["action"];
export const workflowActionNames = [
  "submit",
  "paraf",
  "return",
  "approve",
  "sign",
  "send",
  "close",
  "withdraw",
] as const satisfies readonly WorkflowActionName[];

export interface WorkflowActor {
  id: string;
  role: Role;
}

/** One row of letter_events, minus the ids the caller owns (event id, letter id, revision). */
export interface WorkflowEvent {
  action: WorkflowActionName;
  fromStatus: LetterStatus;
  toStatus: LetterStatus;
  actorId: string;
  /** The comment, or the reason of a withdrawal. */
  comment: string | null;
  at: string;
  /** After a paraf: true when it was the last one and the letter waits for approval. */
  readyForApproval: boolean;
}

export const workflowErrorCodes = [
  "transition_not_allowed",
  "forbidden_role",
  "not_current_reviewer",
  "review_incomplete",
  "comment_required",
  "reason_required",
  "reviewers_required",
] as const;
export type WorkflowErrorCode = (typeof workflowErrorCodes)[number];

export type TransitionResult =
  | { ok: true; next: WorkflowState; event: WorkflowEvent }
  | { ok: false; code: WorkflowErrorCode; message: string };

/** The HTTP status a refusal maps to (from the closed error set): 409 for the letter's state, 403 for who asks, 400 for the body. */
export function workflowErrorStatus(code: WorkflowErrorCode): ErrorStatus {
  return ERROR_STATUS[code];
}

export const statusLabels: Record<LetterStatus, string> = {
  draft: "Konsep",
  in_review: "Dalam pemeriksaan",
  approved: "Disetujui",
  signed: "Ditandatangani",
  sent: "Terkirim",
  closed: "Selesai",
  withdrawn: "Dicabut",
};

export const actionLabels: Record<WorkflowActionName, string> = {
  submit: "mengajukan untuk diperiksa",
  paraf: "memberi paraf",
  return: "mengembalikan",
  approve: "menyetujui",
  sign: "menandatangani",
  send: "mengirim",
  close: "menutup",
  withdraw: "mencabut",
};

const roleLabels: Record<Role, string> = {
  sekretariat: "Sekretariat",
  penandatangan: "Penandatangan",
  kepala_opd: "Kepala OPD",
  inspektorat: "Inspektorat",
  admin: "Admin",
};

/** The reviewer whose paraf is due, or null when none is (not in review, or every paraf is in). */
export function currentReviewer(state: WorkflowState): string | null {
  if (state.status !== "in_review") return null;
  return state.reviewers[state.reviewStep] ?? null;
}

export function isReadyForApproval(state: WorkflowState): boolean {
  return state.status === "in_review" && state.reviewers.length > 0 && state.reviewStep >= state.reviewers.length;
}

/** What reviewProgress reads of a letter's events, oldest first. */
export interface ReviewEventRef {
  action: string;
  actorId: string;
  at: string;
}

export interface ReviewProgress {
  /** Whose paraf is due now (currentReviewer). */
  current: string | null;
  /** Every paraf is in (isReadyForApproval). */
  complete: boolean;
  /** When each reviewer gave paraf in the current round: their last paraf since the last submit. */
  parafAt: ReadonlyMap<string, string>;
}

/**
 * The paraf round as the letter page shows it. A return sends the draft back and the next submit starts a
 * new round, so only paraf after the last submit count; `events` must be in the order they happened.
 */
export function reviewProgress(state: WorkflowState, events: readonly ReviewEventRef[]): ReviewProgress {
  const lastSubmit = events.map((e) => e.action).lastIndexOf("submit");
  const parafAt = new Map<string, string>();
  if (lastSubmit >= 0) {
    for (const e of events.slice(lastSubmit)) if (e.action === "paraf") parafAt.set(e.actorId, e.at);
  }
  return { current: currentReviewer(state), complete: isReadyForApproval(state), parafAt };
}

type Refusal = Extract<TransitionResult, { ok: false }>;
type Gate = { ok: true; to: LetterStatus } | Refusal;

const refuse = (code: WorkflowErrorCode, message: string): Refusal => ({ ok: false, code, message });

function notAllowed(state: WorkflowState, action: WorkflowActionName): Refusal {
  return refuse(
    "transition_not_allowed",
    `Surat berstatus "${statusLabels[state.status]}" tidak dapat dikenai tindakan ${actionLabels[action]}`,
  );
}

function roleRefused(action: WorkflowActionName, allowed: readonly Role[]): Refusal {
  return refuse(
    "forbidden_role",
    `Tindakan ${actionLabels[action]} hanya dapat dilakukan oleh ${allowed.map((r) => roleLabels[r]).join(" atau ")}`,
  );
}

const roleGate = (
  action: WorkflowActionName,
  actor: WorkflowActor,
  allowed: readonly Role[],
  to: LetterStatus,
): Gate => (allowed.includes(actor.role) ? { ok: true, to } : roleRefused(action, allowed));

/** Whether `actor` may take `action` now, ignoring the body (comment, reason, reviewers). */
function gate(state: WorkflowState, action: WorkflowActionName, actor: WorkflowActor): Gate {
  const s = state.status;
  switch (action) {
    case "submit":
      return s === "draft" ? roleGate(action, actor, ["sekretariat", "admin"], "in_review") : notAllowed(state, action);
    case "paraf": {
      if (s !== "in_review") return notAllowed(state, action);
      const current = currentReviewer(state);
      if (current === null)
        return refuse("transition_not_allowed", "Semua paraf sudah lengkap; surat menunggu persetujuan");
      if (current !== actor.id)
        return refuse("not_current_reviewer", "Paraf belum giliran Anda atau Anda bukan pemeriksa surat ini");
      return { ok: true, to: "in_review" };
    }
    case "return": {
      if (s !== "in_review") return notAllowed(state, action);
      if (isReadyForApproval(state)) return roleGate(action, actor, ["penandatangan"], "draft");
      if (currentReviewer(state) !== actor.id) {
        return refuse(
          "not_current_reviewer",
          "Hanya pemeriksa yang sedang mendapat giliran yang dapat mengembalikan surat",
        );
      }
      return { ok: true, to: "draft" };
    }
    case "approve":
      if (s !== "in_review") return notAllowed(state, action);
      if (actor.role !== "penandatangan") return roleRefused(action, ["penandatangan"]);
      if (!isReadyForApproval(state)) {
        const left = state.reviewers.length - state.reviewStep;
        return refuse("review_incomplete", `Surat belum dapat disetujui: masih menunggu ${left} paraf`);
      }
      return { ok: true, to: "approved" };
    case "sign":
      return s === "approved" ? roleGate(action, actor, ["penandatangan"], "signed") : notAllowed(state, action);
    case "send":
      return s === "signed" ? roleGate(action, actor, ["sekretariat", "admin"], "sent") : notAllowed(state, action);
    case "close":
      return s === "sent" ? roleGate(action, actor, ["sekretariat", "admin"], "closed") : notAllowed(state, action);
    case "withdraw":
      if (s === "draft" || s === "in_review")
        return roleGate(action, actor, ["sekretariat", "admin", "penandatangan"], "withdrawn");
      if (s === "approved" || s === "signed" || s === "sent" || s === "closed") {
        return roleGate(action, actor, ["penandatangan"], "withdrawn");
      }
      return notAllowed(state, action);
  }
}

/** The actions `actor` may take on a letter in `state` now; for showing buttons, not for enforcing. */
export function allowedActions(state: WorkflowState, actor: WorkflowActor): WorkflowActionName[] {
  return workflowActionNames.filter((a) => gate(state, a, actor).ok);
}

/**
 * Applies `action` by `actor` to `state` at `now` (ISO string). Refusals change nothing.
 * `action` is normally parsed with workflowActionSchema first; the comment and reason checks are repeated
 * here so the machine holds on its own.
 */
export function transition(
  state: WorkflowState,
  action: WorkflowAction,
  actor: WorkflowActor,
  now: string,
): TransitionResult {
  const g = gate(state, action.action, actor);
  if (!g.ok) return g;
  const text = (s: string | undefined): string | null => (s !== undefined && s.trim() !== "" ? s.trim() : null);
  let next: WorkflowState = { ...state, status: g.to };
  let note: string | null = null;
  switch (action.action) {
    case "submit": {
      const reviewers = action.reviewers.map((r) => r.trim());
      if (reviewers.length === 0 || reviewers.some((r) => r === "")) {
        return refuse("reviewers_required", "Pilih paling sedikit satu pemeriksa (paraf)");
      }
      if (new Set(reviewers).size !== reviewers.length) {
        return refuse("reviewers_required", "Pemeriksa tidak boleh dicantumkan dua kali");
      }
      next = { status: g.to, reviewers, reviewStep: 0 };
      note = text(action.comment);
      break;
    }
    case "paraf":
      next = { ...next, reviewStep: state.reviewStep + 1 };
      note = text(action.comment);
      break;
    case "return":
      note = text(action.comment);
      if (note === null) return refuse("comment_required", "Komentar wajib diisi saat mengembalikan surat");
      next = { ...next, reviewStep: 0 };
      break;
    case "withdraw":
      note = text(action.reason);
      if (note === null) return refuse("reason_required", "Alasan pencabutan wajib diisi");
      break;
    case "approve":
    case "close":
      note = text(action.comment);
      break;
    case "sign":
    case "send":
      break;
  }
  return {
    ok: true,
    next,
    event: {
      action: action.action,
      fromStatus: state.status,
      toStatus: next.status,
      actorId: actor.id,
      comment: note,
      at: now,
      readyForApproval: action.action === "paraf" && isReadyForApproval(next),
    },
  };
}
