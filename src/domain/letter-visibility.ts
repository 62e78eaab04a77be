// Who may see what of a letter: one pure rule, asked by every route and page that serves a letter's id,
// metadata, text or file (through src/drafting/letter-access.ts). The public policy (README, "Who sees a
// letter"):
// - A letter is public once it is sent (sent or closed): its verify link shows nomor, tentang, date, signer and
//   status, and serves the signed file. It stays public after a withdrawal only to say DICABUT: metadata yes,
//   file no.
// - A signed letter that was never sent is not public: its verify link shows nothing (as for an unknown id).
//   Whoever uploads its own signed file may read its record, because the file already states all of it.
// - A withdrawn letter's file is served to nobody, through no link: not to staff, not by the verify link, not
//   by the acknowledgement link (the emailed attachment cannot be called back; the verify page says DICABUT).
// - A kepala_opd sees only letters sent to its OPD or given to it for paraf; other roles see every letter.
import type { Role } from "./roles.js";
import type { LetterStatus } from "./workflow.js";

export type LetterViewer =
  /** A signed-in user. */
  | { kind: "user"; id: string; role: Role; opdId: string | null }
  /** Whoever holds the verify link /v/:id (the QR code): anyone. */
  | { kind: "verify_link" }
  /** Whoever uploaded this letter's own signed file (checked byte for byte against the stored one). */
  | { kind: "signed_file_holder" }
  /** Whoever holds an OPD's personal acknowledgement link for this letter (its recipients row). */
  | { kind: "ack_link"; opdId: string };

export interface LetterFacts {
  status: LetterStatus;
  /** Ordered reviewer ids (kept after a return). */
  reviewers: readonly string[];
  /** OPDs the letter was sent to; a caller may pass only the viewer's own OPD when it is among them. */
  recipientOpdIds: readonly string[];
  /** When it was sent; stays set after a withdrawal, so a withdrawn letter knows it was once public. */
  sentAt: string | null;
}

export interface LetterVisibility {
  /** The id and metadata: nomor, tentang, status, dates, signer. */
  metadata: boolean;
  /** The letter's content: its input, revisions, events and rendered preview. */
  text: boolean;
  /** A DOCX of it: the signed file, or (for staff) the draft rendered. */
  file: boolean;
}

const NOTHING: LetterVisibility = { metadata: false, text: false, file: false };

/** Sent and not withdrawn: a public circular. */
export function isPublished(f: Pick<LetterFacts, "status">): boolean {
  return f.status === "sent" || f.status === "closed";
}

/** Was public once: sent, closed, or withdrawn after it was sent. */
export function wasPublished(f: Pick<LetterFacts, "status" | "sentAt">): boolean {
  return isPublished(f) || (f.status === "withdrawn" && f.sentAt !== null);
}

/** Whether `role` reads only its own letters (sent to its OPD, or given to it for paraf). */
export function seesOnlyOwnLetters(role: Role): boolean {
  return role === "kepala_opd";
}

export function letterVisibility(viewer: LetterViewer, f: LetterFacts): LetterVisibility {
  const fileAllowed = f.status !== "withdrawn";
  switch (viewer.kind) {
    case "user": {
      if (seesOnlyOwnLetters(viewer.role)) {
        const reviewing = f.reviewers.includes(viewer.id);
        const addressed = viewer.opdId !== null && f.recipientOpdIds.includes(viewer.opdId);
        if (!reviewing && !addressed) return NOTHING;
      }
      return { metadata: true, text: true, file: fileAllowed };
    }
    case "verify_link":
      return { metadata: wasPublished(f), text: isPublished(f), file: isPublished(f) };
    case "signed_file_holder":
      return { metadata: true, text: isPublished(f), file: isPublished(f) };
    case "ack_link": {
      // A token exists only for a recipients row, so its letter was sent to that OPD.
      if (!f.recipientOpdIds.includes(viewer.opdId)) return NOTHING;
      return { metadata: true, text: fileAllowed, file: fileAllowed };
    }
  }
}
