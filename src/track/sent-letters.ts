// The letters that went out, newest sent first: what the Inspektorat follows (its landing page, paged), and what a
// violation may refer to.
import { nextCursorOf, type PageCursor } from "../domain/page-cursor.js";
import { LETTER_LIST_COLUMNS, type LetterListRow, pageLimit } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";

export interface SentLettersPage {
  items: LetterListRow[];
  nextCursor: string | null;
}

/** In the order of letters_sent (sent_at, id) from the cursor on: limit + 1 index entries, no input_json. */
export function sentLettersQuery(store: Store, page: { after?: PageCursor<string>; limit: number }) {
  let q = store.db.selectFrom("letters").select(LETTER_LIST_COLUMNS).where("sent_at", "is not", null);
  const after = page.after;
  if (after) q = q.where((eb) => eb(eb.refTuple("sent_at", "id"), "<", eb.tuple(after.key, after.id)));
  return q
    .orderBy("sent_at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit + 1);
}

export async function sentLettersPage(
  store: Store,
  page: { after?: PageCursor<string>; limit?: number } = {},
): Promise<SentLettersPage> {
  const limit = pageLimit(page.limit);
  const rows = await sentLettersQuery(store, { ...page, limit }).execute();
  return {
    items: rows.slice(0, limit),
    // sent_at is set on every row the query keeps.
    nextCursor: nextCursorOf(rows, limit, (l) => ({ key: l.sent_at ?? "", id: l.id })),
  };
}

/** The newest `limit` sent letters with their input (the violation form offers their sanction clauses). */
export async function recentSentLettersWithInput(store: Store, limit: number) {
  return store.db
    .selectFrom("letters")
    .select(["id", "nomor", "tentang", "input_json"])
    .where("sent_at", "is not", null)
    .orderBy("sent_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
