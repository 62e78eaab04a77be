// Mounts the server-rendered pages on the app (createApp calls this through opts.pages). Each area is its
// own sub-app whose errors render as HTML pages; the order matters only where paths overlap
// (/surat/baru before /surat/:id).

import type { Hono } from "hono";
import { arrayBufferView } from "../../domain/encoding.js";
import { loadLetterFonts } from "../../render/pdf/fonts.js";
import { csrfTokens } from "../csrf.js";
import type { AppEnv } from "../env.js";
import { paths } from "./page-paths.js";
import { accountPages } from "./routes/account-pages.js";
import { ackPages } from "./routes/ack-pages.js";
import { activationPages } from "./routes/activation-pages.js";
import { devPages } from "./routes/dev-pages.js";
import { draftPages } from "./routes/draft-pages.js";
import { firstAdminPages } from "./routes/first-admin-pages.js";
import { inspektoratPages } from "./routes/inspektorat-pages.js";
import { legalBasePages } from "./routes/legal-base-pages.js";
import { letterPages } from "./routes/letter-pages.js";
import { loginPages } from "./routes/login-routes.js";
import { opdAdminPages } from "./routes/opd-admin-pages.js";
import { pemdaProfilePages } from "./routes/pemda-profile-pages.js";
import { signerPages } from "./routes/signer-pages.js";
import { userAdminPages } from "./routes/user-admin-pages.js";
import { verifyPages } from "./routes/verify-pages.js";
import { violationPages } from "./routes/violation-pages.js";
import { APP_CSS } from "./styles.js";

/** The API, the public key set and webhooks are not pages: no CSRF cookie for them. */
function isMachinePath(path: string): boolean {
  return /^\/(api|\.well-known|webhooks)(\/|$)/.test(path);
}

export function registerPages(app: Hono<AppEnv>): void {
  app.get("/assets/app.css", (c) =>
    c.body(APP_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
  );
  // The letter's own faces for its SVG pages on the acknowledgement page: they never change, so browsers keep them.
  for (const style of ["regular", "bold"] as const)
    app.get(paths.letterFont(style), async (c) =>
      c.body(arrayBufferView((await loadLetterFonts()).bytes[style]), 200, {
        "Content-Type": "font/ttf",
        "Cache-Control": "public, max-age=31536000, immutable",
      }),
    );
  // Every page gets this request's session-bound CSRF token (and its nonce cookie), so any form can carry it.
  app.use("*", async (c, next) => (isMachinePath(c.req.path) ? next() : csrfTokens()(c, next)));
  for (const pages of [
    loginPages(),
    draftPages(),
    letterPages(),
    ackPages(),
    verifyPages(),
    inspektoratPages(),
    violationPages(),
    opdAdminPages(),
    accountPages(),
    signerPages(),
    userAdminPages(),
    legalBasePages(),
    pemdaProfilePages(),
    devPages(),
    firstAdminPages(),
    activationPages(),
  ]) {
    app.route("/", pages);
  }
}
