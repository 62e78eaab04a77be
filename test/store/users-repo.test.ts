// Looking users up for the pages: names of many ids at once within D1's bound-parameter limit, and the active
// users of some roles in the order a select lists them. A real SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/roles.js";
import { maxBoundParameters } from "../../src/store/chunk-rows.js";
import type { Database } from "../../src/store/database.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { createUser, listActiveUsersByName, listUsersByIds, userNamesById } from "../../src/store/users-repo.js";

const AT = "2024-10-01T00:00:00.000Z";
let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-users-repo-"));
  store = openSqliteStore(join(dir, "edaran.sqlite"));
  const user = (id: string, displayName: string, role: Role, jabatan: string | null = null) =>
    createUser(store, { id, username: id, displayName, role, jabatan, passwordHash: "x" }, AT);
  for (let i = 0; i < 250; i++) await user(`u-${String(i).padStart(3, "0")}`, `Pegawai ${i}`, "kepala_opd");
  await user("b-camat", "Camat Selebar", "kepala_opd", "Camat Selebar");
  await user("a-camat", "Camat Selebar", "kepala_opd");
  await user("z-sek", "Adi Sekretariat", "sekretariat", "Sekretaris Daerah");
  await user("insp", "Aan Inspektur", "inspektorat");
  await user("gone", "Aa Nonaktif", "sekretariat");
  await store.db.updateTable("users").set({ disabled_at: AT }).where("id", "=", "gone").execute();
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The same database, recording how many parameters each statement binds. */
function countingStore(): { store: Store; parameters: number[] } {
  const parameters: number[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: store.sqlite }),
    log: (e) => {
      if (e.level === "query") parameters.push(e.query.parameters.length);
    },
  });
  return { store: { db, atomic: (q) => store.atomic(q) }, parameters };
}

describe("userNamesById", () => {
  it("names 250 users with statements that each bind at most 100 parameters, and leaves out unknown ids", async () => {
    const counting = countingStore();
    const ids = [...Array.from({ length: 250 }, (_, i) => `u-${String(i).padStart(3, "0")}`), "z-sek", "system"];
    const names = await userNamesById(counting.store, [...ids, "z-sek"]);
    expect(names.size).toBe(251);
    expect(names.get("u-007")).toEqual({ name: "Pegawai 7", jabatan: null });
    expect(names.get("z-sek")).toEqual({ name: "Adi Sekretariat", jabatan: "Sekretaris Daerah" });
    expect(names.has("system")).toBe(false);
    expect(counting.parameters.length).toBeGreaterThan(1);
    expect(Math.max(...counting.parameters)).toBeLessThanOrEqual(maxBoundParameters);
  });

  it("asks nothing for no ids", async () => {
    const counting = countingStore();
    expect((await userNamesById(counting.store, [])).size).toBe(0);
    expect(counting.parameters).toEqual([]);
  });
});

describe("listUsersByIds", () => {
  it("returns every known user of a long list once, disabled ones included", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `u-${String(i).padStart(3, "0")}`);
    const users = await listUsersByIds(store, [...ids, "gone", "gone", "nobody"]);
    expect(users.map((u) => u.id).sort()).toEqual([...ids, "gone"].sort());
  });
});

describe("listActiveUsersByName", () => {
  it("lists the active users of the given roles by display name, then username", async () => {
    const users = await listActiveUsersByName(store, ["sekretariat", "kepala_opd"]);
    expect(users.slice(0, 3).map((u) => u.id)).toEqual(["z-sek", "a-camat", "b-camat"]);
    expect(users.map((u) => u.id)).not.toContain("gone");
    expect(users.map((u) => u.id)).not.toContain("insp");
  });

  it("lists every active user without roles, and none for an empty role list", async () => {
    expect((await listActiveUsersByName(store)).map((u) => u.id)).toContain("insp");
    expect(await listActiveUsersByName(store, [])).toEqual([]);
  });
});
