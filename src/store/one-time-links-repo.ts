// Setup and activation links. Rows only: the auth code makes tokens, hashes them and decides what a link
// does. Each change is a query, so the caller puts it in one batch with the password and the audit row.
import type { Compilable, Selectable } from "kysely";
import type { OneTimeLinkPurpose, OneTimeLinksTable } from "./database.js";
import type { Store } from "./store.js";

export type OneTimeLink = Selectable<OneTimeLinksTable>;

/** Deletes the live links of `purpose` for `userId` (null: the setup link): a new link voids the old. */
export function deleteLinksQuery(store: Store, purpose: OneTimeLinkPurpose, userId: string | null): Compilable {
  const q = store.db.deleteFrom("one_time_links").where("purpose", "=", purpose);
  return userId === null ? q.where("user_id", "is", null) : q.where("user_id", "=", userId);
}

export function insertLinkQuery(store: Store, row: OneTimeLink): Compilable {
  return store.db.insertInto("one_time_links").values(row);
}

/** The link of this token hash when it has not expired at `now`. */
export async function findLiveLink(
  store: Store,
  tokenHash: string,
  purpose: OneTimeLinkPurpose,
  now: Date,
): Promise<OneTimeLink | null> {
  return (
    (await store.db
      .selectFrom("one_time_links")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .where("purpose", "=", purpose)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst()) ?? null
  );
}

/**
 * Deletes the link if it is still live: the first statement of a batch whose later statements are guarded on
 * it having gone (its changes() is checked), so two uses of one link cannot both succeed.
 */
export function consumeLinkQuery(store: Store, tokenHash: string, now: Date): Compilable {
  return store.db
    .deleteFrom("one_time_links")
    .where("token_hash", "=", tokenHash)
    .where("expires_at", ">", now.toISOString());
}
