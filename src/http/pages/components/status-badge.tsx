/** @jsxImportSource hono/jsx */
// Coloured status labels for letters and recipients, in Bahasa Indonesia.
import type { Child } from "hono/jsx";

export type Tone = "neutral" | "info" | "teal" | "purple" | "ok" | "bad" | "warning";

export const LETTER_STATUSES = ["draft", "in_review", "approved", "signed", "sent", "closed", "withdrawn"] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/** Delivery statuses of a recipient row plus the tracking states derived from its timestamps. */
export const RECIPIENT_STATUSES = ["queued", "sent", "delivered", "bounced", "failed", "acknowledged", "reported", "overdue"] as const;
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

export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, [string, Tone]> = {
  queued: ["Dalam antrean", "neutral"],
  sent: ["Terkirim", "info"],
  delivered: ["Diterima server", "teal"],
  bounced: ["Ditolak server (bounce)", "bad"],
  failed: ["Gagal dikirim", "bad"],
  acknowledged: ["Dikonfirmasi", "ok"],
  reported: ["Dilaporkan", "purple"],
  overdue: ["Terlambat", "warning"],
};

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
