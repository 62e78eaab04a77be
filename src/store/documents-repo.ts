// A letter's stored files. The signed DOCX is written once at signing (sign/sign-letter.ts) and never
// changes; everything that serves, attaches or checks it reads it here.
import type { Selectable } from "kysely";
import type { DocumentsTable } from "./database.js";
import type { Store } from "./store.js";

export type DocumentRow = Selectable<DocumentsTable>;

/** The letter's signed DOCX record (storage key, hash, signature), or undefined before signing. */
export function findSignedDocument(store: Store, letterId: string): Promise<DocumentRow | undefined> {
  return store.db
    .selectFrom("documents")
    .selectAll()
    .where("letter_id", "=", letterId)
    .where("kind", "=", "signed")
    .executeTakeFirst();
}
