// The recorded audit chain checks (audit_checks): what pages and GET /api/audit/verify show as "the last
// check", and the position a full re-check job resumes from.

import type { Selectable } from "kysely";
import type { AuditCheckKind, AuditCheckStatus } from "../domain/audit-check.js";
import type { AuditChecksTable } from "../store/database.js";
import type { Store } from "../store/store.js";
import { type ChainBreakReason, type ChainHead, genesisHead } from "./chain.js";

export type AuditCheckRow = Selectable<AuditChecksTable>;

/** A check as the API answers it and pages show it. */
export interface AuditCheckRecord {
  id: string;
  kind: AuditCheckKind;
  status: AuditCheckStatus;
  intact: boolean;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** Rows checked so far (an incremental check: only those after the checkpoint it started from). */
  rowsRead: number;
  /** A full job: the head seq when it started (progress is rowsRead of rowsTotal). */
  rowsTotal: number | null;
  /** The last row verified. */
  headSeq: number;
  /** The first bad row and why, when broken; the checkpoint's problem when refused. */
  firstBadSeq: number | null;
  reason: string | null;
}

export function auditCheckRecord(r: AuditCheckRow): AuditCheckRecord {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    intact: r.status === "intact",
    startedBy: r.started_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    rowsRead: r.rows_read,
    rowsTotal: r.rows_total,
    headSeq: r.position_seq,
    firstBadSeq: r.first_bad_seq,
    reason: r.reason,
  };
}

/** How a finished check ended. */
export type CheckOutcome =
  | { status: "intact" }
  | { status: "broken"; firstBadSeq: number; reason: ChainBreakReason }
  | { status: "refused"; problem: string };

export interface FinishedCheck {
  kind: AuditCheckKind;
  startedBy: string;
  startedAt: string;
  finishedAt: string;
  rowsRead: number;
  head: ChainHead;
  outcome: CheckOutcome;
}

function outcomeColumns(o: CheckOutcome) {
  return {
    status: o.status,
    first_bad_seq: o.status === "broken" ? o.firstBadSeq : null,
    reason: o.status === "broken" ? o.reason : o.status === "refused" ? o.problem : null,
  };
}

/** Records a check that ran to its end in one go (an incremental check). */
export async function recordFinishedCheck(store: Store, c: FinishedCheck): Promise<AuditCheckRecord> {
  const row: AuditCheckRow = {
    id: globalThis.crypto.randomUUID(),
    kind: c.kind,
    started_by: c.startedBy,
    started_at: c.startedAt,
    finished_at: c.finishedAt,
    rows_read: c.rowsRead,
    rows_total: null,
    position_seq: c.head.seq,
    position_hash: c.head.hash,
    kept_seq: null,
    kept_hash: null,
    ...outcomeColumns(c.outcome),
  };
  await store.db.insertInto("audit_checks").values(row).execute();
  return auditCheckRecord(row);
}

/** The newest finished check of any kind (null before the first). */
export async function lastFinishedCheck(store: Store, kind?: AuditCheckKind): Promise<AuditCheckRecord | null> {
  let q = store.db.selectFrom("audit_checks").selectAll().where("finished_at", "is not", null);
  if (kind) q = q.where("kind", "=", kind);
  const row = await q.orderBy("finished_at", "desc").limit(1).executeTakeFirst();
  return row ? auditCheckRecord(row) : null;
}

export async function runningFullCheck(store: Store): Promise<AuditCheckRow | null> {
  const row = await store.db
    .selectFrom("audit_checks")
    .selectAll()
    .where("kind", "=", "full")
    .where("status", "=", "running")
    .executeTakeFirst();
  return row ?? null;
}

export async function findCheck(store: Store, id: string): Promise<AuditCheckRecord | null> {
  const row = await store.db.selectFrom("audit_checks").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? auditCheckRecord(row) : null;
}

/** A new running full job at genesis. */
export function newFullCheckRow(
  startedBy: string,
  startedAt: string,
  rowsTotal: number,
  kept: ChainHead | null,
): AuditCheckRow {
  return {
    id: globalThis.crypto.randomUUID(),
    kind: "full",
    status: "running",
    started_by: startedBy,
    started_at: startedAt,
    finished_at: null,
    rows_read: 0,
    rows_total: rowsTotal,
    position_seq: genesisHead.seq,
    position_hash: genesisHead.hash,
    kept_seq: kept?.seq ?? null,
    kept_hash: kept?.hash ?? null,
    first_bad_seq: null,
    reason: null,
  };
}

/**
 * Moves a running job from `from` to its new position, or finishes it. Guarded by the old position, so a slice
 * that raced another (two cron runs, a restart mid-slice) changes nothing: false then.
 */
export async function advanceFullCheck(
  store: Store,
  job: AuditCheckRow,
  next: { head: ChainHead; rowsRead: number; finishedAt?: string; outcome?: CheckOutcome },
): Promise<boolean> {
  const r = await store.db
    .updateTable("audit_checks")
    .set({
      position_seq: next.head.seq,
      position_hash: next.head.hash,
      rows_read: next.rowsRead,
      ...(next.outcome ? { ...outcomeColumns(next.outcome), finished_at: next.finishedAt ?? null } : {}),
    })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("position_seq", "=", job.position_seq)
    .where("rows_read", "=", job.rows_read)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
