// The incremental chain check (from the latest signed checkpoint) and the full re-check job in slices, on a
// real SQLite file, a real disk blob store and a real key file; the restart is a new runtime on the same files.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditCheckStatus } from "../../src/audit/audit-check-status.js";
import { appendAudit } from "../../src/audit/audit-log.js";
import { rowHash } from "../../src/audit/chain.js";
import { runFullCheckSlice, startFullCheck } from "../../src/audit/full-check-job.js";
import { checkAuditIncremental } from "../../src/audit/incremental-check.js";
import { type WriteCheckpointDeps, writeAuditCheckpoint } from "../../src/audit/write-checkpoint.js";
import { fixedClock } from "../../src/domain/clock.js";
import { startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { auditCheckpointDeps } from "../../src/sign/checkpoint-keys.js";
import { keyFileSource } from "../../src/sign/key-file.js";
import { signingKeyRepo } from "../../src/sign/signing-key-repo.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";

let dir: string;
let store: SqliteStore;
let deps: WriteCheckpointDeps;
const clock = fixedClock("2026-11-02T08:00:00.000Z");

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-auditinc-"));
  store = openSqliteStore(join(dir, "edaran.sqlite"));
  const keys = keyFileSource({ dir: join(dir, "keys"), clock });
  const current = await keys.current();
  await signingKeyRepo(store).register({ ...current, createdAt: clock.now().toISOString() });
  deps = auditCheckpointDeps({ store, blobs: diskBlobStore(join(dir, "documents")), clock, keys });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fill(s: SqliteStore, n: number) {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await appendAudit(s, clock, { actor: "u-1", action: "letter.edited", letterId: "L1", data: { i } });
  }
}

/** A row changed in place, its hash left as it was (what a careless edit of the database does). */
function tamper(s: SqliteStore, seq: number) {
  s.sqlite.prepare("UPDATE audit_log SET subject = 'diubah' WHERE seq = ?").run(seq);
}

async function runJobToEnd(maxRows: number) {
  let job = await runFullCheckSlice(deps, { maxRows, pageSize: 2 });
  let slices = 1;
  while (job?.status === "running") {
    job = await runFullCheckSlice(deps, { maxRows, pageSize: 2 });
    slices++;
  }
  return { job, slices };
}

describe("incremental check", () => {
  it("reads only the rows after the latest checkpoint, records the result and signs the new head", async () => {
    await fill(store, 20);
    expect(await writeAuditCheckpoint(deps)).toMatchObject({ status: "written", checkpoint: { seq: 20 } });
    await fill(store, 5);
    const { check, checkpoint } = await checkAuditIncremental(deps, "u-insp", { pageSize: 2 });
    expect(check).toMatchObject({ kind: "incremental", status: "intact", rowsRead: 5, headSeq: 25 });
    expect(check.startedBy).toBe("u-insp");
    expect(checkpoint).toMatchObject({ status: "written", checkpoint: { seq: 25 } });
    // Nothing new: nothing read.
    expect((await checkAuditIncremental(deps, "u-insp")).check).toMatchObject({ rowsRead: 0, headSeq: 25 });
    expect((await auditCheckStatus(store)).last).toMatchObject({ kind: "incremental", status: "intact" });
  });

  it("catches a row rewritten after the checkpoint, not one rewritten before it (the full job does)", async () => {
    await fill(store, 10);
    await writeAuditCheckpoint(deps);
    await fill(store, 5);
    tamper(store, 4);
    tamper(store, 13);
    // Row 4 lies before the checkpoint (seq 10): the incremental check does not read it, and names 13.
    expect((await checkAuditIncremental(deps, "u-insp")).check).toMatchObject({
      status: "broken",
      firstBadSeq: 13,
      reason: "changed",
      intact: false,
    });
    await startFullCheck(deps, "u-insp");
    const { job, slices } = await runJobToEnd(3);
    expect(job).toMatchObject({ kind: "full", status: "broken", firstBadSeq: 4, reason: "changed", rowsRead: 3 });
    expect(slices).toBe(2);
  });

  it("names the first row changed when a rewrite with fresh hashes reaches the checkpoint's row", async () => {
    await fill(store, 10);
    await writeAuditCheckpoint(deps);
    const rows = store.sqlite.prepare("SELECT * FROM audit_log WHERE seq >= 6 ORDER BY seq").all() as Parameters<
      typeof rowHash
    >[1][];
    let prev = (store.sqlite.prepare("SELECT hash FROM audit_log WHERE seq = 5").get() as { hash: string }).hash;
    for (const row of rows) {
      const changed = { ...row, subject: row.seq === 6 ? "diubah" : row.subject };
      const hash = await rowHash(prev, changed);
      store.sqlite
        .prepare("UPDATE audit_log SET subject = ?, prev_hash = ?, hash = ? WHERE seq = ?")
        .run(changed.subject, prev, hash, row.seq);
      prev = hash;
    }
    store.sqlite.prepare("UPDATE audit_anchor SET hash = ? WHERE id = 1").run(prev);
    expect((await checkAuditIncremental(deps, "u-insp")).check).toMatchObject({
      status: "broken",
      firstBadSeq: 6,
      reason: "changed",
    });
  });
});

describe("full re-check job", () => {
  it("is one job at a time, walks in slices from its stored position, and finds an intact chain", async () => {
    await fill(store, 7);
    const a = await startFullCheck(deps, "u-insp");
    const b = await startFullCheck(deps, "u-admin");
    expect(a.started).toBe(true);
    expect(b).toMatchObject({ started: false, job: { id: a.job.id } });
    expect(a.job).toMatchObject({ status: "running", rowsRead: 0, rowsTotal: 7 });
    expect(await runFullCheckSlice(deps, { maxRows: 3 })).toMatchObject({ status: "running", rowsRead: 3, headSeq: 3 });
    const { job } = await runJobToEnd(3);
    expect(job).toMatchObject({ id: a.job.id, status: "intact", rowsRead: 7, headSeq: 7 });
    expect(await runFullCheckSlice(deps)).toBeNull();
    expect((await auditCheckStatus(store)).lastFull).toMatchObject({ id: a.job.id, status: "intact" });
  });

  it("resumes after a restart (a new runtime on the same data folder) from the position it stored", async () => {
    await store.close();
    const config = loadNodeConfig({
      DATA_DIR: dir,
      SEED_PASSWORD: "uji-coba-rahasia",
      PASSWORD_ITERATIONS: "1000",
      PUBLIC_URL: "http://edaran.test",
    });
    const first = await startNodeRuntime(config, { background: false, log: () => {}, clock });
    await fill(first.store, 12);
    const total = (first.store.sqlite.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
    const { job } = await startFullCheck(auditCheckpointDeps(first.services), "u-insp");
    expect(await first.auditCheckSlice({ maxRows: 5 })).toMatchObject({ status: "running", rowsRead: 5 });
    await first.close();

    const second = await startNodeRuntime(config, { background: false, log: () => {}, clock });
    try {
      // It picks the job up at row 5, not from the start: the next slice ends at 10.
      expect(await second.auditCheckSlice({ maxRows: 5 })).toMatchObject({ id: job.id, rowsRead: 10, headSeq: 10 });
      let now = await second.auditCheckSlice({ maxRows: 5 });
      while (now?.status === "running") now = await second.auditCheckSlice({ maxRows: 5 });
      expect(now).toMatchObject({ id: job.id, status: "intact", rowsRead: total });
    } finally {
      await second.close();
      store = openSqliteStore(join(dir, "edaran.sqlite"));
    }
  });
});
