/** @jsxImportSource hono/jsx */
// /akun/kata-sandi: change one's own password through the same service as POST /api/auth/password, with the
// same rate limit counters. On success the browser gets a fresh session cookie; every other session ends.
import type { Hono } from "hono";
import { changePassword } from "../../../auth/change-password.js";
import { MIN_PASSWORD_LENGTH } from "../../../auth/user-schemas.js";
import { setSessionCookie } from "../../auth-middleware.js";
import { formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { PASSWORD_CHANGE_LIMIT, rateLimit } from "../../rate-limit.js";
import { AccountPasswordPage } from "../account-password-page.js";
import type { FieldErrors } from "../components/form-field.js";
import { paths } from "../page-paths.js";
import {
  errorPage,
  fieldErrorsOf,
  type PageContext,
  pageApp,
  pageBase,
  pageUser,
  redirectWithFlash,
  render,
  requirePage,
  runFormAction,
} from "./page-kit.js";

async function renderForm(c: PageContext, errors?: FieldErrors) {
  const base = await pageBase(c);
  const page = (
    <AccountPasswordPage
      {...base}
      forced={pageUser(c).mustChangePassword}
      errors={errors}
      minLength={MIN_PASSWORD_LENGTH}
    />
  );
  return render(c, page, errors ? 400 : 200);
}

export function accountPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get(paths.accountPassword, requirePage(), (c) => renderForm(c));

  app.post(
    paths.accountPassword,
    requirePage(),
    rateLimit(PASSWORD_CHANGE_LIMIT, (c, s) =>
      errorPage(c, 429, `Terlalu banyak percobaan mengganti kata sandi. Coba lagi dalam ${s} detik.`),
    ),
    async (c) => {
      const form = await verifiedForm(c);
      const currentPassword = formText(form, "currentPassword");
      const newPassword = formText(form, "newPassword");
      if (newPassword !== formText(form, "confirmPassword")) {
        return renderForm(c, { confirmPassword: "Ulangan kata sandi baru tidak sama" });
      }
      return runFormAction(
        async () => {
          const { session } = await changePassword(c.var.services, pageUser(c), { currentPassword, newPassword });
          if (session) await setSessionCookie(c, session.token);
          return redirectWithFlash(
            c,
            paths.home,
            "success",
            "Kata sandi berhasil diganti. Sesi lain pada akun ini telah diakhiri.",
          );
        },
        { statuses: [400], refused: (err) => renderForm(c, fieldErrorsOf(err, "newPassword")) },
      );
    },
  );

  return app;
}
