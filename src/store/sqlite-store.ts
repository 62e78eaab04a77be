// Store on better-sqlite3: the embedded default of the Node runtime.
import BetterSqlite3 from "better-sqlite3";
import { type Compilable, Kysely, type QueryResult } from "kysely";
import type { Database } from "./database.js";
import { countDbCall } from "./db-call-count.js";
import { migrateSqlite } from "./migrate.js";
import {
  type BusyRetry,
  defaultBusyRetry,
  RetryingSqliteDialect,
  retryWhileBusy,
  runStatement,
} from "./sqlite-dialect.js";
import { type CachedStatements, cacheStatements } from "./statement-cache.js";
import type { Store } from "./store.js";

export interface SqliteStore extends Store {
  readonly sqlite: BetterSqlite3.Database;
  /** The prepared statements every query of `db` and `atomic` runs through (clear() after changing the schema). */
  readonly statements: CachedStatements;
  close(): Promise<void>;
}

export interface SqliteStoreOptions {
  /** How a statement waits for a lock another process holds (see sqlite-dialect.ts). */
  busy?: Partial<BusyRetry>;
}

/** Opens (creating if needed) and migrates the SQLite file at `path`; ':memory:' works too. */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const retry: BusyRetry = { ...defaultBusyRetry, ...opts.busy };
  const sqlite = new BetterSqlite3(path);
  // Opening and migrating happen before anything is served, so they may wait for a lock patiently.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  migrateSqlite(sqlite);
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(retry.busyTimeoutMs))}`);
  // Made after migrating, so no statement in it was planned against an older schema.
  const statements = cacheStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new RetryingSqliteDialect(statements, retry) });
  return {
    db,
    sqlite,
    statements,
    // better-sqlite3 is synchronous, so running the compiled statements inside one sqlite transaction
    // cannot interleave with another request's statements. IMMEDIATE takes the write lock at BEGIN: when
    // another process holds it, the attempt fails before writing anything and is retried whole.
    async atomic(queries: readonly Compilable[]): Promise<QueryResult<unknown>[]> {
      const compiled = queries.map((q) => q.compile());
      // One transaction counts as one call, like one D1 batch().
      if (compiled.length) countDbCall();
      const run = sqlite.transaction(() =>
        compiled.map((c): QueryResult<unknown> => {
          const r = runStatement(statements, c.sql, c.parameters);
          return "numAffectedRows" in r ? { rows: [], numAffectedRows: r.numAffectedRows } : r;
        }),
      );
      return retryWhileBusy(() => run.immediate(), retry);
    },
    async close() {
      await db.destroy();
    },
  };
}
