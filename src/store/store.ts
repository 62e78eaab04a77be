// The narrow database handle every repository takes: a Kysely instance plus one way to run
// several statements atomically. better-sqlite3 does it with a transaction, D1 with batch()
// (D1 has no interactive transactions), so repositories build queries and hand them over here.
import type { Compilable, Kysely, QueryResult } from "kysely";
import type { Database } from "./database.js";

export type Db = Kysely<Database>;

export interface Store {
  readonly db: Db;
  /**
   * Runs every query or none. Results come back in order. numAffectedRows is at least the rows a statement
   * changed itself; on D1 it also counts rows its triggers changed (migration 0220's totals), so callers test it
   * for zero, never for an exact number, and count exactly with RETURNING.
   */
  atomic(queries: readonly Compilable[]): Promise<QueryResult<unknown>[]>;
}
