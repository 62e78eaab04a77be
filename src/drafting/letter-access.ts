// Who may see which letter, applied: every route and page that serves a letter's id, metadata, text or file
// asks here, and here asks the one pure rule (src/domain/letter-visibility.ts). A kepala_opd sees only the
// letters addressed to their OPD (a recipients row) and those they are named to paraf (letter_reviewers beside
// reviewers_json, which a return keeps); every other role sees all; the verify and acknowledgement links see what the public
// policy gives them. A letter the viewer may not see is answered as not found, never as forbidden, so its
// existence is not revealed; a withdrawn letter they may see answers 410 for its file.
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { AuthUser } from "../auth/auth-user.js";
import { AppError, notFound } from "../domain/app-error.js";
import {
  type LetterFacts,
  type LetterVisibility,
  letterVisibility,
  seesOnlyOwnLetters,
  type LetterViewer as Viewer,
} from "../domain/letter-visibility.js";
import { letterStatusSchema } from "../domain/workflow.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Database } from "../store/database.js";
import { documentBytes, findSignedDocument } from "../store/documents-repo.js";
import { letterReviewers } from "../store/letter-json.js";
import { getLetter, type Letter, type LetterFilter, type LetterPage, listLetters } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";
import { findRecipientByToken } from "../track/acknowledge.js";
import { letterDocx } from "./letter-docx.js";
import { type PreviewDeps, renderLetterPreview } from "./preview-letter.js";

export type LetterViewer = Pick<AuthUser, "id" | "role" | "opdId">;

const asViewer = (u: LetterViewer): Viewer => ({ kind: "user", id: u.id, role: u.role, opdId: u.opdId ?? null });

/** Whether the viewer's reads are limited to their own letters. */
export function isRestrictedViewer(user: LetterViewer): boolean {
  return seesOnlyOwnLetters(user.role);
}

/**
 * A WHERE condition on `letters` that keeps only the letters `user` may see; null when they see every letter.
 * The SQL form of letterVisibility's metadata cell for a user (the list must agree with the letter page):
 * the letter's id among those of the OPD's recipients rows (recipients_opd_created) and of the user's
 * letter_reviewers rows (letter_reviewers_user). Read from those two indexes, the list costs what the viewer's
 * own letters cost, not a test of every letter of the Pemda's history.
 */
export function visibleLetterFilter(
  user: LetterViewer,
): ((eb: ExpressionBuilder<Database, "letters">) => Expression<SqlBool>) | null {
  if (!isRestrictedViewer(user)) return null;
  const opdId = user.opdId;
  // Two IN lists rather than one over a UNION: D1 caps the terms of a compound SELECT.
  return (eb) => {
    const reviewing = eb(
      "letters.id",
      "in",
      eb.selectFrom("letter_reviewers").select("letter_reviewers.letter_id").where("user_id", "=", user.id),
    );
    if (!opdId) return reviewing;
    const addressed = eb(
      "letters.id",
      "in",
      eb.selectFrom("recipients").select("recipients.letter_id").where("recipients.opd_id", "=", opdId),
    );
    return eb.or([addressed, reviewing]);
  };
}

/** The rule's facts of `row`; of the recipients only the viewer's own OPD is looked up (all the rule asks). */
async function factsOf(store: Store, row: Letter, viewer: Viewer): Promise<LetterFacts> {
  const opdId = viewer.kind === "ack_link" ? viewer.opdId : viewer.kind === "user" ? viewer.opdId : null;
  const addressed =
    opdId !== null &&
    (await store.db
      .selectFrom("recipients")
      .select("id")
      .where("letter_id", "=", row.id)
      .where("opd_id", "=", opdId)
      .executeTakeFirst()) !== undefined;
  return {
    // A status outside the enum is a broken row; parse throws rather than guess what it may show.
    status: letterStatusSchema.parse(row.status),
    reviewers: letterReviewers(row),
    recipientOpdIds: addressed && opdId !== null ? [opdId] : [],
    sentAt: row.sent_at,
  };
}

export interface LetterAccess {
  letter: Letter;
  may: LetterVisibility;
}

/** The letter and what `viewer` may see of it; null when it does not exist. */
export async function letterAccess(store: Store, viewer: Viewer, id: string): Promise<LetterAccess | null> {
  const letter = await getLetter(store, id);
  if (!letter) return null;
  return { letter, may: letterVisibility(viewer, await factsOf(store, letter, viewer)) };
}

/** Whether `user` may see the letter `row` (its id and metadata). */
export async function canSeeLetter(store: Store, user: LetterViewer, row: Letter): Promise<boolean> {
  const viewer = asViewer(user);
  return letterVisibility(viewer, await factsOf(store, row, viewer)).metadata;
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

export interface LetterFileDeps extends PreviewDeps {
  store: Store;
  blobs: BlobStore;
}

/**
 * Which DOCX: "signed", the stored signed file (not_found before signing); "rendered", the letter rendered as
 * it stands now; "current", what the letter page offers (letterDocx: the signed file once there is one).
 */
export type LetterFileKind = "signed" | "signed_pdf" | "rendered" | "current";

export interface LetterFile {
  letter: Letter;
  bytes: Uint8Array;
  /** "ttd": the signed file; "konsep": rendered now, unsigned. */
  variant: "ttd" | "konsep";
}

/**
 * A DOCX of letter `id` for `viewer`: 404 when they may not see the letter, or may see it but not its file
 * (a signed letter not yet sent, by its verify link); 410 letter_withdrawn when it was withdrawn.
 */
export async function letterFile(
  deps: LetterFileDeps,
  viewer: Viewer,
  id: string,
  kind: LetterFileKind,
): Promise<LetterFile> {
  const access = await letterAccess(deps.store, viewer, id);
  const what = kind === "signed" ? "Dokumen bertanda tangan" : kind === "signed_pdf" ? "PDF bertanda tangan" : "Surat";
  if (!access?.may.metadata) throw notFound(what);
  const { letter, may } = access;
  if (!may.file) {
    // Seen but not served: say why when it is a withdrawal, which the viewer may already know of.
    if (letter.status === "withdrawn") {
      throw new AppError("letter_withdrawn", "Surat ini telah dicabut; berkasnya tidak lagi dapat diunduh");
    }
    throw notFound(what);
  }
  if (kind === "current") return { letter, ...(await letterDocx(deps, letter)) };
  if (kind === "rendered") return { letter, bytes: await renderLetterPreview(deps, letter), variant: "konsep" };
  const signed = await findSignedDocument(deps.store, id, kind);
  if (!signed) throw notFound(what);
  return { letter, bytes: await documentBytes(deps.blobs, signed), variant: "ttd" };
}

/** letterFile for a signed-in user. */
export function userLetterFile(
  deps: LetterFileDeps,
  user: LetterViewer,
  id: string,
  kind: LetterFileKind,
): Promise<LetterFile> {
  return letterFile(deps, asViewer(user), id, kind);
}

/** A signed file behind an acknowledgement link (the DOCX or the PDF); null for a token that names no recipient. */
export async function ackLinkFile(
  deps: LetterFileDeps,
  token: string,
  kind: "signed" | "signed_pdf" = "signed",
): Promise<LetterFile | null> {
  const found = await findRecipientByToken(deps.store, token);
  if (!found) return null;
  return letterFile(deps, { kind: "ack_link", opdId: found.recipient.opd_id }, found.letter.id, kind);
}
