/** @jsxImportSource hono/jsx */
// /pasang (first admin): open only while no admin has a password. GET /pasang/<token> is the link npm start
// prints; GET /pasang asks for the token (Workers' SETUP_TOKEN). Failed posts are rate limited per address.
import type { Hono } from "hono";
import { firstAdminPending, SETUP_CLOSED, setUpFirstAdmin, setupTokenKind } from "../../../auth/first-admin.js";
import { MIN_PASSWORD_LENGTH } from "../../../auth/user-schemas.js";
import { setSessionCookie } from "../../auth-middleware.js";
import { csrfToken, formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { rateLimit, SETUP_LIMIT } from "../../rate-limit.js";
import type { FieldErrors } from "../components/form-field.js";
import { SetupPage } from "../first-admin-page.js";
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

/** The link's token must not leak through Referer or a cache. */
function privatePage(c: PageContext) {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
}

export function firstAdminPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get(paths.setup, async (c) => {
    privatePage(c);
    if (!(await firstAdminPending(c.var.services.store))) return errorPage(c, 409, SETUP_CLOSED);
    return render(c, <SetupPage csrfToken={csrfToken(c)} minLength={MIN_PASSWORD_LENGTH} />);
  });

  app.get("/pasang/:token", async (c) => {
    privatePage(c);
    const { services } = c.var;
    if (!(await firstAdminPending(services.store))) return errorPage(c, 409, SETUP_CLOSED);
    const token = c.req.param("token");
    if (token.length > 200 || (await setupTokenKind(services, token)) !== "link") {
      return errorPage(c, 404, "Tautan pemasangan tidak berlaku. Jalankan ulang server untuk tautan baru.");
    }
    return render(c, <SetupPage csrfToken={csrfToken(c)} token={token} minLength={MIN_PASSWORD_LENGTH} />);
  });

  app.post(
    paths.setup,
    rateLimit(SETUP_LIMIT, (c, s) => errorPage(c, 429, `Terlalu banyak percobaan. Coba lagi dalam ${s} detik.`)),
    async (c) => {
      privatePage(c);
      const form = await verifiedForm(c);
      const token = formText(form, "token");
      const values = { username: formText(form, "username").trim(), displayName: formText(form, "displayName").trim() };
      const fromLink = formText(form, "fromLink") === "1";
      const again = (errors: FieldErrors, status: 400 | 404) =>
        render(
          c,
          <SetupPage
            csrfToken={csrfToken(c)}
            token={fromLink && !errors.token ? token : undefined}
            values={values}
            errors={errors}
            minLength={MIN_PASSWORD_LENGTH}
          />,
          status,
        );
      const password = formText(form, "password");
      if (password !== formText(form, "confirmPassword")) {
        return again({ confirmPassword: "Ulangan kata sandi tidak sama" }, 400);
      }
      return runFormAction(
        async () => {
          const { session } = await setUpFirstAdmin(c.var.services, { token, ...values, password });
          await setSessionCookie(c, session.token);
          return redirectWithFlash(
            c,
            paths.users,
            "success",
            "Administrator pertama dibuat. Buat tautan aktivasi untuk setiap pejabat dari daftar ini.",
          );
        },
        {
          statuses: [400, 404],
          refused: (e) => again(fieldErrorsOf(e, "token"), e.status === 404 ? 404 : 400),
        },
      );
    },
  );

  return app;
}
