// /api/auth through the REAL app (test/auth covers the pieces on a small app): what only the whole
// app shows: the cookie's flags, logout ending the session everywhere, and API tokens on other routes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, issuePaths, makeApiFixture, SEED_PASSWORD } from "../../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

describe("POST /api/auth/login", () => {
  it("sets an HttpOnly SameSite=Lax session cookie and answers the user without secrets", async () => {
    const res = await fx.call("POST", "/api/auth/login", {
      body: { username: "penandatangan", password: SEED_PASSWORD },
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^edaran_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ username: "penandatangan", role: "penandatangan" });
    // mustChangePassword is a flag, not a secret: the check is for a password field or a hash.
    expect(JSON.stringify(body)).not.toMatch(/"password"|password_hash|pbkdf2/i);
  });

  it("answers the same 401 login_failed for a wrong password and an unknown user", async () => {
    for (const username of ["sekretariat", "tidak-ada"]) {
      const res = await fx.call("POST", "/api/auth/login", { body: { username, password: "salah-sekali" } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: "login_failed", message: "Nama pengguna atau kata sandi salah" },
      });
    }
  });

  it("answers 400 at username and password for an empty body", async () => {
    const res = await fx.call("POST", "/api/auth/login", { body: {} });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["password", "username"]);
  });
});

describe("session lifecycle", () => {
  it("logout revokes the session: the same cookie then answers 401 on the API", async () => {
    const cookie = await fx.login("sekretariat", true);
    expect(await fx.json("GET", "/api/auth/me", 200, { as: { cookie } })).toMatchObject({
      user: { username: "sekretariat" },
    });
    expect((await fx.call("POST", "/api/auth/logout", { as: { cookie } })).status).toBe(204);
    expect((await fx.call("GET", "/api/auth/me", { as: { cookie } })).status).toBe(401);
    expect((await fx.call("GET", "/api/letters", { as: { cookie } })).status).toBe(401);
  });

  it("a tampered cookie is anonymous (401), not an error", async () => {
    const cookie = await fx.login("admin", true);
    const tampered = cookie.slice(0, -2) + (cookie.endsWith("A") ? "BB" : "AA");
    expect((await fx.call("GET", "/api/auth/me", { as: { cookie: tampered } })).status).toBe(401);
  });
});

describe("API tokens on the real routes", () => {
  it("a bearer token acts with its owner's role, cannot mint tokens, and stops working once revoked", async () => {
    const created = await fx.json<{ id: string; token: string }>("POST", "/api/auth/tokens", 201, {
      as: "inspektorat",
      body: { name: "SIMPEG" },
    });
    const bearer = { Authorization: `Bearer ${created.token}` };
    expect((await fx.call("GET", "/api/audit/verify", { headers: bearer })).status).toBe(200);
    expect((await fx.call("PATCH", "/api/opd/BKPSDM", { headers: bearer, body: { head_name: "X" } })).status).toBe(403);
    const mint = await fx.call("POST", "/api/auth/tokens", { headers: bearer, body: { name: "anak token" } });
    expect(mint.status).toBe(403);
    expect(await mint.json()).toMatchObject({ error: { code: "session_required" } });
    const list = await fx.json<{ tokens: { id: string; name: string }[] }>("GET", "/api/auth/tokens", 200, {
      as: "inspektorat",
    });
    expect(list.tokens.map((t) => t.name)).toContain("SIMPEG");
    expect(JSON.stringify(list)).not.toContain(created.token);
    // Someone else's token id is 404 (ids cannot be probed); the owner revokes it.
    expect((await fx.call("DELETE", `/api/auth/tokens/${created.id}`, { as: "sekretariat" })).status).toBe(404);
    expect((await fx.call("DELETE", `/api/auth/tokens/${created.id}`, { as: "inspektorat" })).status).toBe(204);
    expect((await fx.call("GET", "/api/audit/verify", { headers: bearer })).status).toBe(401);
  });

  it("a bad bearer token is 401 even with a valid cookie alongside", async () => {
    const res = await fx.call("GET", "/api/letters", { as: "admin", headers: { Authorization: "Bearer palsu" } });
    expect(res.status).toBe(401);
  });

  it("answers 400 at name for an empty token name", async () => {
    const res = await fx.call("POST", "/api/auth/tokens", { as: "admin", body: { name: " " } });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["name"]);
  });
});
