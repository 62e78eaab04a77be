// /masuk, /keluar, / and the guards every page shares: anonymous → login, wrong role → 403 page, CSRF, rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeNext } from "../../../src/http/pages/routes/page-kit.js";
import { makePagesFixture, type PagesFixture } from "../../support/pages-fixture.js";

let p: PagesFixture;
beforeAll(async () => {
  p = await makePagesFixture();
});
afterAll(async () => p.close());

describe("login page", () => {
  it("logs in, lands on the role's start page and records auth.login in the audit log", async () => {
    const c = p.client();
    const r = await c.login("inspektorat");
    expect(r.status).toBe(303);
    expect(r.location).toBe("/inspektorat");
    const audit = await p.runtime.store.db
      .selectFrom("audit_log")
      .select(["action", "subject"])
      .where("action", "=", "auth.login")
      .execute();
    expect(audit).toContainEqual({ action: "auth.login", subject: "inspektorat" });
  });

  it("refuses a wrong password with one message, keeps the username, and records auth.login_failed", async () => {
    const c = p.client("10.0.0.2");
    await c.get("/masuk");
    const r = await c.post("/masuk", { username: "sekretariat", password: "salah-sekali" });
    expect(r.status).toBe(400);
    expect(r.html).toContain("Nama pengguna atau kata sandi salah");
    expect(r.html).toContain('value="sekretariat"');
    expect(r.html).not.toContain("salah-sekali");
    const failed = await p.runtime.store.db
      .selectFrom("audit_log")
      .select("subject")
      .where("action", "=", "auth.login_failed")
      .execute();
    expect(failed.map((f) => f.subject)).toContain("sekretariat");
  });

  it("sends anonymous visitors to /masuk with next= and back there after login", async () => {
    const c = p.client("10.0.0.3");
    const r = await c.get("/surat?status=draft");
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/masuk?next=${encodeURIComponent("/surat?status=draft")}`);
    await c.get(r.location!);
    const after = await c.post("/masuk", {
      username: "sekretariat",
      password: "rahasia-uji-123",
      next: "/surat?status=draft",
    });
    expect(after.location).toBe("/surat?status=draft");
  });

  it("never redirects to another site after login", async () => {
    const c = p.client("10.0.0.4");
    await c.get("/masuk");
    const r = await c.post("/masuk", {
      username: "sekretariat",
      password: "rahasia-uji-123",
      next: "//evil.example/x",
    });
    expect(r.location).toBe("/surat");
  });

  it("never redirects off the site through a tab, newline or backslash in next", async () => {
    const c = p.client("10.0.0.8");
    await c.get("/masuk");
    // URLSearchParams sends the tab as %09; the server reads it back as a tab, which browsers would strip.
    const r = await c.post("/masuk", {
      username: "sekretariat",
      password: "rahasia-uji-123",
      next: "/\t/evil.example/x",
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/surat");
    // Signed in, GET /masuk?next= redirects at once: the same check applies there.
    const again = await c.get(`/masuk?next=${encodeURIComponent("/\n/evil")}`);
    expect(again.location).toBe("/");
  });

  it("answers a page outside the user's role with a 403 page", async () => {
    const c = p.client("10.0.0.5");
    await c.login("kepala-bkpsdm");
    for (const path of ["/inspektorat", "/inspektorat/audit", "/inspektorat/pelanggaran", "/surat/baru", "/opd"]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(403);
      expect(r.html).toContain("Akses ditolak");
    }
  });

  it("refuses a POST without the CSRF token, or with another one, with a 403 page", async () => {
    const c = p.client("10.0.0.6");
    await c.get("/masuk");
    const missing = await c.post("/masuk", { _csrf: "", username: "sekretariat", password: "rahasia-uji-123" });
    expect(missing.status).toBe(403);
    expect(missing.html).toContain("Formulir kedaluwarsa");
    const other = await c.post("/masuk", {
      _csrf: "A".repeat(43),
      username: "sekretariat",
      password: "rahasia-uji-123",
    });
    expect(other.status).toBe(403);
    expect(c.cookies.has("edaran_session")).toBe(false);
  });

  it("sets the CSRF cookie HttpOnly and SameSite=Lax", async () => {
    const res = await p.runtime.app.request("http://localhost:8787/masuk");
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith("edaran_csrf="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("logs out (POST with CSRF) and the session no longer opens pages", async () => {
    const c = p.client("10.0.0.7");
    await c.login("sekretariat");
    await c.get("/surat");
    const out = await c.post("/keluar");
    expect(out.location).toBe("/masuk");
    expect((await c.get("/surat")).status).toBe(303);
  });

  it("answers 429 with Retry-After after 10 login attempts a minute from one address", async () => {
    const c = p.client("10.9.9.9");
    await c.get("/masuk");
    for (let i = 0; i < 10; i++) expect((await c.post("/masuk", { username: "x", password: "y" })).status).toBe(400);
    const r = await c.post("/masuk", { username: "sekretariat", password: "rahasia-uji-123" });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not affected.
    const other = p.client("10.9.9.10");
    expect((await other.login("sekretariat")).status).toBe(303);
  });
});

describe("safeNext", () => {
  it.each([
    ["/\t/evil.example", "tab after the slash"],
    ["/\n/evil", "newline after the slash"],
    ["/\r/evil", "carriage return"],
    ["\\evil", "backslash"],
    ["/\\evil", "slash backslash"],
    ["/%09/evil".replace("%09", "\t"), "the decoded form of /%09/evil"],
    ["https://evil", "an absolute URL"],
    ["//evil", "a protocol-relative URL"],
    ["/ /evil", "a space"],
    ["/\u00a0/evil", "a no-break space"],
    ["surat", "a relative path"],
    ["", "nothing"],
    ["/.//evil.example", "dot segment normalised into //"],
    ["/a/..//evil.example", "dot-dot segment normalised into //"],
    ["/%2e%2e//evil.example", "encoded dot-dot normalised into //"],
  ])("refuses %j (%s) with /", (next) => {
    expect(safeNext(next)).toBe("/");
  });

  it("keeps a local path with its query and fragment", () => {
    expect(safeNext("/surat?status=draft")).toBe("/surat?status=draft");
    expect(safeNext("/surat/abc#riwayat")).toBe("/surat/abc#riwayat");
    // Still encoded, %09 is only text in a path, not a tab: it stays on this site.
    expect(safeNext("/%09/evil")).toBe("/%09/evil");
  });
});
