// POST /api/auth/password through the real app, and the gate that holds a user whose password an admin set
// to the password change: the rules on the new password, the sessions that end, the rate limit, the audit row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/domain/clock.js";
import { type ApiFixture, issuePaths, makeApiFixture, SEED_PASSWORD } from "../../support/api-fixture.js";

const clock = fixedClock("2024-11-04T02:00:00.000Z");
let fx: ApiFixture;
let seq = 0;
beforeAll(async () => {
  fx = await makeApiFixture({ clock });
});
afterAll(async () => {
  await fx.close();
});

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;
const login = (username: string, password: string) =>
  fx.call("POST", "/api/auth/login", { body: { username, password } });
const change = (cookie: string, body: unknown, headers?: Record<string, string>) =>
  fx.call("POST", "/api/auth/password", { as: { cookie }, body, ...(headers ? { headers } : {}) });

/** A new account made by the admin: its username and one-time password. */
async function newAccount(role = "sekretariat"): Promise<{ username: string; id: string; password: string }> {
  // At least 10 characters, so "new password = username" is refused for that reason and not its length.
  const username = `akun-pegawai-${++seq}`;
  const r = await fx.json<{ user: { id: string }; temporaryPassword: string }>("POST", "/api/users", 201, {
    as: "admin",
    body: { username, displayName: "Akun Uji", role },
  });
  return { username, id: r.user.id, password: r.temporaryPassword };
}

describe("changing one's own password", () => {
  it("replaces the password: the old one stops working, other sessions end, the caller's session is re-issued", async () => {
    const here = await fx.login("inspektorat", true);
    const elsewhere = await fx.login("inspektorat", true);
    const res = await change(here, { currentPassword: SEED_PASSWORD, newPassword: "inspektorat-baru-2024" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { username: "inspektorat", mustChangePassword: false } });
    const reissued = cookieOf(res);
    expect(reissued).toMatch(/^edaran_session=/);
    expect(reissued).not.toBe(here);

    expect((await fx.call("GET", "/api/auth/me", { as: { cookie: reissued } })).status).toBe(200);
    expect((await fx.call("GET", "/api/auth/me", { as: { cookie: elsewhere } })).status).toBe(401);
    expect((await fx.call("GET", "/api/auth/me", { as: { cookie: here } })).status).toBe(401);
    expect((await login("inspektorat", SEED_PASSWORD)).status).toBe(401);
    expect((await login("inspektorat", "inspektorat-baru-2024")).status).toBe(200);
  });

  it("re-hashes with the configured iterations and records auth.password_changed without the password", async () => {
    const cookie = await fx.login("penandatangan", true);
    expect((await change(cookie, { currentPassword: SEED_PASSWORD, newPassword: "penandatangan-baru-1" })).status).toBe(
      200,
    );
    const row = await fx.rt.store.db
      .selectFrom("users")
      .select(["id", "password_hash"])
      .where("username", "=", "penandatangan")
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^pbkdf2-sha256\$1000\$/);
    const audit = await fx.rt.store.db
      .selectFrom("audit_log")
      .select(["actor", "subject", "data_json"])
      .where("action", "=", "auth.password_changed")
      .where("subject", "=", "penandatangan")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(row.id);
    expect(audit[0]!.data_json).not.toMatch(/penandatangan-baru-1|uji-coba-rahasia|pbkdf2/);
  });

  it("answers 400 with the exact paths for a missing field, a short new password, and unknown fields", async () => {
    const cookie = await fx.login("sekretariat", true);
    const cases: [unknown, string[]][] = [
      [{}, ["currentPassword", "newPassword"]],
      [{ currentPassword: SEED_PASSWORD, newPassword: "pendek" }, ["newPassword"]],
      [{ currentPassword: SEED_PASSWORD, newPassword: "cukup-panjang-1", confirm: "x" }, ["(root)"]],
    ];
    for (const [body, paths] of cases) {
      const res = await change(cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await issuePaths(res)).toEqual(paths);
    }
  });

  it("refuses a wrong current password at currentPassword, and a new password equal to the username or the current one", async () => {
    clock.advance(60_000);
    const cookie = await fx.login("sekretariat", true);
    const wrong = await change(cookie, { currentPassword: "bukan-kata-sandinya", newPassword: "sekretariat-baru-1" });
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("wrong_current_password");
    expect(body.error.issues.map((i) => i.path)).toEqual(["currentPassword"]);

    const account = await newAccount();
    const first = cookieOf(await login(account.username, account.password));
    for (const newPassword of [account.username, account.username.toUpperCase(), account.password]) {
      const res = await change(first, { currentPassword: account.password, newPassword });
      expect(res.status, newPassword).toBe(400);
      expect(await issuePaths(res)).toEqual(["newPassword"]);
    }
    // Nothing changed: the seed password still signs the secretariat in.
    expect((await login("sekretariat", SEED_PASSWORD)).status).toBe(200);
  });

  it("refuses a text/plain body carrying the session cookie (a cross-site form) with 415", async () => {
    const cookie = await fx.login("admin", true);
    const res = await change(
      cookie,
      { currentPassword: SEED_PASSWORD, newPassword: "dari-situs-lain-1" },
      { "content-type": "text/plain" },
    );
    expect(res.status).toBe(415);
    expect((await login("admin", SEED_PASSWORD)).status).toBe(200);
  });

  it("answers 401 without a session", async () => {
    expect(
      (
        await fx.call("POST", "/api/auth/password", {
          body: { currentPassword: SEED_PASSWORD, newPassword: "siapa-saja-123" },
        })
      ).status,
    ).toBe(401);
  });

  it("rate-limits wrong current passwords like logins: the 11th attempt in a minute gets 429, even with the right one", async () => {
    clock.advance(60_000);
    const cookie = await fx.login("kepala-bkpsdm", true);
    for (let i = 0; i < 10; i++) {
      expect(
        (await change(cookie, { currentPassword: `tebakan-${i}`, newPassword: "kepala-bkpsdm-baru" })).status,
      ).toBe(400);
    }
    const limited = await change(cookie, { currentPassword: SEED_PASSWORD, newPassword: "kepala-bkpsdm-baru" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    clock.advance(60_000);
    expect((await change(cookie, { currentPassword: SEED_PASSWORD, newPassword: "kepala-bkpsdm-baru" })).status).toBe(
      200,
    );
  });
});

describe("a password set by the admin", () => {
  it("answers 403 password_change_required on the API except me, password and logout until it is changed", async () => {
    clock.advance(60_000);
    const account = await newAccount("inspektorat");
    const cookie = cookieOf(await login(account.username, account.password));
    for (const [method, path] of [
      ["GET", "/api/letters"],
      ["GET", "/api/audit"],
      ["GET", "/api/auth/tokens"],
      ["POST", "/api/auth/tokens"],
    ] as const) {
      const res = await fx.call(method, path, {
        as: { cookie },
        ...(method === "POST" ? { body: { name: "x" } } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "password_change_required" } });
    }
    expect(await fx.json("GET", "/api/auth/me", 200, { as: { cookie } })).toMatchObject({
      user: { mustChangePassword: true },
    });
    const changed = await change(cookie, { currentPassword: account.password, newPassword: "inspektur-baru-2024" });
    expect(changed.status).toBe(200);
    expect((await fx.call("GET", "/api/audit", { as: { cookie: cookieOf(changed) } })).status).toBe(200);
    const row = await fx.rt.store.db
      .selectFrom("users")
      .select("must_change_password")
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
  });

  it("ends the API tokens made with the old password, on a reset and on a change", async () => {
    clock.advance(60_000);
    const account = await newAccount("sekretariat");
    const first = await change(cookieOf(await login(account.username, account.password)), {
      currentPassword: account.password,
      newPassword: "sandi-pertama-123",
    });
    const mint = async (cookie: string) =>
      (await fx.json<{ token: string }>("POST", "/api/auth/tokens", 201, { as: { cookie }, body: { name: "SIMPEG" } }))
        .token;
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    const stolen = await mint(cookieOf(first));
    expect((await fx.call("GET", "/api/letters", { headers: bearer(stolen) })).status).toBe(200);

    // An admin reset (a lost or stolen password) ends it for good, not only until the owner picks a new password.
    const reset = await fx.json<{ temporaryPassword: string }>("POST", `/api/users/${account.id}/reset-password`, 200, {
      as: "admin",
    });
    expect((await fx.call("GET", "/api/letters", { headers: bearer(stolen) })).status).toBe(401);
    const cookie = cookieOf(await login(account.username, reset.temporaryPassword));
    const second = await change(cookie, { currentPassword: reset.temporaryPassword, newPassword: "sandi-kedua-123" });
    expect(second.status).toBe(200);
    expect((await fx.call("GET", "/api/letters", { headers: bearer(stolen) })).status).toBe(401);

    // The owner's own change of password ends the tokens made before it too.
    const fresh = await mint(cookieOf(second));
    expect((await fx.call("GET", "/api/letters", { headers: bearer(fresh) })).status).toBe(200);
    expect(
      (await change(cookieOf(second), { currentPassword: "sandi-kedua-123", newPassword: "sandi-ketiga-123" })).status,
    ).toBe(200);
    expect((await fx.call("GET", "/api/letters", { headers: bearer(fresh) })).status).toBe(401);
  });

  it("still lets the user sign out", async () => {
    const account = await newAccount();
    const cookie = cookieOf(await login(account.username, account.password));
    expect((await fx.call("POST", "/api/auth/logout", { as: { cookie } })).status).toBe(204);
    expect((await fx.call("GET", "/api/auth/me", { as: { cookie } })).status).toBe(401);
  });
});
