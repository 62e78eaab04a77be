// The cheap check: from the latest signed checkpoint (its signature checked, the row at its seq still carrying
// its hash) through only the rows after it, in pages, then a new checkpoint of the verified head
// (writeAuditCheckpoint). Its result is recorded in audit_checks, so pages show it without running one.
import type { Store } from "../store/store.js";
import { type AuditCheckRecord, type CheckOutcome, recordFinishedCheck } from "./audit-checks.js";
import { type ChainHead, genesisHead } from "./chain.js";
import { firstRowDifferingFromRecord } from "./checkpoint-blobs.js";
import { type WriteCheckpointDeps, type WriteCheckpointResult, writeAuditCheckpoint } from "./write-checkpoint.js";

export interface IncrementalCheck {
  /** The recorded check. */
  check: AuditCheckRecord;
  /** What the checkpoint writer found and did. */
  checkpoint: WriteCheckpointResult;
}

async function rowExists(store: Store, seq: number): Promise<boolean> {
  const row = await store.db.selectFrom("audit_log").select("seq").where("seq", "=", seq).executeTakeFirst();
  return row !== undefined;
}

async function outcomeOf(deps: WriteCheckpointDeps, r: WriteCheckpointResult): Promise<[CheckOutcome, ChainHead]> {
  switch (r.status) {
    case "written":
    case "unchanged":
      return [{ status: "intact" }, r.checkpoint ?? genesisHead];
    case "broken":
      return [
        { status: "broken", firstBadSeq: r.break.firstBadSeq, reason: r.break.reason },
        r.checkpoint ?? genesisHead,
      ];
    case "refused":
      return [{ status: "refused", problem: r.problem }, genesisHead];
    case "differs": {
      // The row at the checkpoint was rewritten or deleted: the recorded row hashes name the first that differs.
      const cp = r.checkpoint;
      const first = await firstRowDifferingFromRecord(deps.store, deps.blobs, cp, cp.seq + 1);
      const seq = first ?? cp.seq;
      const reason = (await rowExists(deps.store, seq)) ? "changed" : "removed";
      return [{ status: "broken", firstBadSeq: seq, reason }, genesisHead];
    }
  }
}

export interface CheckOptions {
  pageSize?: number;
  /** Rows read at most (D1: ~1,000 calls per invocation); the rest is checked next time. */
  maxRows?: number;
}

async function writeCounting(deps: WriteCheckpointDeps, opts: CheckOptions) {
  let rowsRead = 0;
  const checkpoint = await writeAuditCheckpoint(deps, {
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    ...(opts.maxRows ? { maxRows: opts.maxRows } : {}),
    onRow: () => rowsRead++,
  });
  return { checkpoint, rowsRead };
}

/** Runs one incremental check and records it, started by `startedBy` (a user id). */
export async function checkAuditIncremental(
  deps: WriteCheckpointDeps,
  startedBy: string,
  opts: CheckOptions = {},
): Promise<IncrementalCheck> {
  const startedAt = deps.clock.now().toISOString();
  const { checkpoint, rowsRead } = await writeCounting(deps, opts);
  return { check: await record(deps, startedBy, startedAt, checkpoint, rowsRead), checkpoint };
}

/** The background round (Node's timer, the cron): like checkAuditIncremental, but a quiet minute records nothing. */
export async function checkAuditInBackground(
  deps: WriteCheckpointDeps,
  opts: CheckOptions = {},
): Promise<{ check: AuditCheckRecord | null; checkpoint: WriteCheckpointResult }> {
  const startedAt = deps.clock.now().toISOString();
  const { checkpoint, rowsRead } = await writeCounting(deps, opts);
  if (checkpoint.status === "unchanged") return { check: null, checkpoint };
  return { check: await record(deps, "system", startedAt, checkpoint, rowsRead), checkpoint };
}

async function record(
  deps: WriteCheckpointDeps,
  startedBy: string,
  startedAt: string,
  checkpoint: WriteCheckpointResult,
  rowsRead: number,
): Promise<AuditCheckRecord> {
  const [outcome, head] = await outcomeOf(deps, checkpoint);
  return recordFinishedCheck(deps.store, {
    kind: "incremental",
    startedBy,
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    rowsRead,
    head: { seq: head.seq, hash: head.hash },
    outcome,
  });
}
