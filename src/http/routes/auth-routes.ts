// /api/auth: login, logout, me, and API tokens. Mount with app.route("/api/auth", authRoutes()) after
// authenticate(). Login failures all answer the same 401, whether the username exists or not.
import { Hono } from "hono";
import { z } from "zod";
import { createApiToken, findApiToken, listApiTokens, revokeApiToken } from "../../auth/api-tokens-repo.js";
import { publicUser } from "../../auth/auth-user.js";
import { changePassword } from "../../auth/change-password.js";
import { login, NOT_ACTIVATED } from "../../auth/login.js";
import { revokeSession } from "../../auth/sessions-repo.js";
import { AppError, notFound } from "../../domain/app-error.js";
import { printable } from "../../domain/printable-text.js";
import { clearSessionCookie, currentUser, requireUser, setSessionCookie } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { apiRateLimited, LOGIN_LIMIT, PASSWORD_CHANGE_LIMIT, rateLimit } from "../rate-limit.js";
import { jsonBody, readJson } from "../validate.js";

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, "Nama pengguna wajib diisi").max(100, "Nama pengguna terlalu panjang"),
  password: z.string().min(1, "Kata sandi wajib diisi").max(1024, "Kata sandi terlalu panjang"),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const createTokenBodySchema = z.object({
  name: z
    .string({ error: "Nama token wajib diisi" })
    .trim()
    .min(1, "Nama token wajib diisi")
    .max(100, "Nama token paling banyak 100 karakter")
    .refine(...printable("Nama token")),
});

const LOGIN_FAILED = "Nama pengguna atau kata sandi salah";

export function authRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // The same counters as the /masuk page (LOGIN_LIMIT per address), so the API is no way around them.
  app.post("/login", rateLimit(LOGIN_LIMIT, apiRateLimited("Terlalu banyak percobaan masuk.")), async (c) => {
    const body = await jsonBody(c, loginBodySchema);
    const result = await login(c.var.services, body.username, body.password);
    if (!result.ok) {
      if (result.reason === "not_activated") throw new AppError("account_not_activated", NOT_ACTIVATED);
      throw new AppError("login_failed", LOGIN_FAILED);
    }
    const { user, session } = result;
    await setSessionCookie(c, session.token);
    return c.json({ user: publicUser(user), expiresAt: session.expiresAt });
  });

  // Idempotent: without a session it still clears the cookie and answers 204.
  app.post("/logout", async (c) => {
    const user = c.var.user;
    const { store, clock } = c.var.services;
    if (user?.via === "session") await revokeSession(store, user.credentialId, clock.now());
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.get("/me", requireUser(), (c) => c.json({ user: publicUser(currentUser(c)) }));

  // A wrong current password counts like a failed login (per address, with the /akun/kata-sandi page).
  app.post(
    "/password",
    requireUser(),
    rateLimit(PASSWORD_CHANGE_LIMIT, apiRateLimited("Terlalu banyak percobaan mengganti kata sandi.")),
    async (c) => {
      const user = currentUser(c);
      const { session } = await changePassword(c.var.services, user, await readJson(c));
      if (session) await setSessionCookie(c, session.token);
      return c.json({
        user: publicUser({ ...user, mustChangePassword: false }),
        ...(session ? { expiresAt: session.expiresAt } : {}),
      });
    },
  );

  app.get("/tokens", requireUser(), async (c) => {
    const user = currentUser(c);
    return c.json({ tokens: await listApiTokens(c.var.services.store, user.id) });
  });

  // Only a browser session mints tokens: a leaked API token cannot breed more of itself.
  app.post("/tokens", requireUser(), async (c) => {
    const user = currentUser(c);
    if (user.via !== "session") {
      throw new AppError("session_required", "Token API hanya dapat dibuat setelah masuk dengan kata sandi");
    }
    const body = await jsonBody(c, createTokenBodySchema);
    const { store, clock } = c.var.services;
    const token = await createApiToken(store, { userId: user.id, name: body.name, now: clock.now() });
    return c.json(token, 201);
  });

  // Owners revoke their own tokens; admin revokes anyone's. Someone else's token id answers 404, not 403,
  // so ids cannot be probed.
  app.delete("/tokens/:id", requireUser(), async (c) => {
    const user = currentUser(c);
    const { store, clock } = c.var.services;
    const token = await findApiToken(store, c.req.param("id"));
    if (!token || (token.userId !== user.id && user.role !== "admin")) throw notFound("Token API");
    await revokeApiToken(store, token.id, clock.now());
    return c.body(null, 204);
  });

  return app;
}
