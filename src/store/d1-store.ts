// Store on Cloudflare D1. D1 has no interactive transactions (kysely-d1 throws on transaction()),
// but one batch() runs as a single SQL transaction: atomic() compiles the Kysely queries and
// sends them together, so they all apply or none does. An overloaded or restarting D1, or a full one, is
// answered as database_busy / storage_full (503) rather than a bare 500.
import { type Compilable, Kysely, type QueryResult } from "kysely";
import { D1Dialect } from "kysely-d1";
import type { Database } from "./database.js";
import { countDbCall } from "./db-call-count.js";
import { asStorageError } from "./storage-errors.js";
import type { Store } from "./store.js";

/** The part of D1's result this code reads. */
export interface D1ResultLike<T = Record<string, unknown>> {
  results?: T[];
  success: boolean;
  meta: { changes?: number; last_row_id?: number };
}

export interface D1PreparedStatementLike {
  bind(...values: unknown[]): D1PreparedStatementLike;
  all<T = Record<string, unknown>>(): Promise<D1ResultLike<T>>;
  run<T = Record<string, unknown>>(): Promise<D1ResultLike<T>>;
}

/** The narrow shape of the D1 binding, so only the Workers entry point needs Cloudflare's types. */
export interface D1DatabaseLike {
  prepare(sql: string): D1PreparedStatementLike;
  batch<T = Record<string, unknown>>(statements: D1PreparedStatementLike[]): Promise<D1ResultLike<T>[]>;
}

type D1DialectDatabase = ConstructorParameters<typeof D1Dialect>[0]["database"];

async function mapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw asStorageError(err);
  }
}

/** What kysely-d1 calls (prepare, bind, all), with the failures mapped. */
function mappedForKysely(d1: D1DatabaseLike): Pick<D1DatabaseLike, "prepare"> {
  const statement = (s: D1PreparedStatementLike): D1PreparedStatementLike => ({
    bind: (...values) => statement(s.bind(...values)),
    all: () => {
      countDbCall();
      return mapped(s.all());
    },
    run: () => {
      countDbCall();
      return mapped(s.run());
    },
  });
  return { prepare: (sql) => statement(d1.prepare(sql)) };
}

export function openD1Store(d1: D1DatabaseLike): Store {
  // cast: kysely-d1 types its config with @cloudflare/workers-types; it only calls prepare/bind/all.
  const db = new Kysely<Database>({
    dialect: new D1Dialect({ database: mappedForKysely(d1) as unknown as D1DialectDatabase }),
  });
  return {
    db,
    async atomic(queries: readonly Compilable[]): Promise<QueryResult<unknown>[]> {
      if (queries.length === 0) return [];
      const statements = queries.map((q) => {
        const c = q.compile();
        return d1.prepare(c.sql).bind(...c.parameters);
      });
      // One batch() is one call through the binding, however many statements it carries.
      countDbCall();
      const results = await mapped(d1.batch(statements));
      return results.map((r) => ({
        rows: r.results ?? [],
        numAffectedRows: BigInt(r.meta.changes ?? 0),
      }));
    },
  };
}
