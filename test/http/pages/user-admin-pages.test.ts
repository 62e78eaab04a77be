// /admin/pengguna: the admin's pages for accounts (list, add, edit, disable / enable, reset a password),
// through the real app with the browser-like page client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePagesFixture, PASSWORD, type PageClient, type PagesFixture, userId } from "../../support/pages-fixture.js";

let p: PagesFixture;
let ip = 0;
let admin: PageClient;
beforeAll(async () => {
  p = await makePagesFixture();
  admin = p.client("10.2.0.1");
  await admin.login("admin");
});
afterAll(async () => p.close());

const client = () => p.client(`10.2.1.${++ip}`);

/** Creates an account through the page; returns its id and the one-time password shown. */
async function createOnPage(
  fields: Record<string, string>,
): Promise<{ id: string; password: string; html: string; headers: Headers }> {
  await admin.get("/admin/pengguna/baru");
  const r = await admin.post("/admin/pengguna", { opdId: "", jabatan: "", nip: "", ...fields });
  expect(r.status, r.html.slice(0, 500)).toBe(200);
  const password = /data-password="([^"]+)"/.exec(r.html)?.[1];
  if (!password) throw new Error("no one-time password on the page");
  return { id: await userId(p.runtime, fields.username!), password, html: r.html, headers: r.headers };
}

async function auditActions(subject: string): Promise<string[]> {
  const rows = await p.runtime.store.db
    .selectFrom("audit_log")
    .select("action")
    .where("subject", "=", subject)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.action);
}

describe("access", () => {
  it("is for the admin only: other roles get the 403 page, anonymous visitors the login page", async () => {
    for (const username of ["sekretariat", "penandatangan", "kepala-bkpsdm", "inspektorat"]) {
      const c = client();
      await c.login(username);
      for (const path of ["/admin/pengguna", "/admin/pengguna/baru"]) {
        const r = await c.get(path);
        expect(r.status, `${username} ${path}`).toBe(403);
      }
      expect((await c.post("/admin/pengguna", { username: "penyusup", displayName: "X", role: "admin" })).status).toBe(
        403,
      );
      expect(
        await p.runtime.store.db.selectFrom("users").select("id").where("username", "=", "penyusup").execute(),
      ).toEqual([]);
    }
    expect((await client().get("/admin/pengguna")).location).toMatch(/^\/masuk\?next=/);
  });

  it("shows the admin a 'Pengguna' link in the menu", async () => {
    const r = await admin.get("/surat");
    expect(r.html).toContain('href="/admin/pengguna"');
  });
});

describe("the list", () => {
  it("filters by role, OPD and status", async () => {
    const heads = await admin.get("/admin/pengguna?role=kepala_opd&opd=BKPSDM");
    expect(heads.status).toBe(200);
    expect(heads.html).toContain('data-user="kepala-bkpsdm"');
    expect(heads.html).not.toContain('data-user="kepala-dinkes"');
    expect(heads.html).not.toContain('data-user="sekretariat"');
    const disabled = await admin.get("/admin/pengguna?status=disabled");
    expect(disabled.html).not.toContain("data-user=");
    expect(disabled.html).toContain("Tidak ada pengguna");
  });
});

describe("adding an account", () => {
  it("shows the one-time password once (no-store, not in a cookie) and the new user must replace it at login", async () => {
    const created = await createOnPage({
      username: "staf-umum",
      displayName: "Staf Umum",
      role: "sekretariat",
      jabatan: "Pengadministrasi Umum",
    });
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.password.length).toBeGreaterThanOrEqual(10);
    for (const value of admin.cookies.values()) expect(value).not.toContain(created.password);
    // Opening the account again does not show it.
    expect((await admin.get(`/admin/pengguna/${created.id}`)).html).not.toContain(created.password);
    expect(await auditActions("staf-umum")).toEqual(["user.created"]);

    const c = client();
    const login = await c.login("staf-umum", created.password);
    expect(login.location).toBe("/akun/kata-sandi");
  });

  it("shows every problem beside its field with 400 and keeps what was typed", async () => {
    await admin.get("/admin/pengguna/baru");
    const r = await admin.post("/admin/pengguna", {
      username: "Nama Salah",
      displayName: "Kepala Tanpa OPD",
      role: "kepala_opd",
      opdId: "",
      jabatan: "",
      nip: "12345",
    });
    expect(r.status).toBe(400);
    expect(r.html).toContain("Nama pengguna hanya boleh huruf kecil");
    expect(r.html).toContain("OPD wajib diisi untuk Kepala Perangkat Daerah");
    expect(r.html).toContain("NIP harus 18 digit");
    expect(r.html).toContain('value="Kepala Tanpa OPD"');
  });

  it("answers 409 for a username that exists", async () => {
    await admin.get("/admin/pengguna/baru");
    const r = await admin.post("/admin/pengguna", {
      username: "inspektorat",
      displayName: "Kembar",
      role: "inspektorat",
      opdId: "",
      jabatan: "",
      nip: "",
    });
    expect(r.status).toBe(409);
    expect(r.html).toContain("Nama pengguna sudah dipakai");
  });
});

describe("an account's page", () => {
  it("saves edits of name, role and OPD", async () => {
    const { id } = await createOnPage({ username: "calon-kepala", displayName: "Calon Kepala", role: "sekretariat" });
    await admin.get(`/admin/pengguna/${id}`);
    const saved = await admin.post(`/admin/pengguna/${id}`, {
      displayName: "Kepala Dinas Kesehatan",
      role: "kepala_opd",
      opdId: "DINKES",
      jabatan: "Kepala Dinas",
      nip: "198503152010012003",
    });
    expect(saved.status).toBe(303);
    expect((await admin.follow(saved)).html).toContain("tersimpan");
    const row = await p.runtime.store.db
      .selectFrom("users")
      .select(["display_name", "role", "opd_id", "nip"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      display_name: "Kepala Dinas Kesehatan",
      role: "kepala_opd",
      opd_id: "DINKES",
      nip: "198503152010012003",
    });
  });

  it("disables an account: its open session ends at once and it cannot log in; enabling lets it back in", async () => {
    const { id, password } = await createOnPage({
      username: "akan-pindah",
      displayName: "Akan Pindah",
      role: "inspektorat",
    });
    const user = client();
    await user.login("akan-pindah", password);
    await user.get("/akun/kata-sandi");
    await user.post("/akun/kata-sandi", {
      currentPassword: password,
      newPassword: "sandi-akan-pindah",
      confirmPassword: "sandi-akan-pindah",
    });
    expect((await user.get("/inspektorat")).status).toBe(200);

    await admin.get(`/admin/pengguna/${id}`);
    const off = await admin.post(`/admin/pengguna/${id}/nonaktifkan`);
    expect(off.status).toBe(303);
    expect((await admin.follow(off)).html).toContain("nonaktif");
    expect((await user.get("/inspektorat")).location).toMatch(/^\/masuk/);
    expect((await client().login("akan-pindah", "sandi-akan-pindah")).status).toBe(400);

    await admin.get(`/admin/pengguna/${id}`);
    expect((await admin.post(`/admin/pengguna/${id}/aktifkan`)).status).toBe(303);
    expect((await client().login("akan-pindah", "sandi-akan-pindah")).status).toBe(303);
    expect(await auditActions("akan-pindah")).toEqual([
      "user.created",
      "auth.login",
      "auth.password_changed",
      "user.disabled",
      "auth.login_failed",
      "user.enabled",
      "auth.login",
    ]);
  });

  it("resets a password: the new one-time password is shown once and the user must change it", async () => {
    const id = await userId(p.runtime, "kepala-bkpsdm");
    await admin.get(`/admin/pengguna/${id}`);
    const r = await admin.post(`/admin/pengguna/${id}/atur-ulang-sandi`);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const password = /data-password="([^"]+)"/.exec(r.html)![1]!;
    expect((await client().login("kepala-bkpsdm", PASSWORD)).status).toBe(400);
    const c = client();
    expect((await c.login("kepala-bkpsdm", password)).location).toBe("/akun/kata-sandi");
    expect((await c.get("/surat")).location).toBe("/akun/kata-sandi");
  });

  it("refuses to disable or demote the last active admin (409) and leaves it as it was", async () => {
    const id = await userId(p.runtime, "admin");
    await admin.get(`/admin/pengguna/${id}`);
    const off = await admin.post(`/admin/pengguna/${id}/nonaktifkan`);
    expect(off.status).toBe(409);
    expect(off.html).toContain("Administrator aktif terakhir");
    const demote = await admin.post(`/admin/pengguna/${id}`, {
      displayName: "Administrator",
      role: "sekretariat",
      opdId: "",
      jabatan: "",
      nip: "",
    });
    expect(demote.status).toBe(409);
    const row = await p.runtime.store.db
      .selectFrom("users")
      .select(["role", "disabled_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "admin", disabled_at: null });
    expect((await admin.get("/admin/pengguna")).status).toBe(200);
  });

  it("refuses every form without its CSRF token with 403 and changes nothing", async () => {
    const id = await userId(p.runtime, "sekretariat");
    await admin.get(`/admin/pengguna/${id}`);
    const posts: [string, Record<string, string>][] = [
      ["/admin/pengguna", { username: "lewat-situs-lain", displayName: "X", role: "admin" }],
      [`/admin/pengguna/${id}`, { displayName: "Diubah Diam-diam", role: "sekretariat" }],
      [`/admin/pengguna/${id}/nonaktifkan`, {}],
      [`/admin/pengguna/${id}/atur-ulang-sandi`, {}],
    ];
    for (const [path, fields] of posts) {
      const r = await admin.post(path, { ...fields, _csrf: "" });
      expect(r.status, path).toBe(403);
    }
    const row = await p.runtime.store.db
      .selectFrom("users")
      .select(["display_name", "disabled_at", "must_change_password"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: "Sekretariat Daerah", disabled_at: null, must_change_password: 0 });
    expect(
      await p.runtime.store.db.selectFrom("users").select("id").where("username", "=", "lewat-situs-lain").execute(),
    ).toEqual([]);
    expect((await client().login("sekretariat")).status).toBe(303);
  });
});
