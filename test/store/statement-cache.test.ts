import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { cacheStatements } from "../../src/store/statement-cache.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-statements-"));
const closers: (() => unknown)[] = [];
let n = 0;

afterAll(async () => {
  for (const close of closers) await close();
  rmSync(dir, { recursive: true, force: true });
});

/** A real SQLite file whose prepare() calls are counted per SQL text. */
function countedDatabase(): { db: SqliteDatabase; prepares: Map<string, number>; sqlite: BetterSqlite3.Database } {
  const sqlite = new BetterSqlite3(join(dir, `c${n++}.sqlite`));
  closers.push(() => sqlite.open && sqlite.close());
  const prepares = new Map<string, number>();
  const db: SqliteDatabase = {
    prepare(sql) {
      prepares.set(sql, (prepares.get(sql) ?? 0) + 1);
      return sqlite.prepare(sql);
    },
    close: () => sqlite.close(),
  };
  return { db, prepares, sqlite };
}

function freshStore(): SqliteStore {
  const store = openSqliteStore(join(dir, `s${n++}.sqlite`));
  closers.push(() => store.close());
  return store;
}

describe("statement cache", () => {
  it("prepares the same SQL once and hands the same statement back", () => {
    const { db, prepares } = countedDatabase();
    const cache = cacheStatements(db);
    const a = cache.prepare("SELECT 1 AS one");
    const b = cache.prepare("SELECT 1 AS one");
    expect(b).toBe(a);
    expect(prepares.get("SELECT 1 AS one")).toBe(1);
    expect(cache.stats).toEqual({ prepared: 1, reused: 1 });
  });

  it("keeps at most max statements, dropping the least recently used", () => {
    const { db, prepares } = countedDatabase();
    const cache = cacheStatements(db, 3);
    for (const i of [1, 2, 3]) cache.prepare(`SELECT ${i}`);
    cache.prepare("SELECT 1"); // 1 is now the most recent, 2 the oldest
    cache.prepare("SELECT 4");
    expect(cache.size).toBe(3);
    cache.prepare("SELECT 1");
    cache.prepare("SELECT 2");
    expect(prepares.get("SELECT 1")).toBe(1);
    expect(prepares.get("SELECT 2")).toBe(2);
  });

  it("forgets its statements when the schema changes, so SELECT * sees a column added since", () => {
    const { db } = countedDatabase();
    const cache = cacheStatements(db);
    cache.prepare("CREATE TABLE t (a INTEGER)").run([]);
    cache.prepare("INSERT INTO t (a) VALUES (?)").run([1]);
    expect(cache.prepare("SELECT * FROM t").all([])).toEqual([{ a: 1 }]);
    cache.prepare("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'").run([]);
    expect(cache.size).toBe(0);
    expect(cache.prepare("SELECT * FROM t").all([])).toEqual([{ a: 1, b: "x" }]);
  });

  it("clear() empties it (for a migration run around it)", () => {
    const { db, prepares } = countedDatabase();
    const cache = cacheStatements(db);
    cache.prepare("SELECT 1");
    cache.clear();
    cache.prepare("SELECT 1");
    expect(prepares.get("SELECT 1")).toBe(2);
  });
});

describe("the SQLite store through the cache", () => {
  it("reuses the statement of a repeated query and answers it freshly each time", async () => {
    const store = freshStore();
    const insert = (id: string) =>
      store.db.insertInto("registers").values({ id, name: id, created_at: "2024-10-02T03:00:00.000Z" }).execute();
    const ids = () => store.db.selectFrom("registers").select("id").where("id", "like", "r-%").orderBy("id").execute();
    await insert("r-1");
    const before = { ...store.statements.stats };
    expect((await ids()).map((r) => r.id)).toEqual(["r-1"]);
    await insert("r-2");
    expect((await ids()).map((r) => r.id)).toEqual(["r-1", "r-2"]);
    // Since `before`: the first SELECT was prepared; the second INSERT and the second SELECT were reused.
    expect(store.statements.stats.prepared - before.prepared).toBe(1);
    expect(store.statements.stats.reused - before.reused).toBe(2);
  });

  it("keeps rows for a reader (RETURNING) and affected rows for a write, on the same cached statements", async () => {
    const store = freshStore();
    for (let i = 0; i < 2; i++) {
      const returned = await store.db
        .insertInto("registers")
        .values({ id: `x-${i}`, name: "x", created_at: "2024-10-02T03:00:00.000Z" })
        .returning("id")
        .execute();
      expect(returned).toEqual([{ id: `x-${i}` }]);
      const updated = await store.db
        .updateTable("registers")
        .set({ name: `y${i}` })
        .where("id", "like", "x-%")
        .executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(BigInt(i + 1));
    }
    const [atomic] = await store.atomic([store.db.updateTable("registers").set({ name: "z" }).where("id", "=", "x-0")]);
    expect(atomic?.numAffectedRows).toBe(1n);
  });
});
