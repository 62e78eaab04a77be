// The Pemda's reminder policy and the one rule that reads it: for an unacknowledged recipient whose reminder is
// due, either one more reminder or escalation (no more reminders, marked once). Defaults follow Documenso's
// (a cap on reminders and a 30-day limit), so a stored profile without the group behaves like that.
import { z } from "zod";
import { ackDeadlineEnd } from "./recipient-status.js";

export const ESCALATION_REASONS = ["cap_reached", "too_late"] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const escalationReasonLabel: Record<EscalationReason, string> = {
  cap_reached: "batas jumlah pengingat tercapai",
  too_late: "terlalu lama lewat batas waktu",
};

const wholeNumber = (label: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `${label} harus berupa angka` })
    .int(`${label} harus bilangan bulat`)
    .min(min, `${label} paling kecil ${min} ${unit}`)
    .max(max, `${label} paling besar ${max} ${unit}`);

export const DEFAULT_REMINDER_POLICY = { maxPerRecipient: 3, stopAfterDaysPastDeadline: 30 } as const;

export const reminderPolicySchema = z
  .strictObject({
    /** Reminders per recipient; the next due one escalates instead. */
    maxPerRecipient: wholeNumber("Jumlah pengingat", 0, 20, "kali").default(DEFAULT_REMINDER_POLICY.maxPerRecipient),
    /** No reminder once the deadline ended more than this many days ago; the recipient escalates instead. */
    stopAfterDaysPastDeadline: wholeNumber("Batas hari setelah tenggat", 0, 365, "hari").default(
      DEFAULT_REMINDER_POLICY.stopAfterDaysPastDeadline,
    ),
    /** Hours after sending and between reminders; absent = the installation's REMINDER_INTERVAL_HOURS. */
    intervalHours: wholeNumber("Jeda pengingat", 1, 24 * 30, "jam").optional(),
  })
  .default({ ...DEFAULT_REMINDER_POLICY });
export type ReminderPolicy = z.infer<typeof reminderPolicySchema>;

/** What the rule reads of a recipient whose reminder is due (the interval has passed). */
export interface DueRecipient {
  reminder_count: number;
  ack_deadline: string | null;
}

/** What the matrix and the letter page say of an escalated recipient. */
export function escalationText(reason: EscalationReason, reminders: number): string {
  return reason === "cap_reached"
    ? `Pengingat dihentikan setelah ${reminders} kali; perlu ditindaklanjuti`
    : "Pengingat dihentikan: terlalu lama lewat batas waktu; perlu ditindaklanjuti";
}

export type ReminderDecision = { kind: "remind"; n: number } | { kind: "escalate"; reason: EscalationReason };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The cap first: a recipient who had every reminder escalates for that even when it is also late. */
export function reminderDecision(r: DueRecipient, policy: ReminderPolicy, now: Date): ReminderDecision {
  if (r.reminder_count >= policy.maxPerRecipient) return { kind: "escalate", reason: "cap_reached" };
  const end = ackDeadlineEnd(r.ack_deadline);
  if (end !== null && now.getTime() - end.getTime() > policy.stopAfterDaysPastDeadline * DAY_MS) {
    return { kind: "escalate", reason: "too_late" };
  }
  return { kind: "remind", n: r.reminder_count + 1 };
}
