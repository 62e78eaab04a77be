// Bench: the audit chain check at a history of 50,000 rows (tiny: 300), on a real SQLite file with a real key
// file: the incremental check (only the 1% of rows after the latest signed checkpoint) and the full re-check
// job run to its end in slices, each as rows/s beside the reference, a bare loop that reads the same rows with
// better-sqlite3 and hashes each as the chain does (SHA-256 of prev_hash + "\n" + the canonical row).
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditChainRow, canonicalJson, canonicalRow, chainRow, genesisHead } from "../../src/audit/chain.js";
import { runFullCheckSlice, startFullCheck } from "../../src/audit/full-check-job.js";
import { checkAuditIncremental } from "../../src/audit/incremental-check.js";
import { writeAuditCheckpoint } from "../../src/audit/write-checkpoint.js";
import { fixedClock } from "../../src/domain/clock.js";
import { auditCheckpointDeps } from "../../src/sign/checkpoint-keys.js";
import { keyFileSource } from "../../src/sign/key-file.js";
import { signingKeyRepo } from "../../src/sign/signing-key-repo.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { type BenchContext, sized } from "./context.js";

async function seedRows(store: SqliteStore, from: number, n: number, head = genesisHead) {
  const insert = store.sqlite.prepare(
    "INSERT INTO audit_log (seq, at, actor, action, letter_id, subject, data_json, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @letter_id, @subject, @data_json, @prev_hash, @hash)",
  );
  const rows: AuditChainRow[] = [];
  let prev = head;
  for (let i = 0; i < n; i++) {
    const row = await chainRow(prev, {
      at: new Date(Date.UTC(2026, 0, 1) + (from + i) * 60_000).toISOString(),
      actor: `u-${(from + i) % 40}`,
      action: "recipient.acknowledged",
      letter_id: `L${Math.floor((from + i) / 60)}`,
      subject: `OPD-${(from + i) % 60}`,
      data_json: canonicalJson({ name: "Kepala Dinas", position: "Kepala", ip: "10.0.0.1" }),
    });
    rows.push(row);
    prev = row;
  }
  store.sqlite.transaction(() => {
    for (const row of rows) insert.run(row);
    store.sqlite
      .prepare("INSERT INTO audit_seq (id, last) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET last = ?")
      .run(prev.seq, prev.seq);
    store.sqlite
      .prepare(
        "INSERT INTO audit_anchor (id, seq, hash, at) VALUES (1, ?, ?, 'x') ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
      )
      .run(prev.seq, prev.hash);
  })();
  return prev;
}

/** The reference: read the rows and hash each, nothing else. */
function bareLoop(store: SqliteStore, afterSeq: number): number {
  let prev = "0".repeat(64);
  let n = 0;
  for (const row of store.sqlite
    .prepare("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq")
    .iterate(afterSeq) as Iterable<AuditChainRow>) {
    const hash = createHash("sha256")
      .update(`${row.prev_hash}\n${canonicalRow(row)}`)
      .digest("hex");
    if (hash.length !== 64) throw new Error("unreachable");
    prev = hash;
    n++;
  }
  return prev.length ? n : 0;
}

const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en")} rows/s`;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

export async function run(ctx: BenchContext): Promise<void> {
  const { log } = ctx;
  const total = sized(ctx, 50_000, 300);
  const fresh = Math.max(3, Math.floor(total / 100));
  const dir = await mkdtemp(join(tmpdir(), "bench-audit-"));
  const store = openSqliteStore(join(dir, "edaran.sqlite"));
  try {
    const clock = fixedClock("2026-11-02T08:00:00.000Z");
    const keys = keyFileSource({ dir: join(dir, "keys"), clock });
    const current = await keys.current();
    await signingKeyRepo(store).register({ ...current, createdAt: clock.now().toISOString() });
    const deps = auditCheckpointDeps({ store, blobs: diskBlobStore(join(dir, "documents")), clock, keys });

    const head = await seedRows(store, 0, total - fresh);
    // The checkpoint round has kept up until now: the last checkpoint is at the old head.
    await writeAuditCheckpoint(deps, { maxRows: total });
    await seedRows(store, total - fresh, fresh, head);
    log(`history: ${total} audit rows; ${fresh} after the latest signed checkpoint`);

    const [inc, incMs] = await timed(() => checkAuditIncremental(deps, "bench"));
    const [bareInc, bareIncMs] = await timed(() => bareLoop(store, total - fresh));
    log(
      `incremental check: ${inc.check.rowsRead} rows in ${incMs.toFixed(1)} ms (${rate(inc.check.rowsRead, incMs)}); bare loop over the same ${bareInc} rows ${bareIncMs.toFixed(1)} ms (${rate(bareInc, bareIncMs)})`,
    );

    const [job, fullMs] = await timed(async () => {
      await startFullCheck(deps, "bench");
      let j = await runFullCheckSlice(deps);
      while (j?.status === "running") j = await runFullCheckSlice(deps);
      return j;
    });
    const [bare, bareMs] = await timed(() => bareLoop(store, 0));
    const rows = job?.rowsRead ?? 0;
    log(
      `full re-check job (${job?.status}): ${rows} rows in ${fullMs.toFixed(0)} ms (${rate(rows, fullMs)}); bare loop ${bare} rows in ${bareMs.toFixed(0)} ms (${rate(bare, bareMs)}); ratio ${(fullMs / bareMs).toFixed(1)}x`,
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
