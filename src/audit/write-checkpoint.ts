// Writes the next signed checkpoint (on a timer on Node, from the Cron Trigger on Workers). It reads only the
// rows after the latest checkpoint, in pages and at most `maxRows` per run (D1 allows ~1,000 calls per
// invocation), checks that they link to the checkpointed head, records their hashes and signs the new head.
// A chain that no longer matches the checkpoint, or a checkpoint whose signature fails, gets no new one: the
// evidence stays until someone looks (the full check, GET /api/audit/verify, names the row).
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";
import { type CheckpointDeps, readAuditAnchor, walkAuditRows } from "./audit-log.js";
import { type ChainResult, ChainVerifier, genesisHead } from "./chain.js";
import { type CheckpointProblem, type CheckpointState, type SignedCheckpoint, signCheckpoint } from "./checkpoint.js";
import { putCheckpoint, putRowHashes, readLatestCheckpoint } from "./checkpoint-blobs.js";

export interface WriteCheckpointDeps extends CheckpointDeps {
  store: Store;
  clock: Clock;
}

export type WriteCheckpointResult =
  /** A new checkpoint; `complete` is false when rows are left for the next run. */
  | { status: "written"; checkpoint: SignedCheckpoint; complete: boolean }
  /** No row since the latest checkpoint (null: the log is empty). */
  | { status: "unchanged"; checkpoint: SignedCheckpoint | null }
  /** The row at the latest checkpoint's seq is gone or has another hash (the full check names the first). */
  | { status: "differs"; checkpoint: SignedCheckpoint }
  /** The rows after the latest checkpoint do not link to it, or the database's anchor shows deleted rows. */
  | { status: "broken"; checkpoint: SignedCheckpoint | null; break: Extract<ChainResult, { intact: false }> }
  /** The stored latest checkpoint is not ours (bad signature, unknown or revoked key, not a checkpoint). */
  | { status: "refused"; problem: CheckpointProblem };

export async function writeAuditCheckpoint(
  deps: WriteCheckpointDeps,
  opts: { pageSize?: number; maxRows?: number; onRow?: (row: { seq: number }) => void } = {},
): Promise<WriteCheckpointResult> {
  const { store, blobs, keys } = deps;
  const latest = await readLatestCheckpoint(blobs, keys);
  if (latest.status === "refused") return { status: "refused", problem: latest.problem };
  const previous = latest.status === "verified" ? latest.checkpoint : null;
  const start = previous ? { seq: previous.seq, hash: previous.hash } : genesisHead;

  if (previous) {
    const row = await store.db
      .selectFrom("audit_log")
      .select("hash")
      .where("seq", "=", previous.seq)
      .executeTakeFirst();
    if (row?.hash !== previous.hash) return { status: "differs", checkpoint: previous };
  }

  // The anchor in the database is checked too when this run reaches the newest row: rows deleted from the tail
  // since the last checkpoint must not be sealed as the truth.
  const verifier = new ChainVerifier(start, await readAuditAnchor(store));
  const rows: { seq: number; hash: string }[] = [];
  const walked = await walkAuditRows(store, verifier, start.seq, {
    pageSize: opts.pageSize ?? 500,
    maxRows: opts.maxRows ?? 10_000,
    onRow: (r) => {
      rows.push({ seq: r.seq, hash: r.hash });
      opts.onRow?.(r);
    },
  });
  const broken = walked.broken ?? (walked.ended ? verifier.finish() : null);
  if (broken && !broken.intact) return { status: "broken", checkpoint: previous, break: broken };

  const head = verifier.verifiedHead;
  if (head.seq === start.seq) return { status: "unchanged", checkpoint: previous };
  await putRowHashes(blobs, rows);
  const checkpoint = await signCheckpoint(
    {
      seq: head.seq,
      hash: head.hash,
      count: (previous?.count ?? 0) + verifier.verifiedCount,
      at: deps.clock.now().toISOString(),
    },
    await keys.signer(),
  );
  // Two writers at once (a slow run and the next): never move the latest checkpoint back.
  const now = await readLatestCheckpoint(blobs, keys);
  if (now.status === "verified" && now.checkpoint.seq >= checkpoint.seq) {
    return { status: "unchanged", checkpoint: now.checkpoint };
  }
  await putCheckpoint(blobs, checkpoint);
  return { status: "written", checkpoint, complete: walked.ended };
}

/** The latest signed checkpoint as the writer found (or left) it. */
export function checkpointStateAfter(r: WriteCheckpointResult): CheckpointState {
  if (r.status === "refused") return { status: "refused", problem: r.problem };
  return r.checkpoint ? { status: "verified", checkpoint: r.checkpoint } : { status: "none" };
}
