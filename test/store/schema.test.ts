// src/store/database.ts is kept by hand next to the SQL migrations; this keeps the two in step.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

/** Table name -> column names, read from the Database interface and its table interfaces. */
function declaredSchema(source: string): Map<string, string[]> {
  const body = (name: string) => {
    const m = new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(source);
    if (!m?.[1]) throw new Error(`interface ${name} not found in database.ts`);
    return [...m[1].matchAll(/^\s*(\w+)\??:\s*(\w+)/gm)].map((x) => [x[1]!, x[2]!] as const);
  };
  return new Map(body("Database").map(([table, iface]) => [table, body(iface).map(([col]) => col)]));
}

const store = openSqliteStore(":memory:");
afterAll(() => store.close());
const declared = declaredSchema(readFileSync(new URL("../../src/store/database.ts", import.meta.url), "utf8"));

function actualColumns(table: string): string[] {
  return (store.sqlite.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string }[]).map(
    (c) => c.name,
  );
}

describe("the Database interface matches the migrated schema", () => {
  it("declares the tables of the issue", () => {
    for (const t of [
      "opd",
      "users",
      "letters",
      "letter_revisions",
      "registers",
      "register_entries",
      "documents",
      "recipients",
      "audit_log",
    ]) {
      expect(declared.has(t), t).toBe(true);
    }
  });

  it.each([...declared.keys()])("table %s has exactly the declared columns", (table) => {
    expect(actualColumns(table).sort()).toEqual([...(declared.get(table) ?? [])].sort());
  });

  it("has no table the interface leaves out", () => {
    const tables = (
      store.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables.filter((t) => t !== "d1_migrations" && !declared.has(t))).toEqual([]);
  });
});
