// One letter as its page shows it, read once for every role: the row, the paraf chain with this round's paraf
// and whose turn it is, revisions and events with the people's names, the signed document, what the viewer may
// choose next (pemaraf for a draft, OPDs for a signed letter), and once sent its delivery: every OPD's row with
// its latest letter message for the roles that track deliveries, or the OPD head's own receipt.
import { ackTokenFor } from "../domain/ack-token.js";
import type { Clock } from "../domain/clock.js";
import { isTracker } from "../domain/roles.js";
import { reviewProgress } from "../domain/workflow.js";
import { type DocumentRow, findSignedDocument } from "../store/documents-repo.js";
import { letterInputDelivery } from "../store/letter-json.js";
import { type Letter, listEvents, listRevisions } from "../store/letters-repo.js";
import { listOpds } from "../store/opd-repo.js";
import type { Store } from "../store/store.js";
import { userNamesById } from "../store/users-repo.js";
import { latestLetterMessages } from "../track/letter-messages.js";
import { type LetterStatusView, letterStatus, type RecipientStatusView } from "../track/letter-status.js";
import { type LetterViewer, visibleLetter } from "./letter-access.js";
import { type ReviewerOption, reviewerOptions } from "./reviewer-options.js";
import { workflowState } from "./transition-letter.js";

export interface LetterDetailDeps {
  store: Store;
  clock: Clock;
  config: { ackSecret: string };
}

export interface DetailReviewer {
  id: string;
  /** The display name, or the id when the account is gone. */
  name: string;
  jabatan: string | null;
  /** When they gave paraf in the current round; null while pending. */
  parafAt: string | null;
}

export interface DetailRevision {
  revision: number;
  createdAt: string;
  createdByName: string;
}

export interface DetailEvent {
  action: string;
  fromStatus: string;
  toStatus: string;
  actorName: string;
  comment: string | null;
  createdAt: string;
}

export interface SendOpd {
  id: string;
  name: string;
  email: string | null;
  /** Ticked on the send form: chosen by the draft (or every OPD) and has an email address. */
  selected: boolean;
}

export interface DeliveryRow {
  recipient: RecipientStatusView;
  /** The message "Kirim ulang" re-queues: a failed one, or the last one to an address that bounced; else null. */
  retryMessageId: string | null;
  /** Why the latest message failed, when it did. */
  lastError: string | null;
}

export interface LetterDetail {
  letter: Letter;
  createdByName: string;
  /** The letter's deadline once sent, else the one its input asks for. */
  ackDeadline: string | null;
  /** The paraf chain in order. */
  reviewers: DetailReviewer[];
  /** The viewer's paraf is due now. */
  isCurrentReviewer: boolean;
  /** In review with every paraf in: the letter waits for approval. */
  reviewComplete: boolean;
  revisions: DetailRevision[];
  events: DetailEvent[];
  signedDocument: DocumentRow | null;
  /** The PAdES-signed PDF beside the DOCX; null before signing or for a letter signed as DOCX only. */
  signedPdf: DocumentRow | null;
  /** A draft's possible pemaraf for the viewer; empty otherwise. */
  reviewerOptions: ReviewerOption[];
  /** A signed letter's send form; empty otherwise. */
  sendOpds: SendOpd[];
  /** A sent letter's "Kirim ke OPD yang belum": the OPDs it has not reached, for the secretariat; else empty. */
  remainingOpds: SendOpd[];
  /** Once sent (also closed or withdrawn), for the roles that track deliveries; null otherwise. */
  delivery: { status: LetterStatusView; rows: DeliveryRow[] } | null;
  /** Once sent, for the head of a recipient OPD: their own row and the token of their personal link. */
  ownReceipt: { recipient: RecipientStatusView; ackToken: string } | null;
}

/** Ids in letter_events / letter_revisions that name no account: an OPD head acknowledging, the system. */
const isAccountId = (id: string) => !id.startsWith("recipient:") && id !== "system";

/** The letter `id` as `viewer` may see it; 404 like visibleLetter when they may not. */
export async function letterDetail(deps: LetterDetailDeps, viewer: LetterViewer, id: string): Promise<LetterDetail> {
  const { store, clock } = deps;
  const row = await visibleLetter(store, viewer, id);
  const state = workflowState(row);
  const input = letterInputDelivery(row);
  const [events, revisions, signed, signedPdf] = await Promise.all([
    listEvents(store, id),
    listRevisions(store, id),
    findSignedDocument(store, id),
    findSignedDocument(store, id, "signed_pdf"),
  ]);
  const names = await userNamesById(
    store,
    [
      row.created_by,
      ...state.reviewers,
      ...events.map((e) => e.actor_id),
      ...revisions.map((r) => r.created_by),
    ].filter(isAccountId),
  );
  const nameOf = (uid: string) => names.get(uid)?.name ?? uid;
  const progress = reviewProgress(
    state,
    events.map((e) => ({ action: e.action, actorId: e.actor_id, at: e.created_at })),
  );
  const tracked = row.status === "sent" || row.status === "closed" || row.status === "withdrawn";
  const view = tracked ? await letterStatus(store, clock, id) : null;
  return {
    letter: row,
    createdByName: nameOf(row.created_by),
    ackDeadline: row.ack_deadline ?? input.ackDeadline ?? null,
    reviewers: state.reviewers.map((uid) => ({
      id: uid,
      name: nameOf(uid),
      jabatan: names.get(uid)?.jabatan ?? null,
      parafAt: progress.parafAt.get(uid) ?? null,
    })),
    isCurrentReviewer: progress.current !== null && progress.current === viewer.id,
    reviewComplete: progress.complete,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      createdAt: r.created_at,
      createdByName: nameOf(r.created_by),
    })),
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: nameOf(e.actor_id),
      comment: e.comment,
      createdAt: e.created_at,
    })),
    signedDocument: signed ?? null,
    signedPdf: signedPdf ?? null,
    reviewerOptions: row.status === "draft" ? await reviewerOptions(store, viewer.id) : [],
    sendOpds: row.status === "signed" ? await sendOpds(store, input.recipients) : [],
    remainingOpds:
      view && row.status === "sent" && (viewer.role === "sekretariat" || viewer.role === "admin")
        ? await remainingOpds(store, new Set(view.recipients.map((r) => r.opdId)))
        : [],
    delivery: view && isTracker(viewer.role) ? { status: view, rows: await deliveryRows(store, view) } : null,
    ownReceipt: view ? await ownReceipt(deps, viewer, view) : null,
  };
}

async function sendOpds(store: Store, chosenByDraft: "all" | string[] | undefined): Promise<SendOpd[]> {
  const chosen = chosenByDraft === "all" || !chosenByDraft ? null : new Set(chosenByDraft);
  return (await listOpds(store)).map((o) => ({
    id: o.id,
    name: o.name,
    email: o.email,
    selected: Boolean(o.email) && (chosen ? chosen.has(o.id) : true),
  }));
}

/** Every OPD the letter has not reached; those with an address are ticked. */
async function remainingOpds(store: Store, reached: ReadonlySet<string>): Promise<SendOpd[]> {
  return (await listOpds(store))
    .filter((o) => !reached.has(o.id))
    .map((o) => ({ id: o.id, name: o.name, email: o.email, selected: Boolean(o.email) }));
}

async function deliveryRows(store: Store, view: LetterStatusView): Promise<DeliveryRow[]> {
  if (!view.recipients.length) return [];
  const latest = await latestLetterMessages(store, view.letter.id);
  const resendable = view.letter.status === "sent" || view.letter.status === "closed";
  return view.recipients.map((r) => {
    const msg = latest.get(r.recipientId);
    return {
      recipient: r,
      // A failed message is re-queued; a bounced one goes again (to the corrected address) from its last row.
      retryMessageId: resendable && msg && (msg.status === "failed" || r.status === "bounced") ? msg.id : null,
      lastError: msg?.status === "failed" ? msg.lastError : null,
    };
  });
}

async function ownReceipt(
  deps: LetterDetailDeps,
  viewer: LetterViewer,
  view: LetterStatusView,
): Promise<LetterDetail["ownReceipt"]> {
  if (viewer.role !== "kepala_opd" || !viewer.opdId) return null;
  const mine = view.recipients.find((r) => r.opdId === viewer.opdId);
  if (!mine) return null;
  return { recipient: mine, ackToken: await ackTokenFor(deps.config.ackSecret, mine.recipientId) };
}
