// An OPD a letter was not sent to, and why: shown wherever the letter's recipients are counted, so an OPD left out
// at sending is never invisible (issue #15).
import { z } from "zod";

export const notSentReasons = ["no_email", "not_selected"] as const;
export type NotSentReason = (typeof notSentReasons)[number];

/** As letters.not_sent_json stores the list. */
export const notSentListSchema = z.array(
  z.object({ opdId: z.string(), name: z.string(), reason: z.enum(notSentReasons) }),
);
export type NotSentOpd = z.output<typeof notSentListSchema>[number];

export const NOT_SENT_REASON_TEXT: Record<NotSentReason, string> = {
  no_email: "belum ada alamat email",
  not_selected: "tidak dipilih saat pengiriman",
};

/** The OPDs of `all` that are not among `sentTo`, in the order of `all`. */
export function notSentOpds(
  all: readonly { id: string; name: string; email: string | null }[],
  sentTo: ReadonlySet<string>,
): NotSentOpd[] {
  return all
    .filter((o) => !sentTo.has(o.id))
    .map(
      (o): NotSentOpd => ({
        opdId: o.id,
        name: o.name,
        reason: !o.email || o.email.trim() === "" ? "no_email" : "not_selected",
      }),
    );
}

/** "Dinas A (belum ada alamat email), Dinas B (tidak dipilih saat pengiriman)" */
export function notSentText(list: readonly NotSentOpd[]): string {
  return list.map((o) => `${o.name} (${NOT_SENT_REASON_TEXT[o.reason]})`).join(", ");
}
