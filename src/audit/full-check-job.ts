// The full re-check of the audit chain from genesis, as an explicit job: started by the Inspektorat (or admin),
// run in bounded slices by the background loop on Node and by the cron on Workers, each slice resuming from the
// position stored in audit_checks, so it never blocks a request and survives a restart. It catches what the
// incremental check cannot see: a row rewritten before the latest checkpoint (its own hash no longer matches).

import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import {
  type AuditCheckRecord,
  advanceFullCheck,
  auditCheckRecord,
  type CheckOutcome,
  newFullCheckRow,
  runningFullCheck,
} from "./audit-checks.js";
import { type CheckpointDeps, readAuditAnchor, readAuditHead, walkAuditRows } from "./audit-log.js";
import { type ChainHead, type ChainResult, ChainVerifier } from "./chain.js";
import { type CheckpointState, checkCheckpointRecord, type SignedCheckpoint } from "./checkpoint.js";
import { firstRowDifferingFromRecord, readLatestCheckpoint } from "./checkpoint-blobs.js";

export interface FullCheckDeps extends CheckpointDeps {
  store: Store;
  clock: Clock;
}

export interface StartedFullCheck {
  job: AuditCheckRecord;
  /** false: a job was already running, this is it. */
  started: boolean;
  /** The checkpoint the caller kept, as checked now (only a verified one is held against the chain). */
  kept?: CheckpointState;
}

/** Starts a full re-check job, or returns the one running. */
export async function startFullCheck(
  deps: FullCheckDeps,
  startedBy: string,
  kept?: unknown,
): Promise<StartedFullCheck> {
  const keptState = kept !== undefined && kept !== null ? await checkCheckpointRecord(kept, deps.keys) : undefined;
  const withKept = keptState ? { kept: keptState } : {};
  const running = await runningFullCheck(deps.store);
  if (running) return { job: auditCheckRecord(running), started: false, ...withKept };
  const head = await readAuditHead(deps.store);
  const anchor = keptState?.status === "verified" ? keptState.checkpoint : null;
  const row = newFullCheckRow(
    startedBy,
    deps.clock.now().toISOString(),
    head.seq,
    anchor ? { seq: anchor.seq, hash: anchor.hash } : null,
  );
  try {
    await deps.store.db.insertInto("audit_checks").values(row).execute();
  } catch (err) {
    // Another request started one at the same moment (one running job per kind, a unique index).
    if (!isUniqueViolation(err, "audit_checks.kind")) throw err;
    const other = await runningFullCheck(deps.store);
    if (other) return { job: auditCheckRecord(other), started: false, ...withKept };
    throw err;
  }
  return { job: auditCheckRecord(row), started: true, ...withKept };
}

/** Names the first changed row from the recorded row hashes, when they point before where the walk broke. */
async function namedBreak(
  deps: FullCheckDeps,
  result: Extract<ChainResult, { intact: false }>,
  checkpoints: readonly SignedCheckpoint[],
): Promise<CheckOutcome> {
  let first = result.firstBadSeq;
  if (result.reason === "changed") {
    for (const cp of checkpoints) {
      const found = await firstRowDifferingFromRecord(deps.store, deps.blobs, cp, first);
      if (found !== null && found < first) first = found;
    }
  }
  return { status: "broken", firstBadSeq: first, reason: result.reason };
}

/**
 * Runs one slice of the running full job: at most `maxRows` rows after its stored position, in pages of
 * `pageSize`, then stores the new position (or the result, at the end or at a break). Null when no job runs.
 */
export async function runFullCheckSlice(
  deps: FullCheckDeps,
  opts: { pageSize?: number; maxRows?: number } = {},
): Promise<AuditCheckRecord | null> {
  const { store } = deps;
  const job = await runningFullCheck(store);
  if (!job) return null;
  const latest = await readLatestCheckpoint(deps.blobs, deps.keys);
  const anchor = await readAuditAnchor(store);
  const anchors: ChainHead[] = [
    ...(anchor ? [anchor] : []),
    ...(latest.status === "verified" ? [latest.checkpoint] : []),
    ...(job.kept_seq !== null && job.kept_hash !== null ? [{ seq: job.kept_seq, hash: job.kept_hash }] : []),
  ];
  const start = { seq: job.position_seq, hash: job.position_hash };
  const verifier = new ChainVerifier(start, anchors);
  const walked = await walkAuditRows(store, verifier, start.seq, {
    pageSize: opts.pageSize ?? 500,
    maxRows: opts.maxRows ?? 5_000,
  });
  const rowsRead = job.rows_read + verifier.verifiedCount;
  const head = verifier.verifiedHead;
  if (!walked.broken && !walked.ended) {
    await advanceFullCheck(store, job, { head, rowsRead });
  } else {
    const result = walked.broken ?? verifier.finish();
    const outcome: CheckOutcome = !result.intact
      ? await namedBreak(deps, result, latest.status === "verified" ? [latest.checkpoint] : [])
      : latest.status === "refused"
        ? { status: "refused", problem: latest.problem }
        : { status: "intact" };
    await advanceFullCheck(store, job, { head, rowsRead, outcome, finishedAt: deps.clock.now().toISOString() });
  }
  const now = await store.db.selectFrom("audit_checks").selectAll().where("id", "=", job.id).executeTakeFirst();
  return now ? auditCheckRecord(now) : null;
}
