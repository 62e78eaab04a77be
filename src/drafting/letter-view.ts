// The API's view of a letter row: JSON columns parsed, names in camelCase.
import type { EdaranInput } from "../domain/edaran-input.js";
import type { LetterStatus } from "../domain/workflow.js";
import { letterInput, letterReviewers } from "../store/letter-json.js";
import type { Letter, LetterListRow } from "../store/letters-repo.js";

export interface LetterView {
  id: string;
  status: LetterStatus;
  registerId: string;
  tentang: string;
  revision: number;
  reviewers: string[];
  reviewStep: number;
  nomor: string | null;
  input: EdaranInput;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  signedAt: string | null;
  sentAt: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  ackDeadline: string | null;
}

export type LetterSummary = Omit<LetterView, "input">;

/** The row without its input: what a list shows. It never parses input_json, the bulk of a row. */
export function letterSummary(row: LetterListRow): LetterSummary {
  return {
    id: row.id,
    status: row.status,
    registerId: row.register_id,
    tentang: row.tentang,
    revision: row.revision,
    reviewers: letterReviewers(row),
    reviewStep: row.review_step,
    nomor: row.nomor,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    approvedAt: row.approved_at,
    signedAt: row.signed_at,
    sentAt: row.sent_at,
    closedAt: row.closed_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
    ackDeadline: row.ack_deadline,
  };
}

export function letterView(row: Letter): LetterView {
  return { ...letterSummary(row), input: letterInput(row) };
}
