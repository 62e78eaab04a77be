// What keeps the cookie-authenticated API from being driven by someone else: failed logins are limited per
// address (API and /masuk share the counter, and a made-up X-Forwarded-For is no new address), and JSON
// writes must say application/json unless they carry an Authorization header.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/domain/clock.js";
import { errorBody } from "../../../src/http/errors.js";
import { readJson } from "../../../src/http/validate.js";
import { type ApiFixture, makeApiFixture, SEED_PASSWORD } from "../../support/api-fixture.js";

const clock = fixedClock("2024-10-02T03:00:00.000Z");
let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture({ clock });
});
afterAll(async () => {
  await fx.close();
});

const apiLogin = (password: string, headers: Record<string, string> = {}) =>
  fx.call("POST", "/api/auth/login", { body: { username: "sekretariat", password }, headers });

/** A /masuk form post with its CSRF cookie and field, as a browser sends it. */
async function pageLogin(password: string): Promise<number> {
  const page = await fx.rt.app.request("/masuk");
  const cookie = page.headers
    .getSetCookie()
    .find((s) => s.startsWith("edaran_csrf="))!
    .split(";")[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fx.rt.app.request("/masuk", {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, username: "sekretariat", password }),
  });
  return res.status;
}

describe("login rate limit", () => {
  it("answers 429 with Retry-After on the API after 10 failed logins a minute; successful ones do not count", async () => {
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) expect((await apiLogin(SEED_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await apiLogin("salah-sekali")).status).toBe(401);
    const limited = await apiLogin(SEED_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(limited.headers.get("set-cookie")).toBeNull();
  });

  it("does not open a new bucket for a made-up X-Forwarded-For or CF-Connecting-IP without TRUST_PROXY", async () => {
    // Same window as the test above: the address is still over its limit whatever the headers say.
    const spoofs: Record<string, string>[] = [
      { "X-Forwarded-For": "203.0.113.1" },
      { "X-Forwarded-For": "198.51.100.9, 203.0.113.2" },
      { "CF-Connecting-IP": "203.0.113.3" },
    ];
    for (const spoof of spoofs) {
      expect((await apiLogin(SEED_PASSWORD, spoof)).status, JSON.stringify(spoof)).toBe(429);
    }
  });

  it("shares the counter between /masuk and /api/auth/login", async () => {
    clock.advance(60_000);
    for (let i = 0; i < 6; i++) expect(await pageLogin("salah-sekali")).toBe(400);
    for (let i = 0; i < 4; i++) expect((await apiLogin("salah-sekali")).status).toBe(401);
    expect((await apiLogin(SEED_PASSWORD)).status).toBe(429);
    expect(await pageLogin(SEED_PASSWORD)).toBe(429);
    // The next window starts afresh.
    clock.advance(60_000);
    expect((await apiLogin(SEED_PASSWORD)).status).toBe(200);
  });
});

describe("JSON writes need application/json unless bearer-authenticated", () => {
  it("refuses a text/plain JSON body sent with the session cookie with 415, and changes nothing", async () => {
    clock.advance(60_000);
    const res = await fx.call("PATCH", "/api/opd/BKPSDM", {
      as: "admin",
      body: { head_name: "Dari Situs Lain" },
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    const opd = await fx.json<{ head_name: string | null }>("GET", "/api/opd/BKPSDM", 200, { as: "admin" });
    expect(opd.head_name).not.toBe("Dari Situs Lain");
    // Form encodings and a missing type are refused the same way; application/json with a charset is fine.
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      expect(
        (
          await fx.call("PATCH", "/api/opd/BKPSDM", {
            as: "admin",
            body: { head_name: "X" },
            headers: { "content-type": type },
          })
        ).status,
        type,
      ).toBe(415);
    }
    expect(
      (
        await fx.call("PATCH", "/api/opd/BKPSDM", {
          as: "admin",
          body: { head_name: "Nama Kepala" },
          headers: { "content-type": "application/json; charset=utf-8" },
        })
      ).status,
    ).toBe(200);
  });

  it("refuses a text/plain login (a cross-site form could otherwise sign the browser in)", async () => {
    const res = await fx.call("POST", "/api/auth/login", {
      body: { username: "sekretariat", password: SEED_PASSWORD },
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("accepts any content type from a bearer token client (a browser cannot send one cross-site)", async () => {
    const created = await fx.json<{ token: string }>("POST", "/api/auth/tokens", 201, {
      as: "admin",
      body: { name: "integrasi" },
    });
    const res = await fx.call("PATCH", "/api/opd/BKPSDM", {
      body: { head_name: "Lewat Token" },
      headers: { Authorization: `Bearer ${created.token}`, "content-type": "text/plain" },
    });
    expect(res.status).toBe(200);
  });

  it("readJson gives the body for application/json, 415 otherwise, 400 for a body that is not JSON", async () => {
    const app = new Hono();
    app.post("/", async (c) => c.json({ got: await readJson(c) }));
    app.onError((err, c) => {
      const { status, body } = errorBody(err);
      return c.json(body, status);
    });
    const post = (type: string, body: string) =>
      app.request("/", { method: "POST", headers: { "content-type": type }, body });
    expect(await (await post("application/json", '{"a":1}')).json()).toEqual({ got: { a: 1 } });
    expect((await post("text/plain", '{"a":1}')).status).toBe(415);
    expect(await (await post("application/json", "{bukan json")).json()).toMatchObject({
      error: { code: "invalid_json" },
    });
  });
});
