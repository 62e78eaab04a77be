// The letters that went out, newest sent first: what the Inspektorat follows, and what a violation may refer to.
import type { Letter } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";

export async function listSentLetters(store: Store, limit: number): Promise<Letter[]> {
  return store.db
    .selectFrom("letters")
    .selectAll()
    .where("sent_at", "is not", null)
    .orderBy("sent_at", "desc")
    .limit(limit)
    .execute();
}
