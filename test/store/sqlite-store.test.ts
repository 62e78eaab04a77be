import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from "../../src/store/sqlite-store.js";
import { holdWriteLock } from "../support/write-lock.js";
import { storeContract } from "./store.case.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-store-"));
const opened: SqliteStore[] = [];
let n = 0;

afterAll(async () => {
  for (const s of opened) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

// A fresh SQLite file per test: the real thing the Node runtime uses, not ':memory:'.
storeContract("sqlite", async () => {
  const store = openSqliteStore(join(dir, `t${n++}.sqlite`));
  opened.push(store);
  return store;
});

const now = "2024-10-02T03:00:00.000Z";

function freshStore(opts?: SqliteStoreOptions): { store: SqliteStore; path: string } {
  const path = join(dir, `t${n++}.sqlite`);
  const store = openSqliteStore(path, opts);
  opened.push(store);
  return { store, path };
}

const register = (store: SqliteStore, id: string, name = id) =>
  store.db.insertInto("registers").values({ id, name, created_at: now });

const registerIds = async (store: SqliteStore) =>
  (await store.db.selectFrom("registers").select("id").orderBy("id").execute()).map((r) => r.id);

describe("sqlite: a database another process holds the write lock of", () => {
  it("fails a write as database_busy after its short wait, keeps serving reads, and never holds the event loop", async () => {
    const { store, path } = freshStore();
    await register(store, "REG.A").execute();
    const lock = await holdWriteLock(path);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    try {
      // Both outcomes are caught at once: whichever write gives up first must not be an unhandled rejection.
      const outcome = (p: Promise<unknown>) =>
        p.then(
          () => "written",
          (e: unknown) => e,
        );
      const batch = outcome(store.atomic([register(store, "REG.B"), register(store, "REG.C")]));
      const single = outcome(register(store, "REG.D").execute());
      // Reads go on while the writes wait (WAL), and they are not queued behind them.
      expect(await registerIds(store)).toEqual(["REG.A"]);
      expect(await batch).toMatchObject({ code: "database_busy", status: 503 });
      expect(await single).toMatchObject({ code: "database_busy", status: 503 });
    } finally {
      // Through the event loop first, so the monitor's timer can record a block that just ended.
      await lock.release();
      delay.disable();
    }
    // No attempt blocked the loop anywhere near the old 5 s busy wait (one attempt waits 20 ms).
    expect(delay.max / 1e6).toBeLessThan(1000);
    // Nothing of the failed writes was kept, and the database takes writes again.
    expect(await registerIds(store)).toEqual(["REG.A"]);
    await store.atomic([register(store, "REG.B")]);
    expect(await registerIds(store)).toEqual(["REG.A", "REG.B"]);
  });

  it("finishes a write whose lock is let go while it waits", async () => {
    const { store, path } = freshStore({ busy: { maxWaitMs: 30_000 } });
    const lock = await holdWriteLock(path);
    const write = store.atomic([register(store, "REG.A"), register(store, "REG.B")]);
    await lock.release();
    await write;
    expect(await registerIds(store)).toEqual(["REG.A", "REG.B"]);
  });
});

describe("sqlite: a full database", () => {
  it("fails the write as storage_full and keeps nothing of the batch", async () => {
    const { store } = freshStore();
    await register(store, "REG.A").execute();
    // SQLite's own limit stands in for a full disk: growing the file past it is SQLITE_FULL.
    const pages = store.sqlite.pragma("page_count", { simple: true }) as number;
    store.sqlite.pragma(`max_page_count = ${pages}`);
    await expect(
      store.atomic([register(store, "REG.B"), register(store, "REG.C", "x".repeat(200_000))]),
    ).rejects.toMatchObject({ code: "storage_full", status: 503 });
    expect(await registerIds(store)).toEqual(["REG.A"]);
  });
});
