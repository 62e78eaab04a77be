// The default MessageBuilder: reads the row's recipient, letter, OPD and signed files, rebuilds the
// acknowledgement link from the derived token (see ack-token.ts) and renders the letter or reminder email. In the
// Pemda profile's delivery mode "link" (the default) the letter email carries no files but the OPD head's personal
// links (the acknowledgement page, which shows the letter, and its PDF and DOCX downloads), so it can go through
// the provider's batch endpoint. In mode "attach" it attaches the signed PDF when the letter has one and the signed
// DOCX as delivery.attachDocx says (always when there is no PDF: the OPD head must get the letter).

import { ackTokenFor } from "../domain/ack-token.js";
import type { Clock } from "../domain/clock.js";
import { RECIPIENT_TAG } from "../domain/email-tags.js";
import { formatTanggal, formatTanggalWaktuWib } from "../domain/indonesian-date.js";
import { DOCX_CONTENT_TYPE, letterDocxFileName, PDF_CONTENT_TYPE } from "../domain/letter-file-name.js";
import { deadlinePassed } from "../domain/recipient-status.js";
import type { LetterAttachment, LetterDownload } from "../emails/letter-email.js";
import type { BlobStore } from "../store/blob-store.js";
import { chunkIn } from "../store/chunk-rows.js";
import { letterInputDeadline, letterInputGovernment } from "../store/letter-json.js";
import { currentPemdaProfile, letterGovernmentName } from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";
import { lazyEmailBodies } from "./lazy-email-bodies.js";
import type { EmailAttachment, OutgoingEmail } from "./mailer.js";
import { OPD_ID_HEADER, OPD_NAME_HEADER } from "./message-headers.js";
import type { OutboxRow } from "./outbox-repo.js";
import type { MessageBuilder } from "./outbox-worker.js";

export interface MessageBuilderDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  ackSecret: string;
  /** 'Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.go.id>' */
  from: string;
  /**
   * Where the OPD head acknowledges: e.g. token => `${base}/tanda-terima/${token}`. The page's downloads sit
   * beside it at `/pdf` and `/docx` (paths.ackPdf, paths.ackDocx).
   */
  ackUrl(token: string): string;
  /** Where anyone checks the signed file: letterId => `${base}/v/${letterId}` (the QR code's target too). */
  verifyUrl(letterId: string): string;
}

// A header value must stay plain ASCII to pass every provider untouched; a name that is not is left out.
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

export class MessageBuildError extends Error {}

/** Everything a row's message is built from, read in one statement per row or per slice of rows. */
function recipientContextQuery(store: Store) {
  return store.db
    .selectFrom("recipients")
    .innerJoin("letters", "letters.id", "recipients.letter_id")
    .innerJoin("opd", "opd.id", "recipients.opd_id")
    .leftJoin("documents", (j) => j.onRef("documents.letter_id", "=", "letters.id").on("documents.kind", "=", "signed"))
    .leftJoin("documents as pdf", (j) => j.onRef("pdf.letter_id", "=", "letters.id").on("pdf.kind", "=", "signed_pdf"))
    .select([
      "recipients.id as recipientId",
      "recipients.email",
      "recipients.overdue_at",
      "recipients.acknowledged_at",
      "letters.status as letterStatus",
      "letters.id as letterId",
      "letters.nomor",
      "letters.tentang",
      "letters.ack_deadline",
      "letters.input_json",
      "letters.profile_version",
      "letters.withdrawn_at",
      "letters.withdrawn_reason",
      "opd.id as opdId",
      "opd.name as opdName",
      "opd.head_title",
      "documents.id as documentId",
      "documents.storage_key",
      "pdf.storage_key as pdfKey",
    ]);
}

type RecipientContext = NonNullable<Awaited<ReturnType<ReturnType<typeof recipientContextQuery>["executeTakeFirst"]>>>;
type CurrentProfile = Awaited<ReturnType<typeof currentPemdaProfile>>;

// The context query binds two kinds besides the ids.
const CONTEXT_RESERVED_PARAMETERS = 2;

export function createMessageBuilder(deps: MessageBuilderDeps): MessageBuilder {
  // Profile versions never change once written, so each version's government name is read once per builder.
  const governments = new Map<number | null, Promise<string | null>>();
  const governmentOf = (version: number | null) => {
    let name = governments.get(version);
    if (!name) {
      name = letterGovernmentName(deps.store, { profile_version: version }, undefined);
      if (version !== null) governments.set(version, name);
    }
    return name;
  };
  /** The row's email, from what a prefetch read for it (`ready`) or read now. */
  const buildWith = async (
    row: OutboxRow,
    ready: { r: RecipientContext; profile: Promise<CurrentProfile> } | undefined,
  ): Promise<OutgoingEmail | null> => {
    const r = ready
      ? ready.r
      : await recipientContextQuery(deps.store).where("recipients.id", "=", row.recipient_id).executeTakeFirst();
    const profileOnce = ready?.profile;
    if (!r) throw new MessageBuildError(`recipient ${row.recipient_id} not found`);
    if (!r.nomor || !r.documentId || !r.storage_key)
      throw new MessageBuildError(`letter of ${row.recipient_id} is not signed`);

    const token = await ackTokenFor(deps.ackSecret, r.recipientId);
    const ackUrl = deps.ackUrl(token);
    const verifyUrl = deps.verifyUrl(r.letterId);
    // The send transition copies the deadline onto the letter; a message built a moment before that commits
    // still finds it in the input.
    const ackDeadline = r.ack_deadline ?? letterInputDeadline(r).ackDeadline ?? null;
    const deadline = ackDeadline ? formatTanggal(ackDeadline) : null;
    // The Pemda the letter is issued by, as its kop names it: its input's (letters drafted before profiles and by
    // the CLI) or its own profile version's.
    const pemkotName = letterInputGovernment(r).government?.name ?? (await governmentOf(r.profile_version));
    if (!pemkotName) throw new MessageBuildError(`letter ${r.letterId} has no Pemda profile`);
    const common = {
      pemkotName,
      headTitle: r.head_title,
      nomor: r.nomor,
      tentang: r.tentang,
      deadline,
      ackUrl,
      verifyUrl,
    };
    // Lets a reply or a bounce be traced back to the outbox row and recipient without parsing bodies; the OPD
    // headers also let the offline .eml outbox name its files and log lines by OPD.
    const headers: Record<string, string> = {
      "X-Edaran-Outbox-Id": row.id,
      "X-Edaran-Recipient-Id": r.recipientId,
      [OPD_ID_HEADER]: r.opdId,
      ...(PRINTABLE_ASCII.test(r.opdName) ? { [OPD_NAME_HEADER]: r.opdName } : {}),
    };
    // Resend tag values allow only ASCII letters, digits, _ and -; recipient ids are rcp_<hex>.
    const tags = [{ name: RECIPIENT_TAG, value: r.recipientId }];

    if (row.kind === "withdrawal") {
      // The notice of a revocation goes only for a revoked letter.
      if (r.letterStatus !== "withdrawn" || !r.withdrawn_at) return null;
      const props = {
        pemkotName,
        headTitle: r.head_title,
        nomor: r.nomor,
        tentang: r.tentang,
        withdrawnAt: formatTanggalWaktuWib(new Date(r.withdrawn_at)),
        reason: r.withdrawn_reason ?? "–",
        verifyUrl,
      };
      const { subject, html, text } = await (await lazyEmailBodies()).withdrawalEmailBody(props);
      return { from: deps.from, to: r.email, subject, html, text, headers, tags };
    }
    // Withdrawn while the row waited (backoff, or a send in flight): the letter must not go out.
    if (r.letterStatus === "withdrawn") return null;
    if (row.kind === "reminder") {
      // Acknowledged since the reminder was queued, or the letter was closed: nothing to remind of.
      if (r.acknowledged_at !== null || r.letterStatus === "closed") return null;
      const overdue = r.overdue_at !== null || (ackDeadline !== null && deadlinePassed(ackDeadline, deps.clock.now()));
      const props = { ...common, overdue };
      const { subject, html, text } = await (await lazyEmailBodies()).reminderEmailBody(props);
      return { from: deps.from, to: r.email, subject, html, text, headers, tags };
    }
    if (row.kind !== "letter") throw new MessageBuildError(`unknown outbox kind ${row.kind}`);

    const pdfDoc = r.pdfKey ? { storage_key: r.pdfKey } : undefined;
    const profile = await (profileOnce ?? currentPemdaProfile(deps.store));
    // No profile (an install from before profiles) gets the default as well: links.
    const delivery = profile?.profile.delivery ?? { mode: "link", attachDocx: true };
    if (delivery.mode === "link") {
      const downloads: LetterDownload[] = [
        ...(pdfDoc ? [{ kind: "pdf" as const, url: `${ackUrl}/pdf` }] : []),
        { kind: "docx", url: `${ackUrl}/docx` },
      ];
      const props = { ...common, opdName: r.opdName, attachments: [], downloads };
      const { subject, html, text } = await (await lazyEmailBodies()).letterEmailBody(props);
      return { from: deps.from, to: r.email, subject, html, text, headers, tags };
    }
    const files = await signedFiles(
      deps,
      { id: r.letterId, nomor: r.nomor },
      r.storage_key,
      pdfDoc,
      delivery.attachDocx,
    );
    const attachments: LetterAttachment[] = files.map((f) => ({ kind: f.kind, name: f.filename }));
    const props = { ...common, opdName: r.opdName, attachments };
    const { subject, html, text } = await (await lazyEmailBodies()).letterEmailBody(props);
    return {
      from: deps.from,
      to: r.email,
      subject,
      html,
      text,
      headers,
      tags,
      attachments: files.map(({ kind: _kind, ...a }) => a),
    };
  };

  /**
   * Reads the context of many rows in a statement per slice of ids and the Pemda profile once, and answers the
   * builder of this round: what it read lives as long as the round, so no later round builds from it.
   */
  const prefetch = async (rows: readonly OutboxRow[]): Promise<(row: OutboxRow) => Promise<OutgoingEmail | null>> => {
    const prefetched = new Map<string, { r: RecipientContext; profile: Promise<CurrentProfile> }>();
    if (rows.length === 0) return (row) => buildWith(row, undefined);
    const profile = currentPemdaProfile(deps.store);
    // A failed read is left to each row's own build (its retry), not to the round.
    profile.catch(() => {});
    const byRecipient = new Map<string, RecipientContext>();
    const ids = [...new Set(rows.map((r) => r.recipient_id))];
    for (const part of chunkIn(ids, CONTEXT_RESERVED_PARAMETERS)) {
      for (const r of await recipientContextQuery(deps.store).where("recipients.id", "in", part).execute())
        byRecipient.set(r.recipientId, r);
    }
    for (const row of rows) {
      const r = byRecipient.get(row.recipient_id);
      if (r) prefetched.set(row.id, { r, profile });
    }
    return (row) => buildWith(row, prefetched.get(row.id));
  };
  return Object.assign((row: OutboxRow) => buildWith(row, undefined), { prefetch });
}

/**
 * The signed files the attach-mode letter email carries, PDF first: the PDF when the letter has one, the DOCX when
 * the current Pemda profile asks for it or there is no PDF. Named as the app's downloads of the same files.
 */
async function signedFiles(
  deps: MessageBuilderDeps,
  letter: { id: string; nomor: string },
  docxKey: string,
  pdfDoc: { storage_key: string } | undefined,
  attachDocx: boolean,
): Promise<(EmailAttachment & { kind: LetterAttachment["kind"] })[]> {
  const read = async (key: string) => {
    const bytes = await deps.blobs.get(key);
    if (!bytes) throw new MessageBuildError(`signed document ${key} is missing from the blob store`);
    return bytes;
  };
  const files: (EmailAttachment & { kind: LetterAttachment["kind"] })[] = [];
  if (pdfDoc)
    files.push({
      kind: "pdf",
      filename: letterDocxFileName(letter, "ttd", "pdf"),
      content: await read(pdfDoc.storage_key),
      contentType: PDF_CONTENT_TYPE,
    });
  if (!pdfDoc || attachDocx)
    files.push({
      kind: "docx",
      filename: letterDocxFileName(letter, "ttd"),
      content: await read(docxKey),
      contentType: DOCX_CONTENT_TYPE,
    });
  return files;
}
