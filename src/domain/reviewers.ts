// Who may give paraf on a letter. One rule for the submit form's choices (drafting/reviewer-options.ts) and
// for the workflow's check when a letter is submitted (drafting/transition-letter.ts), so the two never differ.
import type { Role } from "./roles.js";

/** Roles whose paraf means something: officials who read and initial a draft (not the read-only Inspektorat). */
export const REVIEWER_ROLES = ["kepala_opd", "sekretariat", "penandatangan"] as const satisfies readonly Role[];

export interface ReviewerCandidate {
  id: string;
  role: string;
  disabled: boolean;
}

/** Why `candidate` may not be a pemaraf of `submitterId`'s letter, or null when they may. */
export type ReviewerRefusal = "unknown_or_disabled" | "submitter" | "role";

/**
 * An unknown or disabled account would leave the letter waiting for a paraf forever; a paraf on one's own
 * draft is no review; only the reviewing roles give paraf.
 */
export function reviewerRefusal(candidate: ReviewerCandidate | undefined, submitterId: string): ReviewerRefusal | null {
  if (!candidate || candidate.disabled) return "unknown_or_disabled";
  if (candidate.id === submitterId) return "submitter";
  if (!REVIEWER_ROLES.some((r) => r === candidate.role)) return "role";
  return null;
}
