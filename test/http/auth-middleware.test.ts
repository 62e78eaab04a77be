import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signValue } from "../../src/auth/tokens.js";
import { cookieOf, makeAuthFixture, PASSWORD, SECRET } from "../support/auth-fixture.js";

type Fixture = Awaited<ReturnType<typeof makeAuthFixture>>;
let f: Fixture;

beforeEach(async () => {
  f = await makeAuthFixture();
});
afterEach(async () => {
  await f.close();
});

const get = (path: string, headers: Record<string, string> = {}) => f.app.request(path, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  f.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("login", () => {
  it("sets a signed HttpOnly SameSite=Lax cookie on Path=/ and answers the user", async () => {
    const res = await post("/api/auth/login", { username: "penandatangan", password: PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({
      username: "penandatangan",
      role: "penandatangan",
      displayName: "Arif Gunadi",
      jabatan: "Penjabat Wali Kota Bengkulu",
    });
    expect(body.user).not.toHaveProperty("credentialId");
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^edaran_session=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it("marks the cookie Secure (and __Host-) when the public URL is https", async () => {
    await f.close();
    f = await makeAuthFixture({ publicUrl: "https://edaran.bengkulukota.go.id" });
    const res = await post("/api/auth/login", { username: "admin", password: PASSWORD });
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-edaran_session=.*Secure/);
    expect((await get("/api/auth/me", { cookie: cookieOf(res) })).status).toBe(200);
  });

  it("answers the same 401 for a wrong password and for an unknown user", async () => {
    const wrong = await post("/api/auth/login", { username: "admin", password: "salah" });
    const unknown = await post("/api/auth/login", { username: "tidak-ada", password: "salah" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.json();
    expect(a).toEqual({ error: { code: "login_failed", message: "Nama pengguna atau kata sandi salah" } });
    expect(await unknown.json()).toEqual(a);
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a disabled account with the same 401", async () => {
    await f.store.db
      .updateTable("users")
      .set({ disabled_at: "2024-10-01T00:00:00.000Z" })
      .where("username", "=", "admin")
      .execute();
    const res = await post("/api/auth/login", { username: "admin", password: PASSWORD });
    expect(res.status).toBe(401);
  });

  it("answers 400 with issues for a body without a password", async () => {
    const res = await post("/api/auth/login", { username: "admin" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.issues.map((i) => i.path)).toContain("password");
  });
});

describe("401/403 matrix", () => {
  const routes = {
    "/t/sekretariat": ["sekretariat"],
    "/t/pengawas": ["inspektorat", "admin"],
    "/t/any": ["sekretariat", "penandatangan", "inspektorat", "admin", "kepala-bkpsdm"],
    "/api/auth/me": ["sekretariat", "penandatangan", "inspektorat", "admin", "kepala-bkpsdm"],
  } as const;
  const users = ["sekretariat", "penandatangan", "inspektorat", "admin", "kepala-bkpsdm"];

  it("anonymous gets 401 everywhere it is not public", async () => {
    for (const path of Object.keys(routes)) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    expect(await (await get("/t/public")).json()).toEqual({ user: null });
  });

  it("each role gets 200 where it is listed and 403 elsewhere", async () => {
    for (const username of users) {
      const cookie = await f.login(username);
      for (const [path, allowed] of Object.entries(routes)) {
        const res = await get(path, { cookie });
        const expected = (allowed as readonly string[]).includes(username) ? 200 : 403;
        expect(res.status, `${username} ${path}`).toBe(expected);
        if (expected === 403) expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
    }
  });

  it("the kepala_opd account carries its OPD", async () => {
    const cookie = await f.login("kepala-diskominfo");
    expect(await (await get("/api/auth/me", { cookie })).json()).toMatchObject({
      user: { role: "kepala_opd", opdId: "DISKOMINFO", jabatan: "Kepala Diskominfo" },
    });
  });
});

describe("sessions", () => {
  it("logout revokes the session: the same cookie no longer works", async () => {
    const cookie = await f.login("sekretariat");
    expect((await get("/t/sekretariat", { cookie })).status).toBe(200);
    const out = await post("/api/auth/logout", {}, { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/edaran_session=;.*Max-Age=0/);
    expect((await get("/t/sekretariat", { cookie })).status).toBe(401);
    const row = await f.store.db.selectFrom("sessions").selectAll().executeTakeFirstOrThrow();
    expect(row.revoked_at).toBe(f.clock.now().toISOString());
  });

  it("logout without a session is harmless", async () => {
    expect((await post("/api/auth/logout", {})).status).toBe(204);
  });

  it("refuses a tampered cookie, an unsigned token and a token signed with another secret", async () => {
    const cookie = await f.login("admin");
    const [name, value] = cookie.split("=") as [string, string];
    const [token, sig] = value.split(".") as [string, string];
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const bad of [
      `${flip(token)}.${sig}`,
      `${token}.${flip(sig)}`,
      token,
      await signValue(token, `lain-${SECRET}`),
    ]) {
      expect((await get("/api/auth/me", { cookie: `${name}=${bad}` })).status).toBe(401);
    }
    expect((await get("/api/auth/me", { cookie })).status).toBe(200);
  });

  it("stores only the token's hash, so a stolen sessions table gives no cookie", async () => {
    const cookie = await f.login("admin");
    const token = cookie.split("=")[1]!.split(".")[0]!;
    const row = await f.store.db.selectFrom("sessions").select("id").executeTakeFirstOrThrow();
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.id).not.toContain(token);
    expect((await get("/api/auth/me", { cookie: `edaran_session=${await signValue(row.id, SECRET)}` })).status).toBe(
      401,
    );
  });

  it("a session expires after its lifetime", async () => {
    const cookie = await f.login("admin");
    f.clock.advance(12 * 60 * 60 * 1000 - 1);
    expect((await get("/api/auth/me", { cookie })).status).toBe(200);
    f.clock.advance(1);
    expect((await get("/api/auth/me", { cookie })).status).toBe(401);
  });

  it("disabling a user ends their live sessions", async () => {
    const cookie = await f.login("inspektorat");
    await f.store.db
      .updateTable("users")
      .set({ disabled_at: "2024-11-01T00:00:00.000Z" })
      .where("username", "=", "inspektorat")
      .execute();
    expect((await get("/api/auth/me", { cookie })).status).toBe(401);
  });
});

describe("API tokens", () => {
  async function newToken(cookie: string, name = "SIMPEG") {
    const res = await post("/api/auth/tokens", { name }, { cookie });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; token: string; name: string };
  }

  it("a created token authenticates as its user via Bearer, with that user's role", async () => {
    const cookie = await f.login("inspektorat");
    const t = await newToken(cookie);
    expect(t.token).toMatch(/^edr_[A-Za-z0-9_-]{43}$/);
    const auth = { authorization: `Bearer ${t.token}` };
    expect(await (await get("/t/any", auth)).json()).toEqual({ ok: true, via: "token" });
    expect((await get("/t/pengawas", auth)).status).toBe(200);
    expect((await get("/t/sekretariat", auth)).status).toBe(403);
    const row = await f.store.db.selectFrom("api_tokens").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.last_used_at).toBe(f.clock.now().toISOString());
  });

  it("is listed without its secret", async () => {
    const cookie = await f.login("admin");
    const t = await newToken(cookie);
    const list = (await (await get("/api/auth/tokens", { cookie })).json()) as { tokens: Record<string, unknown>[] };
    expect(list.tokens).toEqual([
      { id: t.id, name: "SIMPEG", createdAt: f.clock.now().toISOString(), lastUsedAt: null, revokedAt: null },
    ]);
    expect(JSON.stringify(list)).not.toContain(t.token);
  });

  it("a revoked token no longer works", async () => {
    const cookie = await f.login("admin");
    const t = await newToken(cookie);
    const auth = { authorization: `Bearer ${t.token}` };
    expect((await get("/t/any", auth)).status).toBe(200);
    expect((await f.app.request(`/api/auth/tokens/${t.id}`, { method: "DELETE", headers: { cookie } })).status).toBe(
      204,
    );
    expect((await get("/t/any", auth)).status).toBe(401);
  });

  it("an unknown or malformed bearer token is 401, even with a good cookie alongside", async () => {
    const cookie = await f.login("admin");
    expect((await get("/t/any", { authorization: "Bearer edr_bukan-token" })).status).toBe(401);
    expect((await get("/t/any", { authorization: "Basic YWRtaW46eA==", cookie })).status).toBe(401);
  });

  it("a token cannot mint another token", async () => {
    const cookie = await f.login("admin");
    const t = await newToken(cookie);
    const res = await post("/api/auth/tokens", { name: "lagi" }, { authorization: `Bearer ${t.token}` });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("session_required");
  });

  it("someone else's token answers 404 on delete; admin may revoke it", async () => {
    const t = await newToken(await f.login("sekretariat"));
    const other = await f.login("penandatangan");
    expect(
      (await f.app.request(`/api/auth/tokens/${t.id}`, { method: "DELETE", headers: { cookie: other } })).status,
    ).toBe(404);
    expect((await get("/t/any", { authorization: `Bearer ${t.token}` })).status).toBe(200);
    const admin = await f.login("admin");
    expect(
      (await f.app.request(`/api/auth/tokens/${t.id}`, { method: "DELETE", headers: { cookie: admin } })).status,
    ).toBe(204);
    expect((await get("/t/any", { authorization: `Bearer ${t.token}` })).status).toBe(401);
  });

  it("needs a session to be created at all", async () => {
    expect((await post("/api/auth/tokens", { name: "x" })).status).toBe(401);
  });
});
