// The signed DOCX (or PDF) behind a letter's public verify link (/v/:id/dokumen.docx, .pdf), as the public policy allows it
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
export async function readSignedFile(
  deps: LetterFileDeps,
  letterId: string,
  kind: "signed" | "signed_pdf" = "signed",
): Promise<SignedFile> {
  const file = await letterFile(deps, { kind: "verify_link" }, letterId, kind);
  return { letter: { id: file.letter.id, nomor: file.letter.nomor }, bytes: file.bytes };
}
