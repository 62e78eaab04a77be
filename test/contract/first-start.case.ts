// First start without a shared password, on both runtimes (Node on a SQLite file, workerd on D1): every seeded
// account is invited (no hash, no PBKDF2 run), an invited login gets the clear refusal, the setup token makes the
// first admin once, and activation links are single use, expire, are voided by a new one and refuse a wrong
// token. Expiry is shown by moving a row's expires_at into the past, so no test waits on a clock.
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";

export interface FirstStartTarget {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  db: Kysely<Database>;
  /**
   * PBKDF2 runs (crypto.subtle.deriveBits calls) while the runtime started, or null where a spy cannot see them
   * (workerd's native SubtleCrypto): there the evidence is that no account got a hash.
   */
  startDerivations: number | null;
  /** The setup token: from the link npm start printed (Node) or the SETUP_TOKEN secret (Workers). */
  setupToken: string;
  /** Where the setup form is opened: /pasang/<token> on Node, /pasang on Workers. */
  setupPage: string;
  /** The token rides in the form as a hidden field (a link) or is typed (the secret). */
  fromLink: boolean;
}

/** A browser's worth of state: cookies and the CSRF token of the last page. */
class FormClient {
  private cookies = new Map<string, string>();
  csrf = "";
  constructor(private readonly t: FirstStartTarget) {}

  async send(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await this.t.fetch(path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: res.status, text, location: res.headers.get("Location"), headers: res.headers };
  }
  get(path: string) {
    return this.send(path);
  }
  post(path: string, fields: Record<string, string>) {
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields });
    return this.send(path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
  }
  json(method: string, path: string, body?: unknown) {
    return this.send(path, {
      method,
      headers: { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
}

const ADMIN = { username: "kominfo", displayName: "Diskominfo Kota Bengkulu", password: "sandi-admin-pertama" };

export function firstStartContract(name: string, makeTarget: () => Promise<FirstStartTarget>): void {
  describe(`${name}: first start without a shared password`, () => {
    // One fresh install, walked through in order: invited accounts, the first admin, activation links.
    let t: FirstStartTarget;
    let admin: FormClient;
    beforeAll(async () => {
      t = await makeTarget();
    });

    it("invites every seeded account, spending no PBKDF2, and an invited login is told to ask for a link", async () => {
      const c = new FormClient(t);
      const anon = await c.json("GET", "/api/auth/me");
      expect(anon.status).toBe(401);
      if (t.startDerivations !== null) expect(t.startDerivations).toBe(0);
      const users = await t.db.selectFrom("users").select(["username", "password_hash"]).execute();
      expect(users.length).toBeGreaterThan(40);
      expect(users.filter((u) => u.password_hash !== "").map((u) => u.username)).toEqual([]);

      const api = await c.json("POST", "/api/auth/login", { username: "kepala-bkpsdm", password: "apa-saja-123" });
      expect(api.status).toBe(403);
      expect(JSON.parse(api.text)).toEqual({
        error: { code: "account_not_activated", message: "Akun belum diaktifkan: minta tautan aktivasi kepada admin" },
      });
      await c.get("/masuk");
      const page = await c.post("/masuk", { username: "kepala-bkpsdm", password: "apa-saja-123" });
      expect(page.status).toBe(400);
      expect(page.text).toContain("Akun belum diaktifkan: minta tautan aktivasi kepada admin");
    });

    it("makes the first admin once through the setup token and refuses it after", async () => {
      const c = new FormClient(t);
      admin = c;
      const form = await c.get(t.setupPage);
      expect(form.status).toBe(200);
      expect(form.headers.get("Cache-Control")).toBe("no-store");
      const fields = (token: string) => ({
        token,
        ...(t.fromLink ? { fromLink: "1" } : {}),
        ...ADMIN,
        confirmPassword: ADMIN.password,
      });

      const wrong = await c.post("/pasang", fields("bukan-token-yang-benar-sama-sekali"));
      expect(wrong.status).toBe(404);
      expect(wrong.text).toContain("Kode pemasangan salah");

      const made = await c.post("/pasang", fields(t.setupToken));
      expect(made.status).toBe(303);
      expect(made.location).toBe("/admin/pengguna");
      const me = JSON.parse((await c.json("GET", "/api/auth/me")).text);
      expect(me.user).toMatchObject({ username: "kominfo", role: "admin", displayName: ADMIN.displayName });

      const fresh = new FormClient(t);
      await fresh.get("/masuk");
      const again = await fresh.post("/pasang", { ...fields(t.setupToken), username: "penyusup" });
      expect(again.status).toBe(409);
      expect(again.text).toContain("Pemasangan sudah selesai");
      expect((await fresh.get(t.setupPage)).status).toBe(409);
      const login = await fresh.json("POST", "/api/auth/login", { username: "kominfo", password: ADMIN.password });
      expect(login.status).toBe(200);
      const admins = await t.db.selectFrom("users").select("username").where("role", "=", "admin").execute();
      expect(admins.map((a) => a.username)).toEqual(["kominfo"]);

      const audit = await t.db.selectFrom("audit_log").selectAll().execute();
      expect(audit.filter((r) => r.action === "auth.first_admin").map((r) => r.subject)).toEqual(["kominfo"]);
      expect(JSON.stringify(audit)).not.toContain(t.setupToken);
    });

    it("activation links: single use, voided by a new one, expiring, wrong token refused; audited without tokens", async () => {
      const kepala = await t.db
        .selectFrom("users")
        .select("id")
        .where("username", "=", "kepala-bkpsdm")
        .executeTakeFirstOrThrow();
      const makeLink = async () => {
        const r = await admin.json("POST", `/api/users/${kepala.id}/activation-link`);
        expect(r.status).toBe(201);
        expect(r.headers.get("Cache-Control")).toBe("no-store");
        const body = JSON.parse(r.text) as { activationUrl: string; expiresAt: string };
        expect(body.activationUrl.startsWith("https://edaran.test/aktivasi/")).toBe(true);
        return new URL(body.activationUrl).pathname;
      };
      const first = await makeLink();
      const second = await makeLink();
      const official = new FormClient(t);
      expect((await official.get(first)).status).toBe(404);
      expect((await official.get("/aktivasi/tokenyangsalahsekalitidakada123")).status).toBe(404);
      const open = await official.get(second);
      expect(open.status).toBe(200);
      expect(open.text).toContain("kepala-bkpsdm");

      const weak = await official.post(second, { newPassword: "pendek", confirmPassword: "pendek" });
      expect(weak.status).toBe(400);
      expect(weak.text).toContain("paling sedikit 10 karakter");
      const done = await official.post(second, {
        newPassword: "sandi-kepala-bkpsdm",
        confirmPassword: "sandi-kepala-bkpsdm",
      });
      expect(done.status).toBe(303);
      const me = JSON.parse((await official.json("GET", "/api/auth/me")).text);
      expect(me.user).toMatchObject({ username: "kepala-bkpsdm", mustChangePassword: false });
      const reused = await new FormClient(t).get(second);
      expect(reused.status).toBe(404);
      expect(reused.text).toContain("Tautan aktivasi tidak berlaku");
      const login = await new FormClient(t).json("POST", "/api/auth/login", {
        username: "kepala-bkpsdm",
        password: "sandi-kepala-bkpsdm",
      });
      expect(login.status).toBe(200);

      const stale = await makeLink();
      await t.db.updateTable("one_time_links").set({ expires_at: "2000-01-01T00:00:00.000Z" }).execute();
      const expired = new FormClient(t);
      expect((await expired.get(stale)).status).toBe(404);
      await expired.get("/masuk");
      expect(
        (await expired.post(stale, { newPassword: "sandi-lain-lagi-1", confirmPassword: "sandi-lain-lagi-1" })).status,
      ).toBe(404);

      const audit = await t.db.selectFrom("audit_log").selectAll().execute();
      const actions = audit.filter((r) => r.subject === "kepala-bkpsdm").map((r) => r.action);
      expect(actions.filter((a) => a === "user.activation_link_made")).toHaveLength(3);
      expect(actions.filter((a) => a === "auth.account_activated")).toHaveLength(1);
      for (const path of [first, second, stale]) expect(JSON.stringify(audit)).not.toContain(path.split("/").at(-1));
    });
  });
}
