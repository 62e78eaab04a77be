// The signed DOCX behind a letter's public verify link (/v/:id/dokumen.docx), as the public policy allows it
// (src/domain/letter-visibility.ts): the file of a sent letter only.
import { type LetterFileDeps, letterFile } from "../drafting/letter-access.js";

export interface SignedFile {
  letter: { id: string; nomor: string | null };
  bytes: Uint8Array;
}

/**
 * not_found for an unknown letter, one not signed, or one signed but not sent (not public yet); 410
 * letter_withdrawn once withdrawn; document_missing when the database knows the file but the blob store
 * does not have it.
 */
export async function readSignedFile(deps: LetterFileDeps, letterId: string): Promise<SignedFile> {
  const file = await letterFile(deps, { kind: "verify_link" }, letterId, "signed");
  return { letter: { id: file.letter.id, nomor: file.letter.nomor }, bytes: file.bytes };
}
