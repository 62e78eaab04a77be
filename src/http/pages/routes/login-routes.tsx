/** @jsxImportSource hono/jsx */
// /masuk (login), /keluar (logout) and / (each role's start page). Failed logins are rate limited per IP,
// together with POST /api/auth/login.
import type { Hono } from "hono";
import { login, NOT_ACTIVATED } from "../../../auth/login.js";
import { revokeSession } from "../../../auth/sessions-repo.js";
import type { Role } from "../../../domain/roles.js";
import { clearSessionCookie, setSessionCookie } from "../../auth-middleware.js";
import { csrfToken, formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { LOGIN_LIMIT, rateLimit } from "../../rate-limit.js";
import { loginBodySchema } from "../../routes/auth-routes.js";
import { LoginPage } from "../login-page.js";
import { paths } from "../page-paths.js";
import { errorPage, pageApp, render, requirePage, safeNext, setFlash, takeFlash } from "./page-kit.js";

export { LOGIN_LIMIT };

const START_PAGE: Record<Role, string> = {
  sekretariat: paths.letters,
  penandatangan: paths.letters,
  kepala_opd: paths.letters,
  inspektorat: paths.compliance,
  admin: paths.letters,
};

export function loginPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get(paths.home, requirePage(), (c) => c.redirect(START_PAGE[c.var.user!.role], 303));

  app.get(paths.login, async (c) => {
    const next = c.req.query("next");
    if (c.var.user) return c.redirect(safeNext(next), 303);
    return render(
      c,
      <LoginPage csrfToken={csrfToken(c)} next={next ? safeNext(next) : undefined} flash={await takeFlash(c)} />,
    );
  });

  app.post(
    paths.login,
    rateLimit(LOGIN_LIMIT, (c, s) => errorPage(c, 429, `Terlalu banyak percobaan masuk. Coba lagi dalam ${s} detik.`)),
    async (c) => {
      const form = await verifiedForm(c);
      const username = formText(form, "username");
      const next = safeNext(formText(form, "next"));
      const parsed = loginBodySchema.safeParse({ username, password: formText(form, "password") });
      const failed = (message: string) =>
        render(c, <LoginPage csrfToken={csrfToken(c)} username={username} next={next} error={message} />, 400);
      if (!parsed.success) return failed(parsed.error.issues[0]?.message ?? "Isian belum lengkap");
      const result = await login(c.var.services, parsed.data.username, parsed.data.password);
      if (!result.ok)
        return failed(result.reason === "not_activated" ? NOT_ACTIVATED : "Nama pengguna atau kata sandi salah");
      await setSessionCookie(c, result.session.token);
      if (result.user.mustChangePassword) return c.redirect(paths.accountPassword, 303);
      return c.redirect(next === paths.home ? START_PAGE[result.user.role] : next, 303);
    },
  );

  app.post(paths.logout, async (c) => {
    await verifiedForm(c);
    const user = c.var.user;
    const { store, clock } = c.var.services;
    if (user?.via === "session") await revokeSession(store, user.credentialId, clock.now());
    clearSessionCookie(c);
    await setFlash(c, "info", "Anda telah keluar.");
    return c.redirect(paths.login, 303);
  });

  return app;
}
