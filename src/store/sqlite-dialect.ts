// The Kysely dialect of the Node runtime's better-sqlite3 database. better-sqlite3 is synchronous: while
// SQLite waits for a lock held by another process (busy_timeout), the whole event loop waits with it. So
// the busy timeout is kept short and a statement that finds the database busy is retried after an
// asynchronous pause, with backoff, until a deadline; then it fails as database_busy (503) and every other
// request meanwhile is served. There is no connection mutex: each statement runs whole in one synchronous
// call, so two requests never interleave inside one. Kysely transactions are refused, as on D1: every
// multi-statement write goes through Store.atomic().
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import { countDbCall } from "./db-call-count.js";
import { asStorageError, databaseBusy, storageFault } from "./storage-errors.js";

export interface BusyRetry {
  /** How long one attempt may block the event loop waiting for a lock (SQLite's busy_timeout). */
  busyTimeoutMs: number;
  /** How long a statement keeps trying before it fails as database_busy. */
  maxWaitMs: number;
  /** First pause between attempts; doubles, with jitter, up to 200 ms. */
  baseDelayMs: number;
}

export const defaultBusyRetry: BusyRetry = { busyTimeoutMs: 20, maxWaitMs: 800, baseDelayMs: 10 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` (one synchronous statement or transaction, which rolls back on failure) until it is not busy.
 * A busy database past the deadline is database_busy; a full one is storage_full; anything else is thrown as is.
 */
export async function retryWhileBusy<T>(work: () => T, retry: BusyRetry): Promise<T> {
  const deadline = Date.now() + retry.maxWaitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (err) {
      if (storageFault(err) !== "busy") throw asStorageError(err);
      const pause = Math.min(200, retry.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      if (Date.now() + pause > deadline) throw databaseBusy();
      await sleep(pause);
    }
  }
}

/**
 * One statement as Kysely's own SQLite driver runs it: `reader` (a statement that returns rows, RETURNING
 * included) decides between .all and .run. `sqlite` is usually the statement cache (statement-cache.ts).
 */
export function runStatement(sqlite: SqliteDatabase, sql: string, parameters: readonly unknown[]) {
  const stmt = sqlite.prepare(sql);
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

class RetryingConnection implements DatabaseConnection {
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly retry: BusyRetry,
  ) {}

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    countDbCall();
    // cast: rows come back untyped from better-sqlite3; Kysely types them from the query builder.
    return (await retryWhileBusy(() => runStatement(this.sqlite, q.sql, q.parameters), this.retry)) as QueryResult<R>;
  }

  // Nothing here streams (D1 cannot either).
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported on this store");
  }
}

const noTransactions = () => Promise.reject(new Error("Kysely transactions are not supported: use Store.atomic()"));

class RetryingDriver implements Driver {
  private readonly connection: RetryingConnection;
  constructor(
    private readonly sqlite: SqliteDatabase,
    retry: BusyRetry,
  ) {
    this.connection = new RetryingConnection(sqlite, retry);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  beginTransaction = noTransactions;
  commitTransaction = noTransactions;
  rollbackTransaction = noTransactions;
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    this.sqlite.close();
  }
}

export class RetryingSqliteDialect implements Dialect {
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly retry: BusyRetry,
  ) {}
  createDriver(): Driver {
    return new RetryingDriver(this.sqlite, this.retry);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
