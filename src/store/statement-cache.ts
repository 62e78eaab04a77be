// Prepared statements kept per SQL text. Kysely compiles the same few hundred statements over and over, and
// preparing one costs SQLite a parse and a plan: reusing it leaves only bind and step. The cache speaks
// Kysely's own narrow SqliteDatabase shape, so it sits wherever a better-sqlite3 Database would.
import type { SqliteDatabase, SqliteStatement } from "kysely";

export const DEFAULT_STATEMENT_CACHE_SIZE = 200;

// DDL changes what every other prepared statement was planned against; SQLite re-prepares a stale one
// itself, but a statement's column list (what `reader` and `.all` return) is better taken fresh.
const SCHEMA_CHANGE = /^\s*(create|drop|alter)\b/i;

export interface StatementCacheStats {
  /** Statements prepared anew (misses). */
  prepared: number;
  /** Statements handed out from the cache. */
  reused: number;
}

export interface CachedStatements extends SqliteDatabase {
  /** Forgets every statement (after a migration or any schema change made around the cache). */
  clear(): void;
  readonly size: number;
  /** Counts since opening: prepared + reused is the number of statements asked for. */
  readonly stats: Readonly<StatementCacheStats>;
}

/** `db` with its statements reused by SQL text, least recently used dropped beyond `max`. */
export function cacheStatements(db: SqliteDatabase, max = DEFAULT_STATEMENT_CACHE_SIZE): CachedStatements {
  const statements = new Map<string, SqliteStatement>();
  const stats: StatementCacheStats = { prepared: 0, reused: 0 };
  return {
    prepare(sql) {
      const hit = statements.get(sql);
      if (hit) {
        stats.reused++;
        // Map keeps insertion order: moving the hit to the end makes the first key the least recently used.
        statements.delete(sql);
        statements.set(sql, hit);
        return hit;
      }
      stats.prepared++;
      if (SCHEMA_CHANGE.test(sql)) {
        statements.clear();
        return db.prepare(sql);
      }
      const stmt = db.prepare(sql);
      statements.set(sql, stmt);
      if (statements.size > max) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      return stmt;
    },
    close() {
      statements.clear();
      db.close();
    },
    clear() {
      statements.clear();
    },
    get size() {
      return statements.size;
    },
    stats,
  };
}
