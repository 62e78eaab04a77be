// Which buttons the letter page offers. They come from the workflow's own allowedActions(), so a button
// is shown exactly when the state machine would accept the action; the routes enforce the rules again.

import type { Role } from "../../domain/roles.js";
import { allowedActions, type WorkflowActionName, type WorkflowState } from "../../domain/workflow.js";
import type { LetterStatus } from "./components/status-badge.js";

export type LetterButton =
  | "edit"
  | "submit"
  | "paraf"
  | "return"
  | "approve"
  | "sign"
  | "send"
  | "withdraw"
  | "revoke"
  | "close"
  | "docx";

export interface ActionContext {
  status: LetterStatus;
  role: Role;
  /** The user is the reviewer whose paraf is due now. */
  isCurrentReviewer: boolean;
  /** Every reviewer has given paraf, so the signing official may approve. */
  reviewComplete: boolean;
}

const ME = "current-user";

/** The smallest workflow state with the same answers for this user: who is due, or that every paraf is in. */
function stateFor(ctx: ActionContext): WorkflowState {
  if (ctx.status !== "in_review") return { status: ctx.status, reviewers: [], reviewStep: 0 };
  if (ctx.reviewComplete) return { status: ctx.status, reviewers: ["reviewer"], reviewStep: 1 };
  return { status: ctx.status, reviewers: [ctx.isCurrentReviewer ? ME : "another-reviewer"], reviewStep: 0 };
}

const buttonOf: Partial<Record<WorkflowActionName, LetterButton>> = {
  submit: "submit",
  paraf: "paraf",
  return: "return",
  approve: "approve",
  sign: "sign",
  send: "send",
  close: "close",
};

export function availableActions(ctx: ActionContext): LetterButton[] {
  const allowed = allowedActions(stateFor(ctx), { id: ME, role: ctx.role });
  const out: LetterButton[] = [];
  if (ctx.status === "draft" && (ctx.role === "sekretariat" || ctx.role === "admin")) out.push("edit");
  for (const a of allowed) {
    const button = buttonOf[a];
    if (button) out.push(button);
  }
  // One word for both (dicabut); the forms differ: once signed or sent, the verify page and the OPDs are told.
  if (allowed.includes("withdraw"))
    out.push(ctx.status === "signed" || ctx.status === "sent" || ctx.status === "closed" ? "revoke" : "withdraw");
  if (ctx.status !== "withdrawn") out.push("docx");
  return out;
}

/** POST target of a recipient row's "Kirim ulang" button (one failed outbox message of the letter). */
export function letterResendPath(letterId: string, outboxId: string): string {
  return `/surat/${encodeURIComponent(letterId)}/kirim-ulang/${encodeURIComponent(outboxId)}`;
}
