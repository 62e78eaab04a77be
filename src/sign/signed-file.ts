// The signed DOCX of a letter as bytes, for whoever serves it (the public verify link's download).
import { AppError, notFound } from "../domain/app-error.js";
import type { BlobStore } from "../store/blob-store.js";
import { findSignedDocument } from "../store/documents-repo.js";
import { getLetter } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";

export interface SignedFile {
  letter: { id: string; nomor: string | null };
  bytes: Uint8Array;
}

/**
 * not_found before the letter is signed (or when it does not exist); document_missing when the database
 * knows the file but the blob store does not have it.
 */
export async function readSignedFile(store: Store, blobs: BlobStore, letterId: string): Promise<SignedFile> {
  const doc = await findSignedDocument(store, letterId);
  // The document row's letter_id references letters, so the letter is there whenever the row is.
  const letter = doc ? await getLetter(store, letterId) : null;
  if (!doc || !letter) throw notFound("Dokumen bertanda tangan");
  const bytes = await blobs.get(doc.storage_key);
  if (!bytes) throw new AppError("document_missing", "Berkas dokumen tidak ditemukan di penyimpanan");
  return { letter: { id: letter.id, nomor: letter.nomor }, bytes };
}
