// Store on better-sqlite3: the embedded default of the Node runtime.
import BetterSqlite3 from "better-sqlite3";
import { type Compilable, Kysely, type QueryResult, SqliteDialect } from "kysely";
import type { Database } from "./database.js";
import { migrateSqlite } from "./migrate.js";
import type { Store } from "./store.js";

export interface SqliteStore extends Store {
  readonly sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Opens (creating if needed) and migrates the SQLite file at `path`; ':memory:' works too. */
export function openSqliteStore(path: string): SqliteStore {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  migrateSqlite(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    // better-sqlite3 is synchronous, so running the compiled statements inside one
    // sqlite transaction cannot interleave with another request's statements.
    async atomic(queries: readonly Compilable[]): Promise<QueryResult<unknown>[]> {
      const compiled = queries.map((q) => q.compile());
      return sqlite.transaction(() =>
        compiled.map((c) => {
          const stmt = sqlite.prepare(c.sql);
          const params = c.parameters as unknown[];
          if (stmt.reader) return { rows: stmt.all(...params) } as QueryResult<unknown>;
          const r = stmt.run(...params);
          return { rows: [], numAffectedRows: BigInt(r.changes) } as QueryResult<unknown>;
        }),
      )();
    },
    async close() {
      await db.destroy();
    },
  };
}
