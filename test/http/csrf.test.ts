// Page forms cannot be forged from another site (issue #10, finding 2): the CSRF token is bound to the session,
// the cookie is __Host- on https, and every unsafe request from a foreign or sibling origin is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePagesFixture, type PageClient, type PagesFixture } from "../support/pages-fixture.js";

let p: PagesFixture;
beforeAll(async () => {
  p = await makePagesFixture();
});
afterAll(async () => p.close());

const OPD = "DINKES";
const headName = async () =>
  (await p.runtime.store.db.selectFrom("opd").select("head_name").where("id", "=", OPD).executeTakeFirstOrThrow())
    .head_name;

async function signedIn(username: string): Promise<PageClient> {
  const c = p.client();
  await c.login(username);
  await c.get("/opd");
  return c;
}

/** A raw form post with exactly these cookies, token and headers (what a forging page can make a browser send). */
async function rawPost(cookies: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await p.runtime.app.request(`http://localhost:8787/opd/${OPD}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies, ...headers },
    redirect: "manual",
  });
  return res.status;
}

const cookieHeader = (c: PageClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const sessionCookie = (c: PageClient) => `edaran_session=${c.cookies.get("edaran_session")}`;

describe("page CSRF", () => {
  it("accepts the signed-in user's own form from this origin", async () => {
    const sek = await signedIn("sekretariat");
    const r = await sek.post(`/opd/${OPD}`, { headName: "dr. Asli", email: "dinkes@bengkulukota.go.id.example" });
    expect(r.status).toBe(303);
    expect(await headName()).toBe("dr. Asli");
  });

  it("refuses a token pair the attacker made for his own session, planted in the victim's browser", async () => {
    const before = await headName();
    const victim = await signedIn("sekretariat");
    const attacker = await signedIn("admin");
    const nonce = attacker.cookies.get("edaran_csrf") ?? "";
    // The sibling site can set the csrf cookie (no __Host- on http) and put the matching token in its form.
    const status = await rawPost(`${sessionCookie(victim)}; edaran_csrf=${nonce}`, {
      _csrf: attacker.csrf,
      headName: "Penyusup",
      email: "evil@example.com",
    });
    expect(status).toBe(403);
    expect(await headName()).toBe(before);
  });

  it("refuses an anonymous visitor's token pair planted in a signed-in browser", async () => {
    const before = await headName();
    const victim = await signedIn("sekretariat");
    const stranger = p.client();
    await stranger.get("/masuk");
    const status = await rawPost(`${sessionCookie(victim)}; edaran_csrf=${stranger.cookies.get("edaran_csrf")}`, {
      _csrf: stranger.csrf,
      headName: "Penyusup",
    });
    expect(status).toBe(403);
    expect(await headName()).toBe(before);
  });

  it("refuses the victim's own valid token when the post comes from a foreign or sibling origin", async () => {
    const before = await headName();
    const victim = await signedIn("sekretariat");
    const fields = { _csrf: victim.csrf, headName: "Penyusup", email: "evil@example.com" };
    expect(await rawPost(cookieHeader(victim), fields, { Origin: "https://evil.example" })).toBe(403);
    expect(await rawPost(cookieHeader(victim), fields, { Origin: "https://evil.bengkulukota.go.id" })).toBe(403);
    expect(await rawPost(cookieHeader(victim), fields, { Origin: "null" })).toBe(403);
    // No Origin, but the browser says the request came from another (sibling) site.
    expect(await rawPost(cookieHeader(victim), fields, { "Sec-Fetch-Site": "same-site" })).toBe(403);
    expect(await headName()).toBe(before);
    // The same post from this origin goes through: the refusals above were about where it came from.
    expect(
      await rawPost(cookieHeader(victim), fields, { Origin: "http://localhost:8787", "Sec-Fetch-Site": "same-origin" }),
    ).toBe(303);
    expect(await headName()).toBe("Penyusup");
  });

  it("refuses a logged-out session's token after logging in again (a new session, a new binding)", async () => {
    const c = await signedIn("sekretariat");
    const oldToken = c.csrf;
    await c.post("/keluar");
    await c.login("sekretariat");
    const r = await c.post(`/opd/${OPD}`, { _csrf: oldToken, headName: "Lama" });
    expect(r.status).toBe(403);
  });
});

describe("the CSRF cookie on https", () => {
  it("is __Host-edaran_csrf, Secure, HttpOnly, Path=/ and without Domain", async () => {
    const s = await makePagesFixture({ env: { PUBLIC_URL: "https://edaran.bengkulukota.go.id" } });
    try {
      const res = await s.runtime.app.request("https://edaran.bengkulukota.go.id/masuk");
      const cookie = res.headers.getSetCookie().find((x) => x.includes("edaran_csrf="));
      expect(cookie).toMatch(/^__Host-edaran_csrf=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; Path=\//i);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await s.close();
    }
  });
});
