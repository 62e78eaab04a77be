// The append-only audit log on the Store. An append reads the head and inserts seq = head.seq + 1 (or one more
// than the highest seq ever written, audit_seq, so a deleted row's number is never reused) with prev_hash =
// head.hash. Two appends racing for the same seq cannot both win (seq is the PRIMARY KEY), so the loser
// re-reads the head and tries again: the chain never forks. audit_seq and the audit_anchor row are updated in
// the same atomic batch, so deleting the newest rows is detectable too (see chain.ts); signed checkpoints
// outside the database (checkpoint.ts) catch what someone who can write the database could hide from these.

import type { Compilable, ExpressionBuilder } from "kysely";
import type { Clock } from "../domain/clock.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Database } from "../store/database.js";
import type { Db, Store } from "../store/store.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import {
  type AuditChainRow,
  type ChainHead,
  type ChainResult,
  ChainVerifier,
  canonicalJson,
  chainRow,
  genesisHead,
} from "./chain.js";
import { type CheckpointKeys, type CheckpointState, checkCheckpointRecord } from "./checkpoint.js";
import { firstRowDifferingFromRecord, readLatestCheckpoint } from "./checkpoint-blobs.js";

export type AuditRow = AuditChainRow;

export interface AuditEntry {
  /** User id, 'system', or 'recipient:<id>'. */
  actor: string;
  /** What happened: 'letter.approved', 'auth.login_failed', ... */
  action: string;
  letterId?: string | null;
  /** What else it is about: an OPD id, a recipient id, a username. */
  subject?: string | null;
  /** Details; stored as canonical JSON (sorted keys). */
  data?: Record<string, unknown>;
}

export interface AppendOptions {
  /** How many times to re-read the head after losing a race; default 50. */
  maxAttempts?: number;
}

const DEFAULT_ATTEMPTS = 50;

export class AuditAppendError extends Error {}

/** The newest row's seq and hash, or genesis for an empty log. */
export async function readAuditHead(store: Store): Promise<ChainHead> {
  const row = await store.db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ?? genesisHead;
}

/** The stored anchor (head as of the last append), or null when nothing was ever appended. */
export async function readAuditAnchor(store: Store): Promise<ChainHead | null> {
  const row = await store.db.selectFrom("audit_anchor").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
  return row ?? null;
}

export const isSeqConflict = (err: unknown) => isUniqueViolation(err, "audit_log.seq", "audit_log.hash");

/**
 * The three statements that append `row`: the audit_log insert, the audit_seq high-water mark and the anchor
 * update. With
 * `onlyIfLastChanged`, the insert happens only when the statement just before it in the same batch changed
 * at least one row (SQLite's changes()), so a guarded UPDATE that matched nothing leaves no audit row.
 */
function appendStatements(db: Db, row: AuditRow, onlyIfLastChanged: boolean): Compilable[] {
  let select = db.selectNoFrom((eb) => [
    eb.val(row.seq).as("seq"),
    eb.val(row.at).as("at"),
    eb.val(row.actor).as("actor"),
    eb.val(row.action).as("action"),
    eb.val(row.letter_id).as("letter_id"),
    eb.val(row.subject).as("subject"),
    eb.val(row.data_json).as("data_json"),
    eb.val(row.prev_hash).as("prev_hash"),
    eb.val(row.hash).as("hash"),
  ]);
  if (onlyIfLastChanged) select = select.where((eb) => eb(eb.fn<number>("changes"), ">", 0));
  const insert = db
    .insertInto("audit_log")
    .columns(["seq", "at", "actor", "action", "letter_id", "subject", "data_json", "prev_hash", "hash"])
    .expression(select);
  // Only once the row is really in (a guarded insert may have written nothing): no gap without a deletion.
  const rowIsIn = (eb: ExpressionBuilder<Database, never>) =>
    eb.exists(eb.selectFrom("audit_log").select("seq").where("seq", "=", row.seq).where("hash", "=", row.hash));
  const seq = db
    .insertInto("audit_seq")
    .columns(["id", "last"])
    .expression(
      db
        .selectNoFrom((eb) => [eb.val(1).as("id"), eb.val(row.seq).as("last")])
        // WHERE also settles SQLite's INSERT ... SELECT ... ON CONFLICT parsing ambiguity.
        .where(rowIsIn),
    )
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet((eb) => ({ last: eb.fn<number>("max", [eb.ref("audit_seq.last"), eb.ref("excluded.last")]) })),
    );
  const anchor = db
    .insertInto("audit_anchor")
    .columns(["id", "seq", "hash", "at"])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(1).as("id"),
          eb.val(row.seq).as("seq"),
          eb.val(row.hash).as("hash"),
          eb.val(row.at).as("at"),
        ])
        .where(rowIsIn),
    )
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet((eb) => ({
          seq: eb.ref("excluded.seq"),
          hash: eb.ref("excluded.hash"),
          at: eb.ref("excluded.at"),
        }))
        // The anchor only advances along the chain. After the newest rows were deleted, the next append
        // links to an older row, so the anchor stays on the deleted head and the check keeps failing.
        .where((eb) =>
          eb.and([
            eb(eb.ref("excluded.seq"), "=", eb(eb.ref("audit_anchor.seq"), "+", 1)),
            eb(eb.ref("audit_anchor.hash"), "=", row.prev_hash),
          ]),
        ),
    );
  return [insert, seq, anchor];
}

/**
 * The head and the seq high-water mark in ONE statement: every append reads both, and on D1 each statement
 * is a call against the invocation's budget (and a round trip on the acknowledgement's hot path).
 */
export function auditTipQuery(store: Store) {
  const newest = () => store.db.selectFrom("audit_log").orderBy("seq", "desc").limit(1);
  return store.db.selectNoFrom((eb) => [
    newest().select("seq").as("seq"),
    newest().select("hash").as("hash"),
    eb.selectFrom("audit_seq").select("last").where("id", "=", 1).as("last"),
  ]);
}

async function readAuditTip(store: Store): Promise<{ head: ChainHead; lastSeq: number }> {
  const row = await auditTipQuery(store).executeTakeFirstOrThrow();
  const head = row.seq !== null && row.hash !== null ? { seq: row.seq, hash: row.hash } : genesisHead;
  return { head, lastSeq: row.last ?? 0 };
}

export async function nextRow(store: Store, clock: Clock, entry: AuditEntry): Promise<AuditRow> {
  const { head, lastSeq } = await readAuditTip(store);
  const seq = Math.max(head.seq, lastSeq) + 1;
  return chainRow(
    head,
    {
      at: clock.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      letter_id: entry.letterId ?? null,
      subject: entry.subject ?? null,
      data_json: canonicalJson(entry.data ?? {}),
    },
    seq,
  );
}

// A short random pause spreads racing appenders apart; it only runs after a lost race.
const pause = (attempt: number) => new Promise<void>((r) => setTimeout(r, Math.random() * Math.min(attempt, 10)));

/**
 * Runs `queries` and the audit append for `entry` as ONE atomic batch: either the change and its audit row
 * are both stored or neither is. When another append took the seq first, the whole batch is rolled back and
 * retried with the new head, so `queries` must be safe to run again (they are: nothing of them was kept).
 * With `onlyIfLastChanged`, the audit row is written only when the LAST of `queries` changed a row (use it
 * with a guarded `UPDATE ... WHERE status = ?`); `audit` is then null when it did not.
 */
// Appends from one process (one Node server, one Worker isolate) take turns: racing them against each
// other only burns retries. Appends from other processes still race and are settled by the seq key.
const appendTurns = new WeakMap<Store, Promise<unknown>>();

export function inTurn<T>(store: Store, work: () => Promise<T>): Promise<T> {
  const previous = appendTurns.get(store) ?? Promise.resolve();
  const mine = previous.then(work, work);
  appendTurns.set(
    store,
    mine.catch(() => undefined),
  );
  return mine;
}

export async function atomicWithAudit(
  store: Store,
  clock: Clock,
  queries: readonly Compilable[],
  entry: AuditEntry,
  opts: AppendOptions & { onlyIfLastChanged?: boolean } = {},
): Promise<{ results: Awaited<ReturnType<Store["atomic"]>>; audit: AuditRow | null }> {
  return inTurn(store, async () => {
    const guarded = opts.onlyIfLastChanged === true && queries.length > 0;
    const max = opts.maxAttempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      const row = await nextRow(store, clock, entry);
      try {
        const all = await store.atomic([...queries, ...appendStatements(store.db, row, guarded)]);
        const inserted = all[queries.length]?.numAffectedRows;
        const written = !guarded || (inserted !== undefined && inserted > 0n);
        return { results: all.slice(0, queries.length), audit: written ? row : null };
      } catch (err) {
        if (!isSeqConflict(err)) throw err;
        if (attempt >= max) throw new AuditAppendError(`audit append lost the race ${attempt} times`, { cause: err });
        await pause(attempt);
      }
    }
  });
}

/** Appends one row after the current head (use atomicWithAudit to record a change in the same batch). */
export async function appendAudit(
  store: Store,
  clock: Clock,
  entry: AuditEntry,
  opts: AppendOptions = {},
): Promise<AuditRow> {
  const { audit } = await atomicWithAudit(store, clock, [], entry, opts);
  // Unguarded appends always write their row.
  return audit!;
}

export interface ListAuditQuery {
  letterId?: string;
  /** 1..1000, default 100. */
  limit?: number;
  /** Rows with seq > afterSeq, oldest first (paging forwards). */
  afterSeq?: number;
  /** Rows with seq < beforeSeq, newest first (paging backwards); ignored when afterSeq is given. */
  beforeSeq?: number;
}

/** Oldest first with afterSeq (or with neither), newest first with beforeSeq. */
export async function listAudit(store: Store, q: ListAuditQuery = {}): Promise<AuditRow[]> {
  return (await listAuditPage(store, q)).items;
}

/**
 * listAudit and whether rows follow: it reads one row past the page, so a page that ends the log says so and
 * hands out no cursor to an empty page.
 */
export async function listAuditPage(
  store: Store,
  q: ListAuditQuery = {},
): Promise<{ items: AuditRow[]; hasMore: boolean }> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 100), 1), 1000);
  const rows = await auditListQuery(store, q, limit + 1).execute();
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}

function auditListQuery(store: Store, q: ListAuditQuery, limit: number) {
  let query = store.db.selectFrom("audit_log").selectAll();
  if (q.letterId !== undefined) query = query.where("letter_id", "=", q.letterId);
  if (q.afterSeq === undefined && q.beforeSeq !== undefined) {
    query = query.where("seq", "<", q.beforeSeq).orderBy("seq", "desc");
  } else {
    query = query.where("seq", ">", q.afterSeq ?? 0).orderBy("seq", "asc");
  }
  return query.limit(limit);
}

/**
 * Feeds the rows after `afterSeq` to `verifier` in pages of `pageSize`, oldest first, until the first break,
 * the last row, or `maxRows` rows (a scheduled run on D1 reads a bounded number). `ended`: the last row was read.
 */
export async function walkAuditRows(
  store: Store,
  verifier: ChainVerifier,
  afterSeq: number,
  opts: { pageSize: number; maxRows?: number; onRow?: (row: AuditRow) => void },
): Promise<{ broken: Extract<ChainResult, { intact: false }> | null; ended: boolean }> {
  let after = afterSeq;
  let read = 0;
  for (;;) {
    const limit = Math.min(opts.pageSize, (opts.maxRows ?? Number.POSITIVE_INFINITY) - read);
    if (limit <= 0) return { broken: null, ended: false };
    const page = await store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq", "asc")
      .limit(limit)
      .execute();
    for (const row of page) {
      const broken = await verifier.add(row);
      if (broken && !broken.intact) return { broken, ended: false };
      opts.onRow?.(row);
    }
    read += page.length;
    if (page.length < limit) return { broken: null, ended: true };
    after = page[page.length - 1]!.seq;
  }
}

/** Where the signed checkpoints are (the blob store) and the keys that sign and check them. */
export interface CheckpointDeps {
  blobs: BlobStore;
  keys: CheckpointKeys;
}

/** The chain check; with checkpoints, also what was found outside the database (and of a checkpoint kept elsewhere). */
export type AuditChainCheck = ChainResult & { checkpoint?: CheckpointState; kept?: CheckpointState };

/**
 * Verifies the whole chain from genesis, reading it in pages of `pageSize` rows, against the stored anchor (or
 * the one given, e.g. a head copied into an earlier report) and, with `checkpoints`, the latest signed
 * checkpoint in the blob store and the one `kept` by the caller (e.g. the Inspektorat's copy). A chain rewritten
 * up to a checkpoint is named at its first changed row (from the row hashes recorded with the checkpoints). A
 * checkpoint whose signature does not hold is refused and not used.
 */
export async function verifyAuditChain(
  store: Store,
  opts: { pageSize?: number; anchor?: ChainHead | null; checkpoints?: CheckpointDeps & { kept?: unknown } } = {},
): Promise<AuditChainCheck> {
  const pageSize = opts.pageSize ?? 500;
  const anchor = opts.anchor !== undefined ? opts.anchor : await readAuditAnchor(store);
  const deps = opts.checkpoints;
  const state = deps ? await readLatestCheckpoint(deps.blobs, deps.keys) : undefined;
  const kept = deps && deps.kept !== undefined ? await checkCheckpointRecord(deps.kept, deps.keys) : undefined;
  const checkpoints = [state, kept].flatMap((s) => (s?.status === "verified" ? [s.checkpoint] : []));
  const anchors = [anchor, ...checkpoints].filter((a): a is ChainHead => a !== null);
  const verifier = new ChainVerifier(genesisHead, anchors);
  const walked = await walkAuditRows(store, verifier, 0, { pageSize });
  let result: ChainResult = walked.broken ?? verifier.finish();
  if (!result.intact && result.reason === "changed" && deps) {
    for (const cp of checkpoints) {
      const first = await firstRowDifferingFromRecord(store, deps.blobs, cp, result.firstBadSeq);
      if (first !== null && first < result.firstBadSeq) result = { ...result, firstBadSeq: first };
    }
  }
  return { ...result, ...(state ? { checkpoint: state } : {}), ...(kept ? { kept } : {}) };
}
