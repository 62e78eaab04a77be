// A letter's stored files. The signed DOCX is written once at signing (sign/sign-letter.ts) and never
// changes; everything that serves, attaches or checks it reads it here.
import type { Selectable } from "kysely";
import { AppError } from "../domain/app-error.js";
import type { BlobStore } from "./blob-store.js";
import type { DocumentKind, DocumentsTable } from "./database.js";
import type { Store } from "./store.js";

export type DocumentRow = Selectable<DocumentsTable>;

/** The letter's signed DOCX record (storage key, hash, signature), or undefined before signing. */
export function findSignedDocument(
  store: Store,
  letterId: string,
  kind: DocumentKind = "signed",
): Promise<DocumentRow | undefined> {
  return store.db
    .selectFrom("documents")
    .selectAll()
    .where("letter_id", "=", letterId)
    .where("kind", "=", kind)
    .executeTakeFirst();
}

/** The stored bytes of a document row; document_missing (500) when its blob is gone: the row says it exists. */
export async function documentBytes(blobs: BlobStore, doc: Pick<DocumentRow, "storage_key">): Promise<Uint8Array> {
  const bytes = await blobs.get(doc.storage_key);
  if (!bytes) throw new AppError("document_missing", "Berkas dokumen tidak ditemukan di penyimpanan");
  return bytes;
}
