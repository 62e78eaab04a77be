/** @jsxImportSource hono/jsx */
// What every page route shares: a Hono sub-app whose errors become HTML pages (never a stack trace), the
// login / role guard, the current user for the layout, the CSRF token, one-shot flash messages kept in a
// short-lived signed cookie across the redirect after a POST, and runFormAction: the one place a service's
// refusal of a form becomes the form again (field errors) or a flash.

import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { AuthUser } from "../../../auth/auth-user.js";
import { signValue, verifySignedValue } from "../../../auth/tokens.js";
import { AppError, type ErrorStatus } from "../../../domain/app-error.js";
import { base64UrlToBytes, bytesToBase64Url } from "../../../domain/encoding.js";
import type { Role } from "../../../domain/roles.js";
import { getOpd } from "../../../store/opd-repo.js";
import { waitingForMe } from "../../../work/waiting-for-me.js";
import { isSecure } from "../../auth-middleware.js";
import { csrfToken } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { errorBody } from "../../errors.js";
import { noteRequestError } from "../../request-log.js";
import type { FieldErrors } from "../components/form-field.js";
import { type CurrentUser, type FlashKind, type FlashMessage, Layout } from "../layout.js";
import { paths } from "../page-paths.js";

export type PageContext = Context<AppEnv>;

const FLASH_COOKIE = "edaran_flash";

/** The signed-in user as the layout shows them (with the OPD name for kepala_opd). */
/** The menu's user; `waiting` when the caller has already counted what waits for them (the /tindakan page). */
export async function layoutUser(c: PageContext, waiting?: number): Promise<CurrentUser | null> {
  const u = c.var.user;
  if (!u) return null;
  const store = c.var.services.store;
  const [opd, count] = await Promise.all([
    u.opdId ? getOpd(store, u.opdId) : null,
    waiting ??
      waitingForMe(store, { id: u.id, role: u.role, opdId: u.opdId ?? null }, c.var.services.clock.now()).then(
        (w) => w.length,
      ),
  ]);
  return { displayName: u.displayName, role: u.role, opdName: opd?.name ?? null, waiting: count };
}

/** The signed-in page user; only call after requirePage(). */
export function pageUser(c: PageContext): AuthUser {
  const u = c.var.user;
  if (!u) throw new AppError("unauthorized", "Silakan masuk terlebih dahulu");
  return u;
}

// Browsers drop tab/CR/LF from a Location and read "\\" as "/", so "/\t/evil.example" would leave the site:
// any control character, whitespace or backslash refuses the value outright.
const UNSAFE_NEXT = /[\u0000-\u001f\u007f-\u009f\s\\]/u;
// A placeholder origin: only "does the value stay on this origin" matters, not which origin it is.
const NEXT_BASE = "http://edaran.invalid";

/** A local path to come back to after login; anything else (another host, //evil, /\t/evil) becomes "/". */
export function safeNext(next: string | undefined | null): string {
  if (!next?.startsWith("/") || UNSAFE_NEXT.test(next)) return paths.home;
  let url: URL;
  try {
    url = new URL(next, NEXT_BASE);
  } catch {
    return paths.home;
  }
  if (url.origin !== NEXT_BASE) return paths.home;
  // Normalising "/./" or "/../" can itself produce a leading "//" ("/.//evil" → "//evil"): check the result too.
  if (url.pathname.startsWith("//")) return paths.home;
  return url.pathname + url.search + url.hash;
}

/**
 * Anonymous → redirect to the login page with ?next=; a role not listed → 403 page. No roles = any user.
 * A user whose password an admin set is sent to /akun/kata-sandi from every page until they replace it.
 */
export function requirePage(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) {
      const url = new URL(c.req.url);
      const back = c.req.method === "GET" ? url.pathname + url.search : paths.home;
      return c.redirect(`${paths.login}?next=${encodeURIComponent(back)}`, 303);
    }
    if (user.mustChangePassword && c.req.path !== paths.accountPassword) return c.redirect(paths.accountPassword, 303);
    if (roles.length > 0 && !roles.includes(user.role)) {
      throw new AppError("forbidden", "Halaman ini tidak tersedia untuk peran Anda.");
    }
    await next();
  };
}

/** Keeps a message for the next page the browser opens (after a redirect). */
export async function setFlash(c: PageContext, kind: FlashKind, message: string): Promise<void> {
  const payload = bytesToBase64Url(new TextEncoder().encode(JSON.stringify({ kind, message: message.slice(0, 500) })));
  setCookie(c, FLASH_COOKIE, await signValue(payload, c.var.services.config.sessionSecret), {
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(c.var.services.config),
    path: "/",
    maxAge: 60,
  });
}

const flashSchema = z.object({ kind: z.enum(["success", "error", "info", "warning"]), message: z.string() });

/** The pending flash message (and clears it), or none. A tampered cookie is ignored. */
export async function takeFlash(c: PageContext): Promise<FlashMessage[]> {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return [];
  deleteCookie(c, FLASH_COOKIE, {
    path: "/",
    secure: isSecure(c.var.services.config),
    httpOnly: true,
    sameSite: "Lax",
  });
  const payload = await verifySignedValue(raw, c.var.services.config.sessionSecret);
  if (!payload) return [];
  try {
    const parsed = flashSchema.safeParse(JSON.parse(new TextDecoder().decode(base64UrlToBytes(payload))));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [];
  }
}

/** Flash + redirect (303, so the browser follows with a GET). */
export async function redirectWithFlash(
  c: PageContext,
  to: string,
  kind: FlashKind,
  message: string,
): Promise<Response> {
  await setFlash(c, kind, message);
  return c.redirect(to, 303);
}

/** The common props of a signed-in page. */
export async function pageBase(
  c: PageContext,
  opts: { waiting?: number } = {},
): Promise<{ user: CurrentUser; csrfToken: string; flash: FlashMessage[] }> {
  const user = await layoutUser(c, opts.waiting);
  if (!user) throw new AppError("unauthorized", "Silakan masuk terlebih dahulu");
  return { user, csrfToken: csrfToken(c), flash: await takeFlash(c) };
}

const TITLES: Record<number, string> = {
  400: "Permintaan tidak valid",
  403: "Akses ditolak",
  404: "Tidak ditemukan",
  409: "Tidak dapat diproses",
  413: "Berkas terlalu besar",
  429: "Terlalu banyak percobaan",
  503: "Layanan sedang sibuk",
};

/** The HTML error page: the AppError's message in Bahasa Indonesia, or a generic one for anything else. */
export async function errorPage(c: PageContext, status: ContentfulStatusCode, message: string): Promise<Response> {
  const user = await layoutUser(c).catch(() => null);
  const title = TITLES[status] ?? "Terjadi kesalahan";
  const html = (
    <Layout title={title} user={user} csrfToken={user ? c.var.csrf : undefined} narrow>
      <div class="card" data-status={String(status)}>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a class="btn btn-secondary" href={user ? paths.home : paths.login}>
            Kembali ke beranda
          </a>
        </p>
      </div>
    </Layout>
  );
  return c.html(String(html), status);
}

/**
 * A page sub-app: its handlers' errors render as pages; 401 sends the browser to the login page. The error
 * (with the stack of a 5xx) goes into the request's log line; `log` is an extra hook.
 */
export function pageApp(log: (m: string, e: unknown) => void = () => {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(async (err, c) => {
    // The same reading as the API's (errorBody): a busy or full store is a 503 with Retry-After, not a 500.
    const { status, body, headers } = errorBody(err);
    noteRequestError(c, err, body.error.code, status);
    if (status === 401)
      return c.redirect(`${paths.login}?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    const known = body.error.code !== "internal";
    if (!known) log(`${c.req.method} ${c.req.path} failed`, err);
    const message = !known
      ? "Terjadi kesalahan pada server. Coba lagi sebentar lagi."
      : err instanceof HTTPException
        ? "Permintaan tidak dapat diproses."
        : body.error.message;
    const res = await errorPage(c, status, message);
    for (const [name, value] of Object.entries(headers ?? {})) res.headers.set(name, value);
    return res;
  });
  return app;
}

/** Renders a JSX page as the response. */
export function render(
  c: PageContext,
  node: unknown,
  status: 200 | 400 | 403 | 404 | 409 | 410 | 422 | 429 = 200,
): Response {
  return c.html(String(node), status);
}

export interface FormActionOptions {
  /** The refusals this form shows itself; default every 4xx. Others become the error page (pageApp). */
  statuses?: readonly ErrorStatus[];
  /** Answers a refusal: the form again with fieldErrorsOf(err), or a redirect with an error flash. */
  refused(err: AppError): Response | Promise<Response>;
}

/**
 * Runs a page's form action (a service call and its answer). An AppError the form handles goes to `refused`;
 * anything else (a 5xx, an unexpected error, a status the form leaves alone) is rethrown for pageApp's
 * onError, which renders the error page. Every page's catch-and-rethrow lives here.
 */
export async function runFormAction(action: () => Promise<Response>, opts: FormActionOptions): Promise<Response> {
  try {
    return await action();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const handled = opts.statuses ? opts.statuses.includes(err.status) : err.status >= 400 && err.status < 500;
    if (!handled) throw err;
    return opts.refused(err);
  }
}

/** The first message per field of a refusal's issues; without issues, its message under `fallbackField`. */
export function fieldErrorsOf(err: AppError, fallbackField: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of err.issues ?? []) errors[i.path] ??= i.message;
  if (!Object.keys(errors).length) errors[fallbackField] = err.message;
  return errors;
}
