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
import { nextCursorOf, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type PageCursor } from "../domain/page-cursor.js";
import { type LetterStatus, letterStatuses, type WorkflowActionName } from "../domain/workflow.js";
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
    | "not_sent_json"
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
  /**
   * An extra condition that selects few letters through its own indexes: who may see the letter
   * (src/drafting/letter-access.ts). With it, the status, register and cursor terms are kept off the letters
   * indexes (see offIndex), so the letters are read from the condition's ids, never from every letter of a status.
   */
  where?: (eb: ExpressionBuilder<Database, "letters">) => Expression<SqlBool>;
  status?: LetterStatus | readonly LetterStatus[];
  registerId?: string;
  /** Searched in tentang, case-insensitively for ASCII. */
  q?: string;
  limit?: number;
  /** Rows to skip (the old paging; O(offset)): ignored when `after` is given. */
  offset?: number;
  /** The page starts after this row of the order (updated_at desc, id desc): keyset paging. */
  after?: PageCursor<string>;
}

/** What a list reads of a letter: every column but the JSON of its input and signer, the bulk of a row. */
export const LETTER_LIST_COLUMNS = [
  "id",
  "status",
  "register_id",
  "tentang",
  "revision",
  "reviewers_json",
  "review_step",
  "nomor",
  "created_by",
  "created_at",
  "updated_at",
  "approved_at",
  "signed_at",
  "sent_at",
  "closed_at",
  "withdrawn_at",
  "withdrawn_reason",
  "ack_deadline",
] as const satisfies readonly (keyof Letter)[];

export type LetterListRow = Pick<Letter, (typeof LETTER_LIST_COLUMNS)[number]>;

/**
 * Counts stop here: a tab says "1000+" rather than count every letter of five years on each page view.
 * A list's total is then COUNT_CAP with totalCapped set.
 */
export const COUNT_CAP = 1000;

export interface LetterPage {
  items: LetterListRow[];
  /** Letters the filter keeps, counted up to COUNT_CAP. */
  total: number;
  /** True when there are more than COUNT_CAP: total is then COUNT_CAP, a lower bound. */
  totalCapped: boolean;
  limit: number;
  offset: number;
  /** The `after` of the next page; null on the last one. */
  nextCursor: string | null;
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
    not_sent_json: null,
  };
}

/**
 * The statements that make letter_reviewers hold a letter's reviewers, applied only while the letter matches
 * `guard`: from `json` (a JSON array bound as one parameter, so a long chain stays within D1's limit), or from
 * the letter's stored reviewers_json when absent (whatever the statements before them left there).
 */
export function reviewerRowsQueries(
  store: Store,
  letterId: string,
  opts: { json?: string; guard?: (eb: ExpressionBuilder<Database, "letters">) => Expression<SqlBool> } = {},
): Compilable[] {
  const guarded = (eb: ExpressionBuilder<Database, "letters">) =>
    opts.guard ? eb.and([eb("letters.id", "=", letterId), opts.guard(eb)]) : eb("letters.id", "=", letterId);
  const source = opts.json === undefined ? sql`letters.reviewers_json` : sql`${opts.json}`;
  return [
    store.db
      .deleteFrom("letter_reviewers")
      .where("letter_id", "=", letterId)
      .where((eb) => eb.exists(eb.selectFrom("letters").select("letters.id").where(guarded))),
    store.db
      .insertInto("letter_reviewers")
      .orIgnore()
      .columns(["letter_id", "user_id"])
      .expression(
        store.db
          .selectFrom("letters")
          .innerJoin(sql<{ value: string; type: string }>`json_each(${source})`.as("j"), (join) => join.onTrue())
          .select(["letters.id", "j.value"])
          .where(guarded)
          .where("j.type", "=", "text"),
      ),
  ];
}

/** The statements that create a draft and its first revision (run them with atomic, alone or with more). */
export function createDraftQueries(store: Store, d: NewDraft, now: string): Compilable[] {
  const row = draftRow(d, now);
  return [
    store.db.insertInto("letters").values(row),
    store.db
      .insertInto("letter_revisions")
      .values({ letter_id: d.id, revision: 1, input_json: row.input_json, created_by: d.createdBy, created_at: now }),
    ...reviewerRowsQueries(store, d.id),
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
  const expected = u.expectedRevision;
  // Before the update, under its guards: the revision insert must stay right after the update (changes()).
  const reviewerRows = u.reviewers
    ? reviewerRowsQueries(store, u.id, {
        json: encodeJson([...u.reviewers]),
        guard: (eb) =>
          expected === undefined
            ? eb("letters.status", "=", "draft")
            : eb.and([eb("letters.status", "=", "draft"), eb("letters.revision", "=", expected)]),
      })
    : [];
  return [
    ...reviewerRows,
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

type LetterColumn = "status" | "register_id" | "updated_at" | "id";

/**
 * A letters column as a term of `f`: as is, or behind SQLite's unary + when `f.where` selects the letters (a
 * term on +column cannot use an index, which is the documented way to keep the planner from walking, say,
 * every sent letter and testing each against a kepala OPD's few).
 */
function column(f: Pick<LetterFilter, "where">, c: LetterColumn) {
  return f.where ? sql<string>`+${sql.ref(`letters.${c}`)}` : sql<string>`${sql.ref(`letters.${c}`)}`;
}

/** The letters `f` keeps, unordered and unpaged: the base of the list and of its count. */
function filteredLetters(store: Store, f: LetterFilter) {
  let base = store.db.selectFrom("letters");
  if (f.where) base = base.where(f.where);
  if (typeof f.status === "string") base = base.where(column(f, "status"), "=", f.status);
  else if (f.status?.length) base = base.where(column(f, "status"), "in", [...f.status]);
  if (f.registerId) base = base.where(column(f, "register_id"), "=", f.registerId);
  if (f.q?.trim()) {
    const pattern = `%${escapeLike(f.q.trim())}%`;
    base = base.where(sql<boolean>`tentang LIKE ${pattern} ESCAPE '\\'`);
  }
  return base;
}

/** 1..PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT when absent. */
export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? PAGE_SIZE_DEFAULT), 1), PAGE_SIZE_MAX);
}

/**
 * One page of the list, newest change first, plus one row to tell whether another page follows. The order is
 * an index's (letters_updated, letters_status_updated, letters_register_updated), so the page reads limit + 1
 * index entries from the cursor on, whatever the history.
 */
export function letterPageQuery(store: Store, f: LetterFilter = {}) {
  let q = filteredLetters(store, f).select(LETTER_LIST_COLUMNS);
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb(eb.tuple(column(f, "updated_at"), column(f, "id")), "<", eb.tuple(eb.val(after.key), eb.val(after.id))),
    );
  }
  q = q
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(pageLimit(f.limit) + 1);
  const offset = Math.max(f.offset ?? 0, 0);
  return !after && offset > 0 ? q.offset(offset) : q;
}

/** How many letters `f` keeps, reading at most COUNT_CAP + 1 index entries. */
export function letterCountQuery(store: Store, f: LetterFilter = {}) {
  const capped = filteredLetters(store, f)
    .select(sql<number>`1`.as("one"))
    .limit(COUNT_CAP + 1)
    .as("capped");
  return store.db.selectFrom(capped).select((eb) => eb.fn.countAll<number>().as("n"));
}

export async function listLetters(store: Store, f: LetterFilter = {}): Promise<LetterPage> {
  const limit = pageLimit(f.limit);
  const [rows, count] = await Promise.all([
    letterPageQuery(store, f).execute(),
    letterCountQuery(store, f).executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return {
    items: rows.slice(0, limit),
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
    limit,
    offset: f.after ? 0 : Math.max(f.offset ?? 0, 0),
    nextCursor: nextCursorOf(rows, limit, (l) => ({ key: l.updated_at, id: l.id })),
  };
}

/**
 * Letters per status of those `where` keeps, each counted up to COUNT_CAP + 1 from its own index range, in one
 * statement (one D1 call): a scalar subquery per status, one column each, since D1 refuses a compound SELECT
 * of more than a few terms (a UNION ALL of the seven statuses fails there).
 */
export function statusCountsQuery(store: Store, where?: LetterFilter["where"]) {
  return store.db.selectNoFrom((eb) =>
    letterStatuses.map((status) => {
      let inStatus = store.db
        .selectFrom("letters")
        .select(sql<number>`1`.as("one"))
        .where(column({ where }, "status"), "=", status);
      if (where) inStatus = inStatus.where(where);
      return eb
        .selectFrom(inStatus.limit(COUNT_CAP + 1).as("capped"))
        .select((c) => c.fn.countAll<number>().as("n"))
        .$asScalar()
        .as(status);
    }),
  );
}

/** How many letters are in each status (up to COUNT_CAP + 1 each), of those `where` keeps (all when absent). */
export async function countLettersByStatus(
  store: Store,
  where?: LetterFilter["where"],
): Promise<Map<LetterStatus, number>> {
  const row: Partial<Record<LetterStatus, unknown>> = (await statusCountsQuery(store, where).executeTakeFirst()) ?? {};
  return new Map(letterStatuses.map((s): [LetterStatus, number] => [s, Number(row[s] ?? 0)]).filter(([, n]) => n > 0));
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
  // Copied from the stored column, so the rows follow whatever the guarded update left there.
  const reviewerRows = t.set?.reviewers_json ? reviewerRowsQueries(store, t.id) : [];
  return [update, event, ...reviewerRows];
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
  return Number(res?.numAffectedRows ?? 0) > 0;
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
