// Which buttons the letter page offers, from the letter's status and the user's role. The routes enforce the
// same rules again; this only decides what is shown.
import type { Role } from "../../domain/roles.js";
import type { LetterStatus } from "./components/status-badge.js";

export type LetterButton = "edit" | "submit" | "paraf" | "return" | "approve" | "sign" | "send" | "withdraw" | "revoke" | "docx";

export interface ActionContext {
  status: LetterStatus;
  role: Role;
  /** The user is the reviewer whose paraf is due now. */
  isCurrentReviewer: boolean;
  /** Every reviewer has given paraf, so the signing official may approve. */
  reviewComplete: boolean;
}

export function availableActions(ctx: ActionContext): LetterButton[] {
  const { status, role } = ctx;
  const drafter = role === "sekretariat" || role === "admin";
  const signer = role === "penandatangan";
  const out: LetterButton[] = [];
  if (status === "draft" && drafter) out.push("edit", "submit");
  if (status === "in_review" && ctx.isCurrentReviewer) out.push("paraf", "return");
  if (status === "in_review" && signer && ctx.reviewComplete) out.push("approve");
  if (status === "in_review" && signer && !ctx.isCurrentReviewer) out.push("return");
  if (status === "approved" && signer) out.push("sign", "return");
  if (status === "signed" && drafter) out.push("send");
  if ((status === "draft" || status === "in_review" || status === "approved") && drafter) out.push("withdraw");
  if ((status === "signed" || status === "sent") && signer) out.push("revoke");
  if (status !== "withdrawn") out.push("docx");
  return [...new Set(out)];
}
