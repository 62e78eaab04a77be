/** @jsxImportSource hono/jsx */
// Coloured status labels for letters and recipients, in Bahasa Indonesia.
import type { Child } from "hono/jsx";
import { recipientStatusLabel } from "../../../domain/recipient-status.js";

export type Tone = "neutral" | "info" | "teal" | "purple" | "ok" | "bad" | "warning";

export const LETTER_STATUSES = ["draft", "in_review", "approved", "signed", "sent", "closed", "withdrawn"] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/** Delivery statuses of a recipient row plus the tracking states derived from its timestamps. */
export const RECIPIENT_STATUSES = [
  "queued",
  "sent",
  "delivered",
  "bounced",
  "failed",
  "acknowledged",
  "reported",
  "overdue",
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const LETTER_STATUS_LABELS: Record<LetterStatus, [string, Tone]> = {
  draft: ["Konsep", "neutral"],
  in_review: ["Dalam paraf", "info"],
  approved: ["Disetujui", "teal"],
  signed: ["Ditandatangani", "purple"],
  sent: ["Terkirim", "ok"],
  closed: ["Selesai", "ok"],
  withdrawn: ["Ditarik", "bad"],
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
export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, [string, Tone]> = Object.fromEntries(
  RECIPIENT_STATUSES.map((s) => [s, [recipientStatusLabel[s], RECIPIENT_TONES[s]]]),
) as Record<RecipientStatus, [string, Tone]>;

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
