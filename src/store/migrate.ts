// Applies the .sql files of ./migrations in name order and records them in d1_migrations,
// the same table and names `wrangler d1 migrations apply` uses, so both runtimes share one history.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type BetterSqlite3 from "better-sqlite3";

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface Migration {
  name: string;
  sql: string;
}

export function readMigrations(dir: string = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), "utf8") }));
}

/** Returns the names it applied now (empty when the database was up to date). */
export function migrateSqlite(sqlite: BetterSqlite3.Database, migrations: Migration[] = readMigrations()): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS d1_migrations(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
  )`);
  const done = new Set(
    sqlite
      .prepare("SELECT name FROM d1_migrations")
      .pluck()
      .all()
      .filter((name): name is string => typeof name === "string"),
  );
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    sqlite.transaction(() => {
      sqlite.exec(m.sql);
      sqlite.prepare("INSERT INTO d1_migrations (name) VALUES (?)").run(m.name);
    })();
    applied.push(m.name);
  }
  return applied;
}
