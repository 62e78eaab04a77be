// /api/users through the real app: the admin adds, edits, disables / enables and resets accounts; each change
// is audited with the admin as actor and never the password; the last active admin cannot be lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManagedUser } from "../../../src/auth/managed-user.js";
import { type ApiFixture, issuePaths, makeApiFixture, SEED_PASSWORD } from "../../support/api-fixture.js";

interface Created {
  user: ManagedUser;
  temporaryPassword: string;
}

let fx: ApiFixture;
let seq = 0;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

const create = (body: Record<string, unknown>) => fx.json<Created>("POST", "/api/users", 201, { as: "admin", body });
const newName = (prefix = "pegawai") => `${prefix}-${++seq}`;

async function loginAs(username: string, password: string): Promise<Response> {
  return fx.call("POST", "/api/auth/login", { body: { username, password } });
}
const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;

/** Signs in with the one-time password and replaces it; returns the new session cookie. */
async function activate(
  username: string,
  temporaryPassword: string,
  newPassword = "kata-sandi-sendiri-1",
): Promise<string> {
  const login = await loginAs(username, temporaryPassword);
  expect(login.status).toBe(200);
  const res = await fx.call("POST", "/api/auth/password", {
    as: { cookie: cookieOf(login) },
    body: { currentPassword: temporaryPassword, newPassword },
  });
  expect(res.status).toBe(200);
  return cookieOf(res);
}

async function auditRows(action: string) {
  return fx.rt.store.db
    .selectFrom("audit_log")
    .select(["actor", "action", "subject", "data_json"])
    .where("action", "=", action)
    .execute();
}

describe("POST /api/users", () => {
  it("creates an account with a one-time password, shown once, that the new user must replace before using the API", async () => {
    const username = newName("sekretariat");
    const res = await fx.call("POST", "/api/users", {
      as: "admin",
      body: {
        username,
        displayName: "Rina Wulandari",
        role: "sekretariat",
        jabatan: "Analis Kebijakan",
        nip: "198503152010012003",
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const created = (await res.json()) as Created;
    expect(created.user).toMatchObject({
      username,
      displayName: "Rina Wulandari",
      role: "sekretariat",
      opdId: null,
      jabatan: "Analis Kebijakan",
      nip: "198503152010012003",
      disabled: false,
      mustChangePassword: true,
    });
    expect(created.temporaryPassword.length).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(created.user)).not.toMatch(/pbkdf2|password_hash/);

    // The list never shows a password again.
    const list = await fx.json<{ users: ManagedUser[] }>("GET", "/api/users?role=sekretariat", 200, { as: "admin" });
    expect(list.users.map((u) => u.username)).toContain(username);
    expect(JSON.stringify(list)).not.toContain(created.temporaryPassword);

    const login = await loginAs(username, created.temporaryPassword);
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    expect(await fx.json("GET", "/api/auth/me", 200, { as: { cookie } })).toMatchObject({
      user: { username, mustChangePassword: true },
    });
    const blocked = await fx.call("GET", "/api/letters", { as: { cookie } });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: { code: "password_change_required" } });

    const fresh = await activate(username, created.temporaryPassword);
    expect((await fx.call("GET", "/api/letters", { as: { cookie: fresh } })).status).toBe(200);
    expect(await fx.json("GET", "/api/auth/me", 200, { as: { cookie: fresh } })).toMatchObject({
      user: { mustChangePassword: false },
    });
  });

  it("records user.created with the admin as actor and never the password", async () => {
    const username = newName();
    const { temporaryPassword } = await create({ username, displayName: "Budi", role: "inspektorat" });
    const rows = (await auditRows("user.created")).filter((r) => r.subject === username);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor).toBe(await fx.userId("admin"));
    expect(JSON.parse(rows[0]!.data_json)).toMatchObject({ role: "inspektorat", opdId: null });
    expect(rows[0]!.data_json).not.toContain(temporaryPassword);
    expect(rows[0]!.data_json).not.toMatch(/pbkdf2|password/i);
  });

  it("creates a kepala_opd bound to an existing OPD", async () => {
    const { user } = await create({
      username: newName("kepala"),
      displayName: "Kepala Baru",
      role: "kepala_opd",
      opdId: "DINKES",
      jabatan: "Kepala Dinas",
    });
    expect(user).toMatchObject({ role: "kepala_opd", opdId: "DINKES" });
  });

  it("answers 400 at every bad field at once", async () => {
    const res = await fx.call("POST", "/api/users", {
      as: "admin",
      body: { username: "Bukan Nama", displayName: "", role: "walikota", nip: "123" },
    });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["displayName", "nip", "role", "username"]);
  });

  it("answers 400 at opdId when a kepala_opd has none, an unknown one, or another role has one", async () => {
    const base = { displayName: "Uji OPD", jabatan: null };
    for (const body of [
      { ...base, username: newName(), role: "kepala_opd" },
      { ...base, username: newName(), role: "kepala_opd", opdId: "TIDAK-ADA" },
      { ...base, username: newName(), role: "sekretariat", opdId: "BKPSDM" },
    ]) {
      const res = await fx.call("POST", "/api/users", { as: "admin", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await issuePaths(res)).toEqual(["opdId"]);
    }
  });

  it("refuses a password chosen by the admin (an unknown field) with 400 at the root", async () => {
    const res = await fx.call("POST", "/api/users", {
      as: "admin",
      body: { username: newName(), displayName: "X", role: "sekretariat", password: "pilihan-admin-123" },
    });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["(root)"]);
  });

  it("answers 409 username_taken for a username that exists, and creates nothing", async () => {
    const before = await fx.rt.store.db.selectFrom("users").select("id").execute();
    const res = await fx.call("POST", "/api/users", {
      as: "admin",
      body: { username: "sekretariat", displayName: "Kembar", role: "sekretariat" },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("username_taken");
    expect(body.error.issues.map((i) => i.path)).toEqual(["username"]);
    expect(await fx.rt.store.db.selectFrom("users").select("id").execute()).toHaveLength(before.length);
  });

  it("is for the admin only: the secretariat cannot give itself an admin colleague", async () => {
    const body = { username: newName(), displayName: "Penyusup", role: "admin" };
    expect((await fx.call("POST", "/api/users", { as: "sekretariat", body })).status).toBe(403);
    expect((await fx.call("POST", "/api/users", { body })).status).toBe(401);
    expect(
      await fx.rt.store.db.selectFrom("users").select("id").where("username", "=", body.username).execute(),
    ).toEqual([]);
  });
});

describe("GET /api/users", () => {
  it("filters by role and OPD, and by status (all by default, active, disabled)", async () => {
    const gone = await create({
      username: newName("pensiun"),
      displayName: "Sudah Pensiun",
      role: "kepala_opd",
      opdId: "BKPSDM",
    });
    await fx.json("PATCH", `/api/users/${gone.user.id}`, 200, { as: "admin", body: { disabled: true } });
    const names = async (q: string) =>
      (await fx.json<{ users: ManagedUser[] }>("GET", `/api/users${q}`, 200, { as: "admin" })).users.map(
        (u) => u.username,
      );

    const bkpsdm = await names("?opd=BKPSDM");
    expect(bkpsdm).toEqual(expect.arrayContaining(["kepala-bkpsdm", gone.user.username]));
    expect(bkpsdm).not.toContain("kepala-dinkes");
    expect(await names("?opd=BKPSDM&status=active")).not.toContain(gone.user.username);
    expect(await names("?status=disabled")).toEqual([gone.user.username]);
    expect(await names("?role=penandatangan")).toEqual(["penandatangan"]);
  });

  it("answers 400 at the bad query parameter", async () => {
    const res = await fx.call("GET", "/api/users?role=walikota&status=semua", { as: "admin" });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["role", "status"]);
  });
});

describe("PATCH /api/users/:id", () => {
  it("edits name, jabatan and NIP and records user.updated with the changes", async () => {
    const { user } = await create({ username: newName(), displayName: "Nama Lama", role: "sekretariat" });
    const { user: edited } = await fx.json<{ user: ManagedUser }>("PATCH", `/api/users/${user.id}`, 200, {
      as: "admin",
      body: { displayName: "Nama Baru", jabatan: "Kepala Bagian Umum", nip: "198503152010012003" },
    });
    expect(edited).toMatchObject({
      displayName: "Nama Baru",
      jabatan: "Kepala Bagian Umum",
      nip: "198503152010012003",
    });
    const row = (await auditRows("user.updated")).find((r) => r.subject === user.username)!;
    expect(row.actor).toBe(await fx.userId("admin"));
    expect(JSON.parse(row.data_json)).toMatchObject({
      changes: { displayName: "Nama Baru", jabatan: "Kepala Bagian Umum", nip: "198503152010012003" },
    });
  });

  it("moves a user into kepala_opd only with an OPD, and drops the OPD when the role changes away", async () => {
    const { user } = await create({ username: newName(), displayName: "Pindah Peran", role: "sekretariat" });
    const noOpd = await fx.call("PATCH", `/api/users/${user.id}`, { as: "admin", body: { role: "kepala_opd" } });
    expect(noOpd.status).toBe(400);
    expect(await issuePaths(noOpd)).toEqual(["opdId"]);
    const asHead = await fx.json<{ user: ManagedUser }>("PATCH", `/api/users/${user.id}`, 200, {
      as: "admin",
      body: { role: "kepala_opd", opdId: "BKPSDM" },
    });
    expect(asHead.user).toMatchObject({ role: "kepala_opd", opdId: "BKPSDM" });
    const back = await fx.json<{ user: ManagedUser }>("PATCH", `/api/users/${user.id}`, 200, {
      as: "admin",
      body: { role: "inspektorat" },
    });
    expect(back.user).toMatchObject({ role: "inspektorat", opdId: null });
  });

  it("answers 400 with exact paths for bad fields and for an empty body, 404 for an unknown user", async () => {
    const id = await fx.userId("inspektorat");
    const bad = await fx.call("PATCH", `/api/users/${id}`, {
      as: "admin",
      body: { displayName: "", nip: "19700101199003100", disabled: "ya" },
    });
    expect(bad.status).toBe(400);
    expect(await issuePaths(bad)).toEqual(["disabled", "displayName", "nip"]);
    const empty = await fx.call("PATCH", `/api/users/${id}`, { as: "admin", body: {} });
    expect(empty.status).toBe(400);
    expect(await issuePaths(empty)).toEqual(["(root)"]);
    expect((await fx.call("PATCH", "/api/users/tidak-ada", { as: "admin", body: { jabatan: "X" } })).status).toBe(404);
  });

  it("disabling ends the user's sessions and API tokens at once and refuses their login; enabling lets them log in again", async () => {
    const username = newName();
    const { user, temporaryPassword } = await create({ username, displayName: "Akan Pergi", role: "sekretariat" });
    const cookie = await activate(username, temporaryPassword, "sandi-akan-pergi-1");
    const { token } = await fx.json<{ token: string }>("POST", "/api/auth/tokens", 201, {
      as: { cookie },
      body: { name: "integrasi" },
    });
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await fx.call("GET", "/api/letters", { as: { cookie } })).status).toBe(200);
    expect((await fx.call("GET", "/api/letters", { headers: bearer })).status).toBe(200);

    const { user: disabled } = await fx.json<{ user: ManagedUser }>("PATCH", `/api/users/${user.id}`, 200, {
      as: "admin",
      body: { disabled: true },
    });
    expect(disabled).toMatchObject({ disabled: true });
    expect((await fx.call("GET", "/api/letters", { as: { cookie } })).status).toBe(401);
    expect((await fx.call("GET", "/api/letters", { headers: bearer })).status).toBe(401);
    expect((await loginAs(username, "sandi-akan-pergi-1")).status).toBe(401);
    const sessions = await fx.rt.store.db
      .selectFrom("sessions")
      .select("revoked_at")
      .where("user_id", "=", user.id)
      .execute();
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    const tokens = await fx.rt.store.db
      .selectFrom("api_tokens")
      .select("revoked_at")
      .where("user_id", "=", user.id)
      .execute();
    expect(tokens.every((t) => t.revoked_at !== null)).toBe(true);
    expect((await auditRows("user.disabled")).map((r) => r.subject)).toContain(username);

    await fx.json("PATCH", `/api/users/${user.id}`, 200, { as: "admin", body: { disabled: false } });
    expect((await loginAs(username, "sandi-akan-pergi-1")).status).toBe(200);
    // A token revoked with the account stays revoked.
    expect((await fx.call("GET", "/api/letters", { headers: bearer })).status).toBe(401);
    expect((await auditRows("user.enabled")).map((r) => r.subject)).toContain(username);
  });

  it("never disables or demotes the last active admin", async () => {
    const adminId = await fx.userId("admin");
    for (const body of [{ disabled: true }, { role: "sekretariat" }]) {
      const res = await fx.call("PATCH", `/api/users/${adminId}`, { as: "admin", body });
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "last_admin" } });
    }
    const row = await fx.rt.store.db
      .selectFrom("users")
      .select(["role", "disabled_at"])
      .where("id", "=", adminId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "admin", disabled_at: null });
    // With a second active admin, one of them may go.
    const second = await create({ username: newName("admin"), displayName: "Admin Kedua", role: "admin" });
    await fx.json("PATCH", `/api/users/${second.user.id}`, 200, { as: "admin", body: { role: "inspektorat" } });
    expect((await fx.call("PATCH", `/api/users/${adminId}`, { as: "admin", body: { disabled: true } })).status).toBe(
      409,
    );
  });
});

describe("POST /api/users/:id/reset-password", () => {
  it("gives a new one-time password: the old password and open sessions stop working, and the user must change it", async () => {
    const username = newName();
    const { user, temporaryPassword } = await create({ username, displayName: "Lupa Sandi", role: "penandatangan" });
    const cookie = await activate(username, temporaryPassword, "sandi-yang-terlupa-1");

    const res = await fx.call("POST", `/api/users/${user.id}/reset-password`, { as: "admin" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const reset = (await res.json()) as Created;
    expect(reset.user.mustChangePassword).toBe(true);
    expect(reset.temporaryPassword).not.toBe(temporaryPassword);

    expect((await fx.call("GET", "/api/auth/me", { as: { cookie } })).status).toBe(401);
    expect((await loginAs(username, "sandi-yang-terlupa-1")).status).toBe(401);
    const login = await loginAs(username, reset.temporaryPassword);
    expect(login.status).toBe(200);
    const blocked = await fx.call("GET", "/api/letters", { as: { cookie: cookieOf(login) } });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: { code: "password_change_required" } });

    const rows = (await auditRows("user.password_reset")).filter((r) => r.subject === username);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor).toBe(await fx.userId("admin"));
    expect(rows[0]!.data_json).not.toContain(reset.temporaryPassword);
  });

  it("answers 404 for an unknown user and 403 to anyone but the admin", async () => {
    expect((await fx.call("POST", "/api/users/tidak-ada/reset-password", { as: "admin" })).status).toBe(404);
    const id = await fx.userId("penandatangan");
    expect((await fx.call("POST", `/api/users/${id}/reset-password`, { as: "sekretariat" })).status).toBe(403);
    // The seed password still works: nothing was reset.
    expect((await loginAs("penandatangan", SEED_PASSWORD)).status).toBe(200);
  });
});

describe("two admins disabling each other at once", () => {
  it("lets exactly one of them win, so an active admin always remains", async () => {
    const own = await makeApiFixture();
    try {
      const created = await own.json<Created>("POST", "/api/users", 201, {
        as: "admin",
        body: { username: "admin-dua", displayName: "Admin Dua", role: "admin" },
      });
      const login = await own.call("POST", "/api/auth/login", {
        body: { username: "admin-dua", password: created.temporaryPassword },
      });
      const changed = await own.call("POST", "/api/auth/password", {
        as: { cookie: cookieOf(login) },
        body: { currentPassword: created.temporaryPassword, newPassword: "admin-dua-sandi-1" },
      });
      const secondCookie = cookieOf(changed);
      const firstId = await own.userId("admin");
      const [a, b] = await Promise.all([
        own.call("PATCH", `/api/users/${created.user.id}`, { as: "admin", body: { disabled: true } }),
        own.call("PATCH", `/api/users/${firstId}`, { as: { cookie: secondCookie }, body: { disabled: true } }),
      ]);
      const statuses = [a.status, b.status].sort();
      // One wins; the other is refused as the last admin (409) or, its own session just ended, as nobody (401).
      expect(statuses[0]).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      const active = await own.rt.store.db
        .selectFrom("users")
        .select("id")
        .where("role", "=", "admin")
        .where("disabled_at", "is", null)
        .execute();
      expect(active).toHaveLength(1);
    } finally {
      await own.close();
    }
  });
});
