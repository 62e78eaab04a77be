// The narrow database handle every repository takes: a Kysely instance plus one way to run
// several statements atomically. better-sqlite3 does it with a transaction, D1 with batch()
// (D1 has no interactive transactions), so repositories build queries and hand them over here.
import type { Compilable, Kysely, QueryResult } from "kysely";
import type { Database } from "./database.js";

export type Db = Kysely<Database>;

export interface Store {
  readonly db: Db;
  /** Runs every query or none. Results come back in order. */
  atomic(queries: readonly Compilable[]): Promise<QueryResult<unknown>[]>;
}
