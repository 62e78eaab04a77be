// A tiny Hono app with the auth middleware and routes on a real SQLite file, for the auth tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { seedUsers } from "../../src/auth/seed-users.js";
import { fixedClock } from "../../src/domain/clock.js";
import { authenticate, requireRole } from "../../src/http/auth-middleware.js";
import type { AppConfig, AppEnv, AppServices } from "../../src/http/env.js";
import { errorBody } from "../../src/http/errors.js";
import { memoryRateLimiters } from "../../src/http/memory-rate-limiter.js";
import { authRoutes } from "../../src/http/routes/auth-routes.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

export const PASSWORD = "uji-coba-rahasia";
export const SECRET = "rahasia-cookie-uji-0123456789abcdef";

type AuthConfig = Pick<AppConfig, "publicUrl" | "sessionSecret" | "sessionTtlMs" | "passwordIterations">;
type AuthServices = Pick<AppServices, "store" | "clock" | "rateLimiters"> & { config: AuthConfig };

export async function makeAuthFixture(config: Partial<AuthConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "edaran-auth-"));
  const store = openSqliteStore(join(dir, "edaran.sqlite"));
  const clock = fixedClock("2024-11-01T08:00:00.000Z");
  const now = clock.now().toISOString();
  for (const id of ["BKPSDM", "DISKOMINFO"]) {
    await store.db
      .insertInto("opd")
      .values({
        id,
        name: id,
        kind: "badan",
        head_title: `Kepala ${id}`,
        head_name: null,
        email: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await seedUsers(store, {
    password: PASSWORD,
    now: clock.now(),
    opds: [
      { id: "BKPSDM", head_title: "Kepala BKPSDM" },
      { id: "DISKOMINFO", head_title: "Kepala Diskominfo" },
    ],
    iterations: 1000,
  });
  // Only what the auth pieces read; the rest of AppServices (blobs, keys, queue...) is not used here.
  const services: AuthServices = {
    store,
    clock,
    rateLimiters: memoryRateLimiters(clock),
    config: { publicUrl: "http://localhost:8787", sessionSecret: SECRET, passwordIterations: 1000, ...config },
  };
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("services", services as unknown as AppServices);
    await next();
  });
  app.use("*", authenticate());
  app.onError((err, c) => {
    const { status, body } = errorBody(err);
    return c.json(body, status);
  });
  app.route("/api/auth", authRoutes());
  app.get("/t/sekretariat", requireRole("sekretariat"), (c) => c.json({ ok: true }));
  app.get("/t/pengawas", requireRole("inspektorat", "admin"), (c) => c.json({ ok: true }));
  app.get("/t/any", requireRole(), (c) => c.json({ ok: true, via: c.var.user?.via }));
  app.get("/t/public", (c) => c.json({ user: c.var.user?.username ?? null }));

  /** Logs in and returns the Cookie header value (name=value). */
  async function login(username: string, password = PASSWORD): Promise<string> {
    const res = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return cookieOf(res);
  }

  return {
    app,
    store,
    clock,
    services,
    login,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function cookieOf(res: Response): string {
  const set = res.headers.get("set-cookie");
  if (!set) throw new Error("no Set-Cookie");
  return set.split(";")[0]!;
}
