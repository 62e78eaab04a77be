// Letters (edaran), their revisions and their events. Every change that touches more than one
// row goes through store.atomic(), and status changes are guarded by the status they expect,
// so a concurrent transition makes the loser change nothing (the caller answers 409).
import {
  type Compilable,
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
  sql,
  type Updateable,
} from "kysely";
import type { EdaranInput } from "../domain/edaran-input.js";
import type { LetterStatus, WorkflowActionName } from "../domain/workflow.js";
import type { Database, LetterEventAction, LetterEventsTable, LetterRevisionsTable, LettersTable } from "./database.js";
import { encodeJson } from "./json-text.js";
import type { Store } from "./store.js";

export type Letter = Selectable<LettersTable>;
export type LetterRevision = Selectable<LetterRevisionsTable>;
export type LetterEvent = Selectable<LetterEventsTable>;

export interface NewDraft {
  id: string;
  registerId: string;
  tentang: string;
  /** Stored as JSON; read back with letterInput (./letter-json.ts). */
  input: EdaranInput;
  /** Ordered user ids who give paraf. */
  reviewers?: readonly string[];
  createdBy: string;
  /** The Pemda profile version the letter is laid out with (pemda-profile-repo.ts); null before any exists. */
  profileVersion?: number | null;
}

export interface DraftUpdate {
  id: string;
  tentang: string;
  input: EdaranInput;
  actorId: string;
  /** When given, the update only applies to this revision (lost-update guard). */
  expectedRevision?: number;
  reviewers?: readonly string[];
  /** The register follows the input's unit code while the letter is a draft. */
  registerId?: string;
}

/** Columns a transition may set besides the status. */
export type LetterStatusPatch = Partial<
  Pick<
    Updateable<LettersTable>,
    | "review_step"
    | "reviewers_json"
    | "approved_at"
    | "signed_at"
    | "sent_at"
    | "closed_at"
    | "withdrawn_at"
    | "withdrawn_reason"
    | "ack_deadline"
    | "signer_json"
    | "input_json"
  >
>;

export interface Transition {
  id: string;
  from: LetterStatus;
  to: LetterStatus;
  action: WorkflowActionName;
  actorId: string;
  comment?: string | null;
  set?: LetterStatusPatch;
  /** Further guards besides the status, e.g. the review step a paraf expects. */
  expect?: { review_step?: number; revision?: number };
  /** Id of the letter_events row; lets a caller check later in the same batch that it was written. */
  eventId?: string;
}

export interface LetterFilter {
  /** An extra condition, e.g. who may see the letter (src/drafting/letter-access.ts). */
  where?: (eb: ExpressionBuilder<Database, "letters">) => Expression<SqlBool>;
  status?: LetterStatus | readonly LetterStatus[];
  registerId?: string;
  /** Searched in tentang, case-insensitively for ASCII. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface LetterPage {
  items: Letter[];
  total: number;
  limit: number;
  offset: number;
}

function draftRow(d: NewDraft, now: string): Letter {
  return {
    id: d.id,
    status: "draft",
    register_id: d.registerId,
    tentang: d.tentang,
    input_json: encodeJson(d.input),
    revision: 1,
    reviewers_json: encodeJson([...(d.reviewers ?? [])]),
    review_step: 0,
    nomor: null,
    nomor_seq: null,
    nomor_year: null,
    created_by: d.createdBy,
    created_at: now,
    updated_at: now,
    approved_at: null,
    signed_at: null,
    sent_at: null,
    closed_at: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    ack_deadline: null,
    profile_version: d.profileVersion ?? null,
    signer_json: null,
  };
}

/** The statements that create a draft and its first revision (run them with atomic, alone or with more). */
export function createDraftQueries(store: Store, d: NewDraft, now: string): Compilable[] {
  const row = draftRow(d, now);
  return [
    store.db.insertInto("letters").values(row),
    store.db
      .insertInto("letter_revisions")
      .values({ letter_id: d.id, revision: 1, input_json: row.input_json, created_by: d.createdBy, created_at: now }),
  ];
}

/** Creates the letter as a draft at revision 1 together with its first revision row. */
export async function createDraft(store: Store, d: NewDraft, now: string): Promise<Letter> {
  await store.atomic(createDraftQueries(store, d, now));
  return draftRow(d, now);
}

/**
 * The statements of a draft update: the guarded update, then the revision row written only when the
 * update changed the letter (changes() is the previous statement's count).
 */
export function updateDraftQueries(store: Store, u: DraftUpdate, now: string): Compilable[] {
  const inputJson = encodeJson(u.input);
  let update = store.db
    .updateTable("letters")
    .set((eb) => ({
      tentang: u.tentang,
      input_json: inputJson,
      revision: eb("revision", "+", 1),
      updated_at: now,
      ...(u.reviewers ? { reviewers_json: encodeJson([...u.reviewers]) } : {}),
      ...(u.registerId ? { register_id: u.registerId } : {}),
    }))
    .where("id", "=", u.id)
    .where("status", "=", "draft");
  if (u.expectedRevision !== undefined) update = update.where("revision", "=", u.expectedRevision);
  return [
    update,
    store.db
      .insertInto("letter_revisions")
      .columns(["letter_id", "revision", "input_json", "created_by", "created_at"])
      .expression(
        store.db
          .selectFrom("letters")
          .select((eb) => [
            "id",
            "revision",
            "input_json",
            eb.val(u.actorId).as("created_by"),
            eb.val(now).as("created_at"),
          ])
          .where("id", "=", u.id)
          .where(sql<number>`changes()`, "=", 1),
      ),
  ];
}

/**
 * Replaces the input of a draft and keeps the new revision. Null when the letter does not exist,
 * is no longer a draft, or is not at expectedRevision: nothing changed then.
 */
export async function updateDraft(store: Store, u: DraftUpdate, now: string): Promise<Letter | null> {
  const [res] = await store.atomic(updateDraftQueries(store, u, now));
  if (Number(res?.numAffectedRows ?? 0) === 0) return null;
  return getLetter(store, u.id);
}

export async function getLetter(store: Store, id: string): Promise<Letter | null> {
  return (await store.db.selectFrom("letters").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

/** Escapes % _ and \ for a LIKE ... ESCAPE '\' pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listLetters(store: Store, f: LetterFilter = {}): Promise<LetterPage> {
  const limit = Math.min(Math.max(f.limit ?? 20, 1), 100);
  const offset = Math.max(f.offset ?? 0, 0);
  let base = store.db.selectFrom("letters");
  if (f.where) base = base.where(f.where);
  if (typeof f.status === "string") base = base.where("status", "=", f.status);
  else if (f.status?.length) base = base.where("status", "in", [...f.status]);
  if (f.registerId) base = base.where("register_id", "=", f.registerId);
  if (f.q?.trim()) {
    const pattern = `%${escapeLike(f.q.trim())}%`;
    base = base.where(sql<boolean>`tentang LIKE ${pattern} ESCAPE '\\'`);
  }
  const [items, count] = await Promise.all([
    base.selectAll().orderBy("updated_at", "desc").orderBy("id", "desc").limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), limit, offset };
}

/** How many letters are in each status, of those `where` keeps (all when absent). */
export async function countLettersByStatus(
  store: Store,
  where?: LetterFilter["where"],
): Promise<Map<LetterStatus, number>> {
  let q = store.db
    .selectFrom("letters")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status");
  if (where) q = q.where(where);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * The statements of a guarded transition: the status update (first) and its event, which is
 * written only when the update changed the row. Callers may add more statements to the same
 * atomic() call (e.g. the register's assignNomorQueries on approval).
 */
export function transitionQueries(store: Store, t: Transition, now: string): Compilable[] {
  let update = store.db
    .updateTable("letters")
    .set({ ...t.set, status: t.to, updated_at: now })
    .where("id", "=", t.id)
    .where("status", "=", t.from);
  if (t.expect?.review_step !== undefined) update = update.where("review_step", "=", t.expect.review_step);
  if (t.expect?.revision !== undefined) update = update.where("revision", "=", t.expect.revision);
  const event = store.db
    .insertInto("letter_events")
    .columns(["id", "letter_id", "revision", "action", "from_status", "to_status", "actor_id", "comment", "created_at"])
    .expression(
      store.db
        .selectFrom("letters")
        .select((eb) => [
          eb.val(t.eventId ?? globalThis.crypto.randomUUID()).as("id"),
          "id as letter_id",
          "revision",
          eb.val(t.action).as("action"),
          eb.val(t.from).as("from_status"),
          eb.val(t.to).as("to_status"),
          eb.val(t.actorId).as("actor_id"),
          eb.val(t.comment ?? null).as("comment"),
          eb.val(now).as("created_at"),
        ])
        .where("id", "=", t.id)
        .where(sql<number>`changes()`, "=", 1),
    );
  return [update, event];
}

/**
 * A statement that changes one row exactly when the event `eventId` exists: put it last in a batch
 * so atomicWithAudit's onlyIfLastChanged writes the audit row only for a transition that happened.
 */
export function eventWrittenProbe(store: Store, eventId: string): Compilable {
  return store.db
    .updateTable("letter_events")
    .set((eb) => ({ comment: eb.ref("comment") }))
    .where("id", "=", eventId);
}

/** Applies a guarded transition; false when the letter was not in t.from (or a guard failed): nothing changed. */
export async function setStatus(store: Store, t: Transition, now: string): Promise<boolean> {
  const [res] = await store.atomic(transitionQueries(store, t, now));
  return Number(res?.numAffectedRows ?? 0) === 1;
}

/** Records an event that is not a status change (e.g. a comment). */
export async function recordEvent(
  store: Store,
  e: {
    letterId: string;
    action: LetterEventAction;
    fromStatus: LetterStatus;
    toStatus: LetterStatus;
    actorId: string;
    comment?: string | null;
  },
  now: string,
): Promise<LetterEvent> {
  const letter = await store.db
    .selectFrom("letters")
    .select("revision")
    .where("id", "=", e.letterId)
    .executeTakeFirstOrThrow();
  const row: LetterEvent = {
    id: globalThis.crypto.randomUUID(),
    letter_id: e.letterId,
    revision: letter.revision,
    action: e.action,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    actor_id: e.actorId,
    comment: e.comment ?? null,
    created_at: now,
  };
  await store.db.insertInto("letter_events").values(row).execute();
  return row;
}

export async function listRevisions(store: Store, letterId: string): Promise<LetterRevision[]> {
  return store.db
    .selectFrom("letter_revisions")
    .selectAll()
    .where("letter_id", "=", letterId)
    .orderBy("revision")
    .execute();
}

/** Events in the order they happened (rowid breaks ties between equal timestamps). */
export async function listEvents(store: Store, letterId: string): Promise<LetterEvent[]> {
  return store.db
    .selectFrom("letter_events")
    .selectAll()
    .where("letter_id", "=", letterId)
    .orderBy("created_at")
    .orderBy(sql`rowid`)
    .execute();
}
