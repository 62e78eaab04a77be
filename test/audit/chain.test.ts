import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendAudit,
  atomicWithAudit,
  listAudit,
  readAuditAnchor,
  readAuditHead,
  verifyAuditChain,
} from "../../src/audit/audit-log.js";
import {
  type AuditChainRow,
  canonicalJson,
  chainRow,
  GENESIS_HASH,
  genesisHead,
  rowHash,
  verifyChain,
} from "../../src/audit/chain.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { OpdKind } from "../../src/domain/opd-kind.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";

async function buildChain(n: number): Promise<AuditChainRow[]> {
  const rows: AuditChainRow[] = [];
  let head = genesisHead;
  for (let i = 0; i < n; i++) {
    const row = await chainRow(head, {
      at: `2024-11-01T08:00:0${i % 10}.000Z`,
      actor: "u-1",
      action: "letter.edited",
      letter_id: "L1",
      subject: null,
      data_json: canonicalJson({ i }),
    });
    rows.push(row);
    head = row;
  }
  return rows;
}

describe("audit chain (pure)", () => {
  it("links the first row to 64 zeros and each next row to the hash before it", async () => {
    const rows = await buildChain(3);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await verifyChain(rows)).toEqual({ intact: true, count: 3, head: { seq: 3, hash: rows[2]!.hash } });
  });

  it("hashes prev_hash, a newline and the canonical row with SHA-256", async () => {
    const [row] = await buildChain(1);
    const canonical = JSON.stringify([1, row!.at, "u-1", "letter.edited", "L1", null, '{"i":0}']);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${GENESIS_HASH}\n${canonical}`));
    expect(row!.hash).toBe(Buffer.from(digest).toString("hex"));
    expect(await rowHash(GENESIS_HASH, row!)).toBe(row!.hash);
  });

  it("canonical JSON sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it("an empty chain is intact with the genesis head", async () => {
    expect(await verifyChain([])).toEqual({ intact: true, count: 0, head: genesisHead });
  });

  it("reports a changed field at its row", async () => {
    const rows = await buildChain(5);
    rows[2] = { ...rows[2]!, actor: "u-evil" };
    expect(await verifyChain(rows)).toMatchObject({ intact: false, firstBadSeq: 3, reason: "changed" });
  });

  it("reports a row rewritten with a recomputed hash at that row (the next row's link breaks)", async () => {
    const rows = await buildChain(5);
    const forged = { ...rows[1]!, data_json: '{"i":99}' };
    rows[1] = { ...forged, hash: await rowHash(forged.prev_hash, forged) };
    expect(await verifyChain(rows)).toMatchObject({ intact: false, firstBadSeq: 2, reason: "changed" });
  });

  it("reports a removed middle row as the missing seq", async () => {
    const rows = await buildChain(5);
    rows.splice(2, 1);
    expect(await verifyChain(rows)).toMatchObject({ intact: false, firstBadSeq: 3, reason: "removed" });
  });

  it("reports a removed first row", async () => {
    const rows = await buildChain(3);
    expect(await verifyChain(rows.slice(1))).toMatchObject({ intact: false, firstBadSeq: 1, reason: "removed" });
  });

  it("reports a removed row whose followers were renumbered as changed where the renumbering starts", async () => {
    const rows = await buildChain(5);
    rows.splice(2, 1);
    for (let i = 2; i < rows.length; i++) rows[i] = { ...rows[i]!, seq: i + 1 };
    expect(await verifyChain(rows)).toMatchObject({ intact: false, firstBadSeq: 3, reason: "changed" });
  });

  it("reports a duplicated seq as inserted", async () => {
    const rows = await buildChain(4);
    const extra = { ...rows[1]!, actor: "u-evil" };
    expect(await verifyChain([...rows, extra])).toMatchObject({ intact: false, firstBadSeq: 2, reason: "inserted" });
  });

  it("cannot see a removed last row without an anchor, and can with one", async () => {
    const rows = await buildChain(4);
    const anchor = { seq: 4, hash: rows[3]!.hash };
    const truncated = rows.slice(0, 3);
    expect(await verifyChain(truncated)).toMatchObject({ intact: true, count: 3 });
    expect(await verifyChain(truncated, { anchor })).toMatchObject({
      intact: false,
      firstBadSeq: 4,
      reason: "removed",
    });
    expect(await verifyChain(rows, { anchor })).toMatchObject({ intact: true, count: 4 });
  });
});

describe("audit log on a real SQLite file", () => {
  let dir: string;
  let store: SqliteStore;
  const clock = fixedClock("2024-11-01T08:00:00.000Z");

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "edaran-audit-"));
    store = openSqliteStore(join(dir, "edaran.sqlite"));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function fill(n: number) {
    for (let i = 0; i < n; i++) {
      clock.advance(1000);
      await appendAudit(store, clock, {
        actor: "u-1",
        action: "letter.edited",
        letterId: i % 2 ? "L1" : "L2",
        data: { i },
      });
    }
  }

  it("appends rows with seq 1.., the clock's time and canonical data, and keeps the anchor at the head", async () => {
    const row = await appendAudit(store, clock, {
      actor: "u-1",
      action: "letter.drafted",
      letterId: "L1",
      subject: "BKPSDM",
      data: { b: 2, a: 1 },
    });
    expect(row).toMatchObject({
      seq: 1,
      at: clock.now().toISOString(),
      prev_hash: GENESIS_HASH,
      data_json: '{"a":1,"b":2}',
      subject: "BKPSDM",
    });
    const second = await appendAudit(store, clock, { actor: "system", action: "letter.numbered" });
    expect(second).toMatchObject({ seq: 2, prev_hash: row.hash, letter_id: null, data_json: "{}" });
    expect(await readAuditHead(store)).toEqual({ seq: 2, hash: second.hash });
    expect(await readAuditAnchor(store)).toEqual({ seq: 2, hash: second.hash });
    expect(await listAudit(store)).toEqual([row, second]);
  });

  it("never forks under 40 concurrent appends from two connections: 1..40, one chain, intact", async () => {
    await fill(3);
    const other = openSqliteStore(join(dir, "edaran.sqlite"));
    const rows = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendAudit(i % 2 ? other : store, clock, { actor: `u-${i}`, action: "auth.login", data: { i } }),
      ),
    );
    await other.close();
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 4));
    const all = await listAudit(store, { limit: 1000 });
    expect(all).toHaveLength(43);
    expect(new Set(all.map((r) => r.prev_hash)).size).toBe(43);
    expect(await verifyAuditChain(store, { pageSize: 7 })).toEqual({
      intact: true,
      count: 43,
      head: { seq: 43, hash: all[42]!.hash },
    });
  });

  it("really races across connections: with one attempt allowed, losers fail loudly and nothing forks", async () => {
    // Appends through one Store take turns; two connections (as two processes would) really race.
    const other = openSqliteStore(join(dir, "edaran.sqlite"));
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        appendAudit(i % 2 ? other : store, clock, { actor: "u", action: "race", data: { i } }, { maxAttempts: 1 }),
      ),
    );
    await other.close();
    const failed = settled.filter((s) => s.status === "rejected");
    expect(failed.length).toBeGreaterThan(0);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/lost the race/);
    const won = settled.length - failed.length;
    expect(await verifyAuditChain(store)).toMatchObject({ intact: true, count: won });
  });

  it("reports a row whose data_json was changed with UPDATE", async () => {
    await fill(10);
    store.sqlite.prepare(`UPDATE audit_log SET data_json = '{"i":1000}' WHERE seq = 6`).run();
    expect(await verifyAuditChain(store, { pageSize: 4 })).toMatchObject({
      intact: false,
      firstBadSeq: 6,
      reason: "changed",
    });
  });

  it("reports a deleted middle row", async () => {
    await fill(10);
    store.sqlite.prepare(`DELETE FROM audit_log WHERE seq = 4`).run();
    expect(await verifyAuditChain(store, { pageSize: 3 })).toMatchObject({
      intact: false,
      firstBadSeq: 4,
      reason: "removed",
    });
  });

  it("reports deleted last rows through the stored anchor, and not without it", async () => {
    await fill(10);
    store.sqlite.prepare(`DELETE FROM audit_log WHERE seq >= 9`).run();
    expect(await verifyAuditChain(store, { anchor: null })).toMatchObject({ intact: true, count: 8 });
    expect(await verifyAuditChain(store)).toMatchObject({ intact: false, firstBadSeq: 9, reason: "removed" });
  });

  it("never gives the seq of deleted last rows to new rows, so the check names the first deleted one", async () => {
    await fill(6);
    store.sqlite.prepare(`DELETE FROM audit_log WHERE seq >= 5`).run();
    await fill(2);
    expect((await listAudit(store)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 7, 8]);
    expect(await verifyAuditChain(store)).toMatchObject({ intact: false, firstBadSeq: 5, reason: "removed" });
  });

  it("keeps the seq of deleted last rows used even when the anchor was deleted with them", async () => {
    await fill(6);
    store.sqlite.prepare(`DELETE FROM audit_log WHERE seq >= 5`).run();
    store.sqlite.prepare(`DELETE FROM audit_anchor`).run();
    const next = await appendAudit(store, clock, { actor: "u-1", action: "after" });
    expect(next.seq).toBe(7);
    expect(await verifyAuditChain(store)).toMatchObject({ intact: false, firstBadSeq: 5, reason: "removed" });
  });

  it("leaves no gap when a guarded change matched nothing", async () => {
    await fill(2);
    const noop = store.db.updateTable("audit_anchor").set({ at: "x" }).where("id", "=", 99);
    await atomicWithAudit(store, clock, [noop], { actor: "u-1", action: "noop" }, { onlyIfLastChanged: true });
    expect((await appendAudit(store, clock, { actor: "u-1", action: "next" })).seq).toBe(3);
  });

  it("lists per letter, forwards after a seq and backwards before one", async () => {
    await fill(10);
    const l1 = await listAudit(store, { letterId: "L1" });
    expect(l1.map((r) => r.seq)).toEqual([2, 4, 6, 8, 10]);
    expect((await listAudit(store, { afterSeq: 7, limit: 2 })).map((r) => r.seq)).toEqual([8, 9]);
    expect((await listAudit(store, { beforeSeq: 4, limit: 10 })).map((r) => r.seq)).toEqual([3, 2, 1]);
  });

  describe("atomicWithAudit: the change and its audit row in one batch", () => {
    beforeEach(() => {
      store.sqlite
        .prepare(
          `INSERT INTO opd (id, name, kind, head_title, created_at, updated_at) VALUES ('BKPSDM', 'BKPSDM', 'badan', 'Kepala', 'x', 'x')`,
        )
        .run();
    });
    const update = (s: SqliteStore, from: OpdKind, to: OpdKind) =>
      s.db.updateTable("opd").set({ kind: to }).where("id", "=", "BKPSDM").where("kind", "=", from);

    it("stores both when the guarded change applies", async () => {
      const r = await atomicWithAudit(
        store,
        clock,
        [update(store, "badan", "dinas")],
        { actor: "u-1", action: "opd.edited" },
        { onlyIfLastChanged: true },
      );
      expect(r.results[0]!.numAffectedRows).toBe(1n);
      expect(r.audit).toMatchObject({ seq: 1, action: "opd.edited" });
      expect(await readAuditAnchor(store)).toEqual({ seq: 1, hash: r.audit!.hash });
    });

    it("stores no audit row when the guarded change matched nothing", async () => {
      await appendAudit(store, clock, { actor: "u-1", action: "before" });
      const r = await atomicWithAudit(
        store,
        clock,
        [update(store, "dinas", "badan")],
        { actor: "u-1", action: "opd.edited" },
        { onlyIfLastChanged: true },
      );
      expect(r.results[0]!.numAffectedRows).toBe(0n);
      expect(r.audit).toBeNull();
      expect(await listAudit(store)).toHaveLength(1);
      expect(await readAuditAnchor(store)).toMatchObject({ seq: 1 });
      expect(await verifyAuditChain(store)).toMatchObject({ intact: true, count: 1 });
    });

    it("stores neither when the change fails", async () => {
      const bad = store.db.insertInto("opd").values({
        id: "BKPSDM",
        name: "dup",
        kind: "lainnya",
        head_title: "x",
        head_name: null,
        email: null,
        created_at: "x",
        updated_at: "x",
      });
      await expect(atomicWithAudit(store, clock, [bad], { actor: "u-1", action: "opd.created" })).rejects.toThrow(
        /UNIQUE/,
      );
      expect(await listAudit(store)).toHaveLength(0);
    });

    it("retries the whole batch when racing appends take its seq, and ends with one intact chain", async () => {
      const results = await Promise.all([
        ...Array.from({ length: 10 }, (_, i) =>
          appendAudit(store, clock, { actor: "u-x", action: "noise", data: { i } }),
        ),
        atomicWithAudit(
          store,
          clock,
          [update(store, "badan", "dinas")],
          { actor: "u-1", action: "opd.edited" },
          { onlyIfLastChanged: true },
        ),
      ]);
      expect(results).toHaveLength(11);
      const kind = store.sqlite.prepare(`SELECT kind FROM opd WHERE id = 'BKPSDM'`).get() as { kind: string };
      expect(kind.kind).toBe("dinas");
      const edited = (await listAudit(store)).filter((r) => r.action === "opd.edited");
      expect(edited).toHaveLength(1);
      expect(await verifyAuditChain(store)).toMatchObject({ intact: true, count: 11 });
    });
  });
});
