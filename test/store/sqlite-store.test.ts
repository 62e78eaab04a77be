import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
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
