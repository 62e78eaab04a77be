// Signed checkpoints of the audit chain head outside the database: what someone who can write the database
// could hide from the in-database anchor is caught against them. Real SQLite file, real disk blob store, a real
// key file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAudit, verifyAuditChain } from "../../src/audit/audit-log.js";
import { type AuditChainRow, canonicalJson, chainRow, genesisHead, rowHash } from "../../src/audit/chain.js";
import { checkpointSchema, type SignedCheckpoint, signCheckpoint } from "../../src/audit/checkpoint.js";
import { checkpointKey, HASH_BLOCK_SIZE, LATEST_CHECKPOINT_KEY } from "../../src/audit/checkpoint-blobs.js";
import { type WriteCheckpointDeps, writeAuditCheckpoint } from "../../src/audit/write-checkpoint.js";
import { fixedClock } from "../../src/domain/clock.js";
import { base64UrlToBytes } from "../../src/domain/encoding.js";
import { auditCheckpointDeps } from "../../src/sign/checkpoint-keys.js";
import { keyFileSource } from "../../src/sign/key-file.js";
import { generateSigningKeyPair, importPublicJwk, signBytes } from "../../src/sign/keys.js";
import { signingKeyRepo } from "../../src/sign/signing-key-repo.js";
import type { BlobStore } from "../../src/store/blob-store.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";

let dir: string;
let store: SqliteStore;
let blobs: BlobStore;
let deps: WriteCheckpointDeps;
const clock = fixedClock("2026-11-02T08:00:00.000Z");

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-checkpoint-"));
  store = openSqliteStore(join(dir, "edaran.sqlite"));
  blobs = diskBlobStore(join(dir, "documents"));
  const keys = keyFileSource({ dir: join(dir, "keys"), clock });
  const current = await keys.current();
  await signingKeyRepo(store).register({ ...current, createdAt: clock.now().toISOString() });
  deps = auditCheckpointDeps({ store, blobs, clock, keys });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fill(n: number) {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await appendAudit(store, clock, { actor: "u-1", action: "letter.edited", letterId: "L1", data: { i } });
  }
}

/** Many rows at once, as appends would write them (row, seq counter and anchor), in one transaction. */
async function fillFast(n: number) {
  let head = genesisHead;
  const rows: AuditChainRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = await chainRow(head, {
      at: clock.now().toISOString(),
      actor: "u-1",
      action: "letter.edited",
      letter_id: "L1",
      subject: null,
      data_json: canonicalJson({ i }),
    });
    rows.push(row);
    head = row;
  }
  const insert = store.sqlite.prepare(
    "INSERT INTO audit_log (seq, at, actor, action, letter_id, subject, data_json, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @letter_id, @subject, @data_json, @prev_hash, @hash)",
  );
  store.sqlite.transaction(() => {
    for (const row of rows) insert.run(row);
    store.sqlite.prepare("UPDATE audit_seq SET last = ?").run(n);
    store.sqlite.prepare("INSERT INTO audit_anchor (id, seq, hash, at) VALUES (1, ?, ?, 'x')").run(n, head.hash);
  })();
}

const check = () => verifyAuditChain(store, { checkpoints: deps, pageSize: 7 });

async function latest(): Promise<SignedCheckpoint> {
  const bytes = await blobs.get(LATEST_CHECKPOINT_KEY);
  return checkpointSchema.parse(JSON.parse(new TextDecoder().decode(bytes!)));
}

/** What someone who can write the database can do: rewrite row `seq`, recompute every later hash and the anchor. */
async function rewriteFrom(seq: number) {
  const rows = store.sqlite.prepare("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq").all(seq) as {
    seq: number;
    at: string;
    actor: string;
    action: string;
    letter_id: string | null;
    subject: string | null;
    data_json: string;
    prev_hash: string;
    hash: string;
  }[];
  let prev = rows[0]!.prev_hash;
  const update = store.sqlite.prepare("UPDATE audit_log SET data_json = ?, prev_hash = ?, hash = ? WHERE seq = ?");
  for (const [i, row] of rows.entries()) {
    const data_json = i === 0 ? canonicalJson({ i: "dihapus dari catatan" }) : row.data_json;
    const hash = await rowHash(prev, { ...row, data_json });
    update.run(data_json, prev, hash, row.seq);
    prev = hash;
  }
  store.sqlite.prepare("UPDATE audit_anchor SET hash = ? WHERE id = 1").run(prev);
}

describe("writing checkpoints", () => {
  it("signs the verified head {seq, hash, count, at} and keeps it under its seq and as the latest", async () => {
    await fill(5);
    const r = await writeAuditCheckpoint(deps);
    const head = store.sqlite.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as {
      seq: number;
      hash: string;
    };
    expect(r).toMatchObject({ status: "written", complete: true });
    const cp = await latest();
    expect(cp).toMatchObject({
      format: "edaran-audit-checkpoint/1",
      seq: 5,
      hash: head.hash,
      count: 5,
      alg: "Ed25519",
    });
    expect(cp.at).toBe(clock.now().toISOString());
    expect(new TextDecoder().decode((await blobs.get(checkpointKey(5)))!)).toBe(
      new TextDecoder().decode((await blobs.get(LATEST_CHECKPOINT_KEY))!),
    );
    expect(await check()).toMatchObject({ intact: true, count: 5, checkpoint: { status: "verified" } });
  });

  it("writes nothing without new rows, and extends the last checkpoint with the rows after it", async () => {
    expect(await writeAuditCheckpoint(deps)).toEqual({ status: "unchanged", checkpoint: null });
    await fill(3);
    await writeAuditCheckpoint(deps);
    expect(await writeAuditCheckpoint(deps)).toMatchObject({ status: "unchanged", checkpoint: { seq: 3 } });
    await fill(2);
    expect(await writeAuditCheckpoint(deps)).toMatchObject({ status: "written", checkpoint: { seq: 5, count: 5 } });
  });

  it("reads at most maxRows rows a run and goes on from there on the next run", async () => {
    await fill(12);
    expect(await writeAuditCheckpoint(deps, { maxRows: 5, pageSize: 2 })).toMatchObject({
      status: "written",
      checkpoint: { seq: 5 },
      complete: false,
    });
    expect(await writeAuditCheckpoint(deps, { maxRows: 5, pageSize: 2 })).toMatchObject({ checkpoint: { seq: 10 } });
    expect(await writeAuditCheckpoint(deps, { maxRows: 5, pageSize: 2 })).toMatchObject({
      checkpoint: { seq: 12, count: 12 },
      complete: true,
    });
  });

  it("does not seal a tail deleted since the last checkpoint while the anchor still shows it", async () => {
    await fill(4);
    await writeAuditCheckpoint(deps);
    await fill(3);
    store.sqlite.prepare("DELETE FROM audit_log WHERE seq >= 6").run();
    expect(await writeAuditCheckpoint(deps)).toMatchObject({
      status: "broken",
      break: { firstBadSeq: 6, reason: "removed" },
    });
    expect((await latest()).seq).toBe(4);
  });

  it("writes no checkpoint over rows that no longer match the last one", async () => {
    await fill(6);
    await writeAuditCheckpoint(deps);
    await rewriteFrom(2);
    await fill(1);
    expect(await writeAuditCheckpoint(deps)).toMatchObject({ status: "differs", checkpoint: { seq: 6 } });
    expect((await latest()).seq).toBe(6);
  });

  it("can be checked offline with the published key set: Ed25519 over the canonical JSON without the signature", async () => {
    await fill(2);
    await writeAuditCheckpoint(deps);
    const { signature, ...signed } = await latest();
    const entry = (await signingKeyRepo(store).keySet()).keys.find((k) => k.kid === signed.kid)!;
    const ok = await crypto.subtle.verify(
      { name: "Ed25519" },
      await importPublicJwk(entry.jwk),
      base64UrlToBytes(signature),
      new TextEncoder().encode(canonicalJson(signed)),
    );
    expect(ok).toBe(true);
  });
});

describe("checking the chain against the latest checkpoint", () => {
  it("catches a row rewritten with every later hash and the anchor recomputed, and names that row", async () => {
    await fillFast(2 * HASH_BLOCK_SIZE + 30);
    await writeAuditCheckpoint(deps, { maxRows: 100_000 });
    await fill(3);
    await rewriteFrom(1234);
    // Inside the database alone the rewrite is consistent.
    expect(await verifyAuditChain(store)).toMatchObject({ intact: true });
    expect(await check()).toMatchObject({ intact: false, firstBadSeq: 1234, reason: "changed" });
  });

  it("names the first rewritten row when it is the checkpoint's own row", async () => {
    await fill(8);
    await writeAuditCheckpoint(deps);
    await rewriteFrom(8);
    expect(await check()).toMatchObject({ intact: false, firstBadSeq: 8, reason: "changed" });
  });

  it("catches the newest rows deleted together with the anchor", async () => {
    await fill(10);
    await writeAuditCheckpoint(deps);
    store.sqlite.prepare("DELETE FROM audit_log WHERE seq >= 8").run();
    store.sqlite.prepare("DELETE FROM audit_anchor").run();
    expect(await verifyAuditChain(store)).toMatchObject({ intact: true, count: 7 });
    expect(await check()).toMatchObject({ intact: false, firstBadSeq: 8, reason: "removed" });
  });

  it("catches the anchor moved back over deleted newest rows", async () => {
    await fill(10);
    await writeAuditCheckpoint(deps);
    const seven = store.sqlite.prepare("SELECT hash FROM audit_log WHERE seq = 7").get() as { hash: string };
    store.sqlite.prepare("DELETE FROM audit_log WHERE seq >= 8").run();
    store.sqlite.prepare("UPDATE audit_anchor SET seq = 7, hash = ? WHERE id = 1").run(seven.hash);
    expect(await verifyAuditChain(store)).toMatchObject({ intact: true, count: 7 });
    expect(await check()).toMatchObject({ intact: false, firstBadSeq: 8, reason: "removed" });
  });

  it("names the first deleted row, not a newcomer, when the seq counter was reset too", async () => {
    await fill(10);
    await writeAuditCheckpoint(deps);
    store.sqlite.prepare("DELETE FROM audit_log WHERE seq >= 8").run();
    store.sqlite.prepare("DELETE FROM audit_anchor").run();
    store.sqlite.prepare("UPDATE audit_seq SET last = 7").run();
    await fill(4);
    expect(await check()).toMatchObject({ intact: false, firstBadSeq: 8, reason: "changed" });
  });

  it("catches deleted rows against a checkpoint kept elsewhere when the blob store was rolled back too", async () => {
    await fill(5);
    await writeAuditCheckpoint(deps);
    const older = (await blobs.get(LATEST_CHECKPOINT_KEY))!;
    await fill(5);
    await writeAuditCheckpoint(deps);
    const kept: unknown = await latest();
    await blobs.put(LATEST_CHECKPOINT_KEY, older, "application/json");
    store.sqlite.prepare("DELETE FROM audit_log WHERE seq >= 8").run();
    store.sqlite.prepare("DELETE FROM audit_anchor").run();
    expect(await check()).toMatchObject({ intact: true, checkpoint: { status: "verified", checkpoint: { seq: 5 } } });
    expect(await verifyAuditChain(store, { checkpoints: { ...deps, kept } })).toMatchObject({
      intact: false,
      firstBadSeq: 8,
      reason: "removed",
      kept: { status: "verified" },
    });
  });

  it("refuses a checkpoint whose content no longer matches its signature, and writes none over it", async () => {
    await fill(6);
    await writeAuditCheckpoint(deps);
    await rewriteFrom(3);
    const forged = { ...(await latest()) };
    forged.hash = store.sqlite.prepare("SELECT hash FROM audit_log WHERE seq = 6").pluck().get() as string;
    await blobs.put(LATEST_CHECKPOINT_KEY, new TextEncoder().encode(JSON.stringify(forged)), "application/json");
    const r = await check();
    expect(r.checkpoint).toEqual({ status: "refused", problem: "bad_signature" });
    expect(await writeAuditCheckpoint(deps)).toEqual({ status: "refused", problem: "bad_signature" });
  });

  it("refuses a checkpoint signed by a key that is not the instance's", async () => {
    await fill(3);
    const head = store.sqlite.prepare("SELECT seq, hash FROM audit_log WHERE seq = 3").get() as {
      seq: number;
      hash: string;
    };
    const stranger = await generateSigningKeyPair();
    const forged = await signCheckpoint(
      { ...head, count: 3, at: clock.now().toISOString() },
      { kid: stranger.kid, alg: "Ed25519", sign: (m) => signBytes("Ed25519", stranger.privateKey, m) },
    );
    await blobs.put(LATEST_CHECKPOINT_KEY, new TextEncoder().encode(JSON.stringify(forged)), "application/json");
    expect((await check()).checkpoint).toEqual({ status: "refused", problem: "unknown_key" });
  });

  it("refuses a file that is not a checkpoint", async () => {
    await blobs.put(LATEST_CHECKPOINT_KEY, new TextEncoder().encode("{}"), "application/json");
    expect((await check()).checkpoint).toEqual({ status: "refused", problem: "malformed" });
  });
});
