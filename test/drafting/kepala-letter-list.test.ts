// The kepala OPD list contract on real SQLite files (its D1 twin: test/workers/kepala-letter-list.test.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { kepalaLetterListContract } from "./kepala-letter-list.case.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-kepala-list-"));
const opened: SqliteStore[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

kepalaLetterListContract("sqlite", async () => {
  const store = openSqliteStore(join(dir, `t${opened.length}.sqlite`));
  opened.push(store);
  return store;
});
