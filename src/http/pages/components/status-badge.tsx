/** @jsxImportSource hono/jsx */
// Coloured status labels for letters and recipients, in Bahasa Indonesia.
import type { Child } from "hono/jsx";
import { type RecipientStatus, recipientStatusLabel } from "../../../domain/recipient-status.js";
import type { LetterStatus } from "../../../domain/workflow.js";

export type Tone = "neutral" | "info" | "teal" | "purple" | "ok" | "bad" | "warning";

// The one list of each, from the domain: the workflow's letter statuses, the tracking's recipient statuses.
export { type RecipientStatus, recipientStatuses as RECIPIENT_STATUSES } from "../../../domain/recipient-status.js";
export { type LetterStatus, letterStatuses as LETTER_STATUSES } from "../../../domain/workflow.js";

export const LETTER_STATUS_LABELS: Record<LetterStatus, [string, Tone]> = {
  draft: ["Konsep", "neutral"],
  in_review: ["Dalam paraf", "info"],
  approved: ["Disetujui", "teal"],
  signed: ["Ditandatangani", "purple"],
  sent: ["Terkirim", "ok"],
  closed: ["Selesai", "ok"],
  withdrawn: ["Dicabut", "bad"],
};

const RECIPIENT_TONES: Record<RecipientStatus, Tone> = {
  queued: "neutral",
  sent: "info",
  delivered: "teal",
  bounced: "bad",
  failed: "bad",
  acknowledged: "ok",
  reported: "purple",
  overdue: "warning",
};

/** Labels come from the domain, so a page, the API and the CSV export use the same word for a status. */
export const RECIPIENT_STATUS_LABELS = {
  queued: [recipientStatusLabel.queued, RECIPIENT_TONES.queued],
  sent: [recipientStatusLabel.sent, RECIPIENT_TONES.sent],
  delivered: [recipientStatusLabel.delivered, RECIPIENT_TONES.delivered],
  bounced: [recipientStatusLabel.bounced, RECIPIENT_TONES.bounced],
  failed: [recipientStatusLabel.failed, RECIPIENT_TONES.failed],
  overdue: [recipientStatusLabel.overdue, RECIPIENT_TONES.overdue],
  acknowledged: [recipientStatusLabel.acknowledged, RECIPIENT_TONES.acknowledged],
  reported: [recipientStatusLabel.reported, RECIPIENT_TONES.reported],
} satisfies Record<RecipientStatus, [string, Tone]>;

export function Badge(props: { tone: Tone; children?: Child }) {
  return <span class={`badge tone-${props.tone}`}>{props.children}</span>;
}

export function LetterStatusBadge(props: { status: LetterStatus }) {
  const [label, tone] = LETTER_STATUS_LABELS[props.status];
  return <Badge tone={tone}>{label}</Badge>;
}

export function RecipientStatusBadge(props: { status: RecipientStatus }) {
  const [label, tone] = RECIPIENT_STATUS_LABELS[props.status];
  return <Badge tone={tone}>{label}</Badge>;
}
