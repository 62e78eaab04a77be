// "Perlu tindakan saya": what waits for one person now, most urgent first. A pemaraf's turn, a signer's approval
// and signature, the secretariat's letters to send, returned drafts and failed emails, an OPD head's letters to
// acknowledge and to report on, the Inspektorat's escalated OPDs. Every list is read through an index that holds
// only open rows (migration 0240), failed emails and escalations of the last RECENT_DAYS only, and is capped, so the
// page and its count in the menu stay cheap however long the history.
import { sql } from "kysely";
import { REVIEWER_ROLES } from "../domain/reviewers.js";
import type { Role } from "../domain/roles.js";
import type { Store } from "../store/store.js";

export const waitingKinds = [
  "sign",
  "approve",
  "paraf",
  "returned",
  "send",
  "delivery_problem",
  "acknowledge",
  "report",
  "follow_up",
] as const;
export type WaitingKind = (typeof waitingKinds)[number];

export interface WaitingItem {
  kind: WaitingKind;
  letterId: string;
  nomor: string | null;
  tentang: string;
  /** Since when it waits (ISO). */
  since: string;
  /** The return's reason, or how many OPDs an item is about. */
  note: string | null;
  count: number | null;
}

export interface WaitingUser {
  id: string;
  role: Role;
  opdId: string | null;
}

/** Items per list at most: a person's page, not a report. */
export const WAITING_LIMIT = 50;

/**
 * Failed emails and escalated OPDs are listed for letters of the last RECENT_DAYS: older ones are the matrix's and
 * the audit's to show, and a list of every one of them would grow with the years.
 */
export const RECENT_DAYS = 90;

const SECRETARIAT: readonly Role[] = ["sekretariat", "admin"];
const AUDITORS: readonly Role[] = ["inspektorat", "admin"];

type LetterRow = { id: string; nomor: string | null; tentang: string; updated_at: string };
const item = (kind: WaitingKind, l: LetterRow, extra: Partial<WaitingItem> = {}): WaitingItem => ({
  kind,
  letterId: l.id,
  nomor: l.nomor,
  tentang: l.tentang,
  since: l.updated_at,
  note: null,
  count: null,
  ...extra,
});

function lettersIn(store: Store, status: "in_review" | "approved" | "signed" | "draft") {
  return store.db
    .selectFrom("letters")
    .select(["id", "nomor", "tentang", "updated_at", "input_json", "reviewers_json", "review_step"])
    .where("status", "=", status)
    .orderBy("updated_at")
    .limit(200);
}

/** The letter's named signer, if its input names one (an older letter names none: any signer may act). */
const namedSigner = sql<string | null>`json_extract(input_json, '$.signer.userId')`;

export async function waitingForMe(store: Store, user: WaitingUser, now: Date): Promise<WaitingItem[]> {
  const out: WaitingItem[] = [];
  const recent = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  // Only a possible pemaraf or the signer has anything in review: the Inspektorat's menu count skips this read.
  const reviews = REVIEWER_ROLES.some((r) => r === user.role) || user.role === "penandatangan";
  const inReview = !reviews
    ? []
    : await lettersIn(store, "in_review")
        .select([
          sql<string | null>`json_extract(reviewers_json, '$[' || review_step || ']')`.as("current_reviewer"),
          sql<number>`json_array_length(reviewers_json)`.as("reviewer_count"),
          namedSigner.as("signer_id"),
        ])
        .execute();
  for (const l of inReview) if (l.current_reviewer === user.id) out.push(item("paraf", l));
  if (user.role === "penandatangan") {
    for (const l of inReview) {
      const complete = l.review_step >= Number(l.reviewer_count);
      if (complete && (l.signer_id === null || l.signer_id === user.id)) out.push(item("approve", l));
    }
    const approved = await lettersIn(store, "approved").select(namedSigner.as("signer_id")).execute();
    for (const l of approved) if (l.signer_id === null || l.signer_id === user.id) out.push(item("sign", l));
  }
  if (SECRETARIAT.includes(user.role)) {
    for (const l of await lettersIn(store, "signed").execute()) out.push(item("send", l));
    const drafts = await lettersIn(store, "draft")
      .select((eb) =>
        // The draft's last event, read once: "return|reason" when it came back with a reason.
        eb
          .selectFrom("letter_events as e")
          .select(sql<string>`e.action || '|' || coalesce(e.comment, '')`.as("v"))
          .whereRef("e.letter_id", "=", "letters.id")
          .orderBy("e.created_at", "desc")
          .limit(1)
          .as("last_event"),
      )
      .execute();
    for (const l of drafts) {
      if (!l.last_event?.startsWith("return|")) continue;
      const note = l.last_event.slice("return|".length);
      out.push(item("returned", l, { note: note || null }));
    }
    // CROSS JOIN fixes SQLite's join order: from the few open rows of the partial index, never from every sent letter.
    const problems = await store.db
      .selectFrom("recipients")
      .crossJoin("letters")
      .whereRef("letters.id", "=", "recipients.letter_id")
      .select(["letters.id", "letters.nomor", "letters.tentang", "letters.updated_at"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      // Written as migration 0240's partial index says it (literals, not bound values), so SQLite reads that index.
      .where(sql<boolean>`recipients.status IN ('failed', 'bounced')`)
      .where("recipients.created_at", ">=", recent)
      .where("letters.status", "=", "sent")
      .groupBy("letters.id")
      .limit(WAITING_LIMIT)
      .execute();
    for (const l of problems) out.push(item("delivery_problem", l, { count: Number(l.n) }));
  }
  if (user.role === "kepala_opd" && user.opdId) {
    const open = await store.db
      .selectFrom("recipients")
      .innerJoin("letters", "letters.id", "recipients.letter_id")
      .select(["letters.id", "letters.nomor", "letters.tentang", "recipients.sent_at", "recipients.acknowledged_at"])
      .where("recipients.opd_id", "=", user.opdId)
      .where("recipients.acknowledged_at", "is", null)
      .where("recipients.sent_at", "is not", null)
      .where("letters.status", "=", "sent")
      .orderBy("recipients.created_at")
      .limit(WAITING_LIMIT)
      .execute();
    for (const r of open) out.push(item("acknowledge", { ...r, updated_at: r.sent_at ?? "" }));
    const unreported = await store.db
      .selectFrom("recipients")
      .innerJoin("letters", "letters.id", "recipients.letter_id")
      .select(["letters.id", "letters.nomor", "letters.tentang", "recipients.acknowledged_at"])
      .where("recipients.opd_id", "=", user.opdId)
      .where("recipients.acknowledged_at", "is not", null)
      .where("recipients.reported_at", "is", null)
      .where("letters.status", "=", "sent")
      .orderBy("recipients.created_at")
      .limit(WAITING_LIMIT)
      .execute();
    for (const r of unreported) out.push(item("report", { ...r, updated_at: r.acknowledged_at ?? "" }));
  }
  if (AUDITORS.includes(user.role)) {
    const escalated = await store.db
      .selectFrom("recipients")
      .crossJoin("letters")
      .whereRef("letters.id", "=", "recipients.letter_id")
      .select(["letters.id", "letters.nomor", "letters.tentang"])
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("recipients.escalated_at").as("since")])
      .where("recipients.escalated_at", "is not", null)
      .where("recipients.escalated_at", ">=", recent)
      .where("recipients.acknowledged_at", "is", null)
      .where("letters.status", "=", "sent")
      .groupBy("letters.id")
      .limit(WAITING_LIMIT)
      .execute();
    for (const l of escalated)
      out.push(item("follow_up", { ...l, updated_at: String(l.since ?? "") }, { count: Number(l.n) }));
  }
  const rank = (k: WaitingKind) => waitingKinds.indexOf(k);
  return out
    .sort((a, b) => rank(a.kind) - rank(b.kind) || (a.since < b.since ? -1 : a.since > b.since ? 1 : 0))
    .slice(0, WAITING_LIMIT * waitingKinds.length);
}
