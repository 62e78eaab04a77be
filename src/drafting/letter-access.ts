// Who may see which letter. A kepala_opd sees only the letters addressed to their OPD (a recipients row)
// and those they are named to paraf (reviewers_json, which a return keeps); every other role sees all.
// Pages and /api/letters both ask here, so the two can never disagree. A letter the user may not see is
// answered as not found, never as forbidden, so its existence is not revealed.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { AuthUser } from "../auth/auth-user.js";
import { notFound } from "../domain/app-error.js";
import type { Database } from "../store/database.js";
import { letterReviewers } from "../store/letter-json.js";
import {
  escapeLike,
  getLetter,
  type Letter,
  type LetterFilter,
  type LetterPage,
  listLetters,
} from "../store/letters-repo.js";
import type { Store } from "../store/store.js";

export type LetterViewer = Pick<AuthUser, "id" | "role" | "opdId">;

/** Whether the viewer's reads are limited to their own letters. */
export function isRestrictedViewer(user: LetterViewer): boolean {
  return user.role === "kepala_opd";
}

/**
 * A WHERE condition on `letters` that keeps only the letters `user` may see; null when they see every letter.
 * Correlated EXISTS on recipients(letter_id) plus a LIKE on the JSON array of reviewer ids (a quoted id
 * matches one whole element), so a list query stays one indexed statement however many letters there are.
 */
export function visibleLetterFilter(
  user: LetterViewer,
): ((eb: ExpressionBuilder<Database, "letters">) => Expression<SqlBool>) | null {
  if (!isRestrictedViewer(user)) return null;
  const reviewerPattern = `%${escapeLike(JSON.stringify(user.id))}%`;
  return (eb) => {
    const reviewing = sql<SqlBool>`${eb.ref("letters.reviewers_json")} LIKE ${reviewerPattern} ESCAPE '\\'`;
    if (!user.opdId) return reviewing;
    const addressed = eb.exists(
      eb
        .selectFrom("recipients")
        .select(sql`1`.as("one"))
        .whereRef("recipients.letter_id", "=", "letters.id")
        .where("recipients.opd_id", "=", user.opdId),
    );
    return eb.or([addressed, reviewing]);
  };
}

/** Whether `user` may see the letter `row`. */
export async function canSeeLetter(
  store: Store,
  user: LetterViewer,
  row: Pick<Letter, "id" | "reviewers_json">,
): Promise<boolean> {
  if (!isRestrictedViewer(user)) return true;
  if (letterReviewers(row).includes(user.id)) return true;
  if (!user.opdId) return false;
  const sent = await store.db
    .selectFrom("recipients")
    .select("id")
    .where("letter_id", "=", row.id)
    .where("opd_id", "=", user.opdId)
    .executeTakeFirst();
  return sent !== undefined;
}

/** The letter when it exists and `user` may see it; 404 not_found otherwise (the same answer for both). */
export async function visibleLetter(store: Store, user: LetterViewer, id: string): Promise<Letter> {
  const row = await getLetter(store, id);
  if (!row || !(await canSeeLetter(store, user, row))) throw notFound("Surat");
  return row;
}

/** listLetters limited to what `user` may see; the same filters, order and paging. */
export async function listVisibleLetters(store: Store, user: LetterViewer, f: LetterFilter = {}): Promise<LetterPage> {
  const visible = visibleLetterFilter(user);
  return listLetters(store, visible ? { ...f, where: visible } : f);
}
