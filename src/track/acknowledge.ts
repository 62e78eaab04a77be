// Tanda terima: an OPD head opens their personal link and confirms receipt. The token in the link is
// looked up by its hash only; one guarded UPDATE keeps the first acknowledgement even under a race.
import { type Selectable, sql } from "kysely";
import { z } from "zod";
import { atomicWithAudit } from "../audit/audit-log.js";
import { hashAckToken } from "../domain/ack-token.js";
import type { Clock } from "../domain/clock.js";
import { printable } from "../domain/printable-text.js";
import { toValidationIssues, type ValidationIssue } from "../domain/validation-issues.js";
import type { LettersTable, OpdTable, RecipientsTable } from "../store/database.js";
import { type DocumentRow, findSignedDocument } from "../store/documents-repo.js";
import { letterInputGovernment } from "../store/letter-json.js";
import { letterGovernmentName } from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";

export type RecipientRow = Selectable<RecipientsTable>;

export interface RecipientByToken {
  recipient: RecipientRow;
  letter: Selectable<LettersTable>;
  opd: Selectable<OpdTable>;
  /** The signed DOCX, for the download on the acknowledgement page; null if not stored yet. */
  signedDocument: DocumentRow | null;
  /** Who issues the letter: its input's government or its Pemda profile version's name. */
  government: string;
}

// ackTokenFor yields 43 base64url characters; anything far from that shape is not worth hashing.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** The recipients row of a token's hash: one lookup in the unique index on ack_token_hash. */
export function recipientByTokenQuery(store: Store, tokenHash: string) {
  return store.db.selectFrom("recipients").selectAll().where("ack_token_hash", "=", tokenHash);
}

/**
 * The guarded acknowledgement: it matches only a row not yet acknowledged whose letter is not withdrawn. The
 * letter is looked up by the row's own letter_id (a correlated EXISTS), not by listing every letter that is not
 * withdrawn, so it costs one index lookup however many letters there are.
 */
export function acknowledgeQuery(
  store: Store,
  recipientId: string,
  set: { at: string; name: string; position: string; ip: string | null; userAgent: string | null },
) {
  return store.db
    .updateTable("recipients")
    .set({
      acknowledged_at: set.at,
      ack_name: set.name,
      ack_position: set.position,
      ack_ip: clip(set.ip, 64),
      ack_user_agent: clip(set.userAgent, 512),
    })
    .where("id", "=", recipientId)
    .where("acknowledged_at", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("letters")
          .select(sql`1`.as("one"))
          .whereRef("letters.id", "=", "recipients.letter_id")
          .where("letters.status", "!=", "withdrawn"),
      ),
    );
}

/** The recipient a link token belongs to, with its letter and OPD; null for an unknown or malformed token. */
export async function findRecipientByToken(store: Store, token: string): Promise<RecipientByToken | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const recipient = await recipientByTokenQuery(store, await hashAckToken(token)).executeTakeFirst();
  if (!recipient) return null;
  const [letter, opd, signedDocument] = await Promise.all([
    store.db.selectFrom("letters").selectAll().where("id", "=", recipient.letter_id).executeTakeFirst(),
    store.db.selectFrom("opd").selectAll().where("id", "=", recipient.opd_id).executeTakeFirst(),
    findSignedDocument(store, recipient.letter_id),
  ]);
  // Foreign keys make these present; a missing one means a broken database, not a bad token.
  if (!letter || !opd) throw new Error(`recipient ${recipient.id} has no letter or OPD`);
  const government = await letterGovernmentName(store, letter, letterInputGovernment(letter).government?.name);
  return { recipient, letter, opd, signedDocument: signedDocument ?? null, government: government ?? "" };
}

/**
 * What the acknowledgement itself reads of a token: its recipients row and its letter's status, in one lookup
 * (the page's letter, OPD, document and government are not needed to record a receipt).
 */
async function findAckTarget(
  store: Store,
  token: string,
): Promise<{ recipient: RecipientRow; letterStatus: LettersTable["status"] } | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await store.db
    .selectFrom("recipients")
    .innerJoin("letters", "letters.id", "recipients.letter_id")
    .selectAll("recipients")
    .select("letters.status as letter_status")
    .where("recipients.ack_token_hash", "=", await hashAckToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const { letter_status, ...recipient } = row;
  return { recipient, letterStatus: letter_status };
}

/** The acknowledgement form: who confirms receipt. */
export const acknowledgeFormSchema = z.object({
  name: z
    .string({ error: "Nama wajib diisi" })
    .trim()
    .min(3, "Nama minimal 3 karakter")
    .max(120, "Nama paling banyak 120 karakter")
    .refine(...printable("Nama")),
  position: z
    .string({ error: "Jabatan wajib diisi" })
    .trim()
    .min(2, "Jabatan minimal 2 karakter")
    .max(200, "Jabatan paling banyak 200 karakter")
    .refine(...printable("Jabatan")),
});
export type AcknowledgeForm = z.infer<typeof acknowledgeFormSchema>;

export interface AcknowledgeInput {
  name: unknown;
  position: unknown;
  ip: string | null;
  userAgent: string | null;
}

export type AcknowledgeResult =
  | { status: "acknowledged"; at: string; name: string; position: string }
  /** Acknowledged before: the first time, name and position are kept and returned. */
  | { status: "already"; at: string; name: string | null; position: string | null }
  | { status: "invalid_token" }
  | { status: "letter_withdrawn" }
  | { status: "invalid"; issues: ValidationIssue[] };

const clip = (text: string | null, max: number) => (text === null ? null : text.slice(0, max));

/**
 * Records the acknowledgement once. The UPDATE only matches a row that is not yet acknowledged and
 * whose letter is not withdrawn, so of two simultaneous clicks exactly one writes; the other reads
 * back the winner and answers "already".
 */
export async function acknowledge(
  store: Store,
  clock: Clock,
  token: string,
  input: AcknowledgeInput,
): Promise<AcknowledgeResult> {
  const found = await findAckTarget(store, token);
  if (!found) return { status: "invalid_token" };
  if (found.letterStatus === "withdrawn") return { status: "letter_withdrawn" };
  const { recipient } = found;
  if (recipient.acknowledged_at) {
    return {
      status: "already",
      at: recipient.acknowledged_at,
      name: recipient.ack_name,
      position: recipient.ack_position,
    };
  }

  const parsed = acknowledgeFormSchema.safeParse({ name: input.name, position: input.position });
  if (!parsed.success) return { status: "invalid", issues: toValidationIssues(parsed.error) };

  const at = clock.now().toISOString();
  const update = acknowledgeQuery(store, recipient.id, {
    at,
    name: parsed.data.name,
    position: parsed.data.position,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  // The audit row goes in the same batch and only when the UPDATE won, so the log holds one row per receipt.
  const { results } = await atomicWithAudit(
    store,
    clock,
    [update],
    {
      actor: `recipient:${recipient.id}`,
      action: "recipient.acknowledged",
      letterId: recipient.letter_id,
      subject: recipient.opd_id,
      data: { name: parsed.data.name, position: parsed.data.position, ip: clip(input.ip, 64) },
    },
    { onlyIfLastChanged: true },
  );
  if ((results[0]?.numAffectedRows ?? 0n) > 0n) return { status: "acknowledged", at, ...parsed.data };

  // Someone else won the race, or the letter was withdrawn in between: report what is stored.
  const now = await findAckTarget(store, token);
  if (now?.recipient.acknowledged_at) {
    return {
      status: "already",
      at: now.recipient.acknowledged_at,
      name: now.recipient.ack_name,
      position: now.recipient.ack_position,
    };
  }
  return { status: "letter_withdrawn" };
}
