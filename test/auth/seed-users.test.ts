import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NO_PASSWORD_HASH, verifyPassword } from "../../src/auth/password.js";
import { seedUsers } from "../../src/auth/seed-users.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";

let dir: string;
let store: SqliteStore;
const now = new Date("2024-11-01T08:00:00.000Z");
const opds = [
  {
    id: "BKPSDM",
    head_title: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    head_name: "Drs. Contoh",
  },
  { id: "KEC-GADING-CEMPAKA", head_title: "Camat Gading Cempaka" },
];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-seed-"));
  store = openSqliteStore(join(dir, "edaran.sqlite"));
  for (const o of opds) {
    await store.db
      .insertInto("opd")
      .values({
        id: o.id,
        name: o.id,
        kind: "badan",
        head_title: o.head_title,
        head_name: o.head_name ?? null,
        email: null,
        created_at: "x",
        updated_at: "x",
      })
      .execute();
  }
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("seedUsers", () => {
  it("creates one account per role and one kepala_opd per OPD with the given (demo) password", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    const r = await seedUsers(store, { password: "demo-rahasia", now, opds, iterations: 1000 });
    // One PBKDF2 run for all of them (the spy sees it: the invited case below is no blind spot).
    expect(derive).toHaveBeenCalledTimes(1);
    derive.mockRestore();
    expect(r).toEqual({
      created: ["sekretariat", "penandatangan", "inspektorat", "admin", "kepala-bkpsdm", "kepala-kec-gading-cempaka"],
      withPassword: true,
    });
    const users = await store.db.selectFrom("users").selectAll().orderBy("username").execute();
    const pen = users.find((u) => u.username === "penandatangan")!;
    expect(pen).toMatchObject({
      role: "penandatangan",
      display_name: "Arif Gunadi",
      jabatan: "Penjabat Wali Kota Bengkulu",
      opd_id: null,
    });
    expect(users.find((u) => u.username === "kepala-bkpsdm")).toMatchObject({
      role: "kepala_opd",
      opd_id: "BKPSDM",
      display_name: "Drs. Contoh",
    });
    expect(users.find((u) => u.username === "kepala-kec-gading-cempaka")).toMatchObject({
      display_name: "Camat Gading Cempaka",
    });
    for (const u of users) expect(await verifyPassword("demo-rahasia", u.password_hash), u.username).toBe(true);
    // A demo's one password is hashed once for every account.
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
  });

  it("without a password invites every account: no hash, no PBKDF2 run", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    try {
      const r = await seedUsers(store, { now, opds, iterations: 1000 });
      expect(r.withPassword).toBe(false);
      expect(r.created).toHaveLength(6);
      expect(derive).not.toHaveBeenCalled();
    } finally {
      derive.mockRestore();
    }
    const hashes = await store.db.selectFrom("users").select("password_hash").execute();
    expect(hashes.map((h) => h.password_hash)).toEqual(Array(6).fill(NO_PASSWORD_HASH));
  });

  it("makes no new invited admin once an admin exists under another name", async () => {
    await seedUsers(store, { now, opds: [] });
    await store.db.updateTable("users").set({ username: "budi" }).where("username", "=", "admin").execute();
    const again = await seedUsers(store, { now, opds: [] });
    expect(again.created).toEqual([]);
    const admins = await store.db.selectFrom("users").select("username").where("role", "=", "admin").execute();
    expect(admins.map((a) => a.username)).toEqual(["budi"]);
  });

  it("leaves existing accounts alone on the next start", async () => {
    await seedUsers(store, { password: "pertama", now, opds, iterations: 1000 });
    const again = await seedUsers(store, { password: "kedua", now, opds, iterations: 1000 });
    expect(again.created).toEqual([]);
    const admin = await store.db
      .selectFrom("users")
      .select("password_hash")
      .where("username", "=", "admin")
      .executeTakeFirstOrThrow();
    expect(await verifyPassword("pertama", admin.password_hash)).toBe(true);
  });

  it("uses 100 000 iterations unless told otherwise", async () => {
    await seedUsers(store, { password: "x", now, opds: [] });
    const admin = await store.db
      .selectFrom("users")
      .select("password_hash")
      .where("username", "=", "admin")
      .executeTakeFirstOrThrow();
    expect(admin.password_hash.split("$")[1]).toBe("100000");
  });
});
