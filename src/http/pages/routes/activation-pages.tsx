/** @jsxImportSource hono/jsx */
// /aktivasi/<token>: the owner of an account chooses a password from the activation link and is signed in.
// A wrong, used, stale or voided link is a 404 page; failed posts are rate limited per address.
import type { Hono } from "hono";
import { activateAccount, activationLinkAccount } from "../../../auth/activate-account.js";
import { MIN_PASSWORD_LENGTH } from "../../../auth/user-schemas.js";
import { setSessionCookie } from "../../auth-middleware.js";
import { csrfToken, formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { ACTIVATION_LIMIT, rateLimit } from "../../rate-limit.js";
import { ActivationPage } from "../activation-page.js";
import type { FieldErrors } from "../components/form-field.js";
import { paths } from "../page-paths.js";
import {
  errorPage,
  fieldErrorsOf,
  type PageContext,
  pageApp,
  redirectWithFlash,
  render,
  runFormAction,
} from "./page-kit.js";

async function renderForm(c: PageContext, token: string, errors?: FieldErrors) {
  // The token is in the URL: no cache keeps the page, no Referer carries it away.
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  const row = await activationLinkAccount(c.var.services, token);
  return render(
    c,
    <ActivationPage
      csrfToken={csrfToken(c)}
      token={token}
      account={{ username: row.username, displayName: row.display_name }}
      errors={errors}
      minLength={MIN_PASSWORD_LENGTH}
    />,
    errors ? 400 : 200,
  );
}

export function activationPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get("/aktivasi/:token", (c) => renderForm(c, c.req.param("token")));

  app.post(
    "/aktivasi/:token",
    rateLimit(ACTIVATION_LIMIT, (c, s) => errorPage(c, 429, `Terlalu banyak percobaan. Coba lagi dalam ${s} detik.`)),
    async (c) => {
      const token = c.req.param("token");
      const form = await verifiedForm(c);
      const newPassword = formText(form, "newPassword");
      if (newPassword !== formText(form, "confirmPassword")) {
        return renderForm(c, token, { confirmPassword: "Ulangan kata sandi baru tidak sama" });
      }
      return runFormAction(
        async () => {
          const { session } = await activateAccount(c.var.services, token, newPassword);
          await setSessionCookie(c, session.token);
          return redirectWithFlash(c, paths.home, "success", "Akun Anda aktif. Selamat datang di edaran.");
        },
        // A used or voided link (404) is the error page; a weak password goes back to the form.
        { statuses: [400], refused: (err) => renderForm(c, token, fieldErrorsOf(err, "newPassword")) },
      );
    },
  );

  return app;
}
