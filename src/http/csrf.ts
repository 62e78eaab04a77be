// CSRF protection of the web pages, as OWASP recommends: a *signed* double-submit token bound to the session,
// plus an Origin / Sec-Fetch-Site check on every unsafe request (src/http/same-origin.ts).
//
// The cookie (`__Host-edaran_csrf` on https, so a sibling *.go.id site cannot set or shadow it) holds a random
// nonce. Each form's hidden `_csrf` is `nonce.HMAC(sessionSecret, "csrf:" + session id + ":" + nonce)`. A post
// passes only when its nonce is the cookie's and its MAC is right for the session the request comes with
// ("anonymous" before login). So a token pair an attacker made for himself, planted in a victim's browser,
// does not match the victim's session, and without the server's secret no pair can be made for it.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { randomToken } from "../auth/tokens.js";
import { AppError } from "../domain/app-error.js";
import { bytesToBase64Url } from "../domain/encoding.js";
import { isSecure } from "./auth-middleware.js";
import type { AppConfig, AppEnv } from "./env.js";

export const CSRF_FIELD = "_csrf";

/** '__Host-' binds the cookie to this exact host over https; plain http (localhost) cannot use the prefix. */
export function csrfCookieName(config: Pick<AppConfig, "publicUrl">): string {
  return isSecure(config) ? "__Host-edaran_csrf" : "edaran_csrf";
}

const NONCE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

/** The session the token is bound to: the session id, or "anonymous" for the login and acknowledgement forms. */
function binding(c: Context<AppEnv>): string {
  const u = c.var.user;
  return u?.via === "session" ? `session:${u.credentialId}` : "anonymous";
}

async function tokenFor(secret: string, bound: string, nonce: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`csrf:${bound}:${nonce}`));
  return `${nonce}.${bytesToBase64Url(new Uint8Array(mac))}`;
}

/**
 * Computes this request's token once (the nonce cookie is set when missing) for csrfToken() to hand to the
 * pages synchronously. Mounted in front of every page.
 */
export function csrfTokens(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { config } = c.var.services;
    let nonce = getCookie(c, csrfCookieName(config)) ?? "";
    if (!NONCE_SHAPE.test(nonce)) {
      nonce = randomToken();
      setCookie(c, csrfCookieName(config), nonce, {
        httpOnly: true,
        sameSite: "Lax",
        secure: isSecure(config),
        path: "/",
      });
    }
    c.set("csrf", await tokenFor(config.sessionSecret, binding(c), nonce));
    await next();
  };
}

/** The page's CSRF token for its forms (computed by csrfTokens() for this request). */
export function csrfToken(c: Context<AppEnv>): string {
  const token = c.var.csrf;
  if (!token) throw new Error("csrfToken: the csrfTokens() middleware is not mounted in front of this page");
  return token;
}

/** Constant-time comparison of two short ASCII strings. */
function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type PageForm = Record<string, string | File | (string | File)[]>;

/** The posted form (urlencoded or multipart), after checking its `_csrf` for this cookie and session; 403 otherwise. */
export async function verifiedForm(c: Context<AppEnv>): Promise<PageForm> {
  let form: PageForm;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError("invalid_form", "Isian formulir tidak dapat dibaca");
  }
  const { config } = c.var.services;
  const nonce = getCookie(c, csrfCookieName(config)) ?? "";
  const field = form[CSRF_FIELD];
  const sent = typeof field === "string" ? field : "";
  const expected = NONCE_SHAPE.test(nonce) ? await tokenFor(config.sessionSecret, binding(c), nonce) : "";
  if (!expected || !sameToken(expected, sent)) {
    throw new AppError(
      "csrf_failed",
      "Formulir kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang halaman lalu coba lagi.",
    );
  }
  return form;
}

/** One text value of a form field ("" when absent; the first when repeated; files are ignored). */
export function formText(form: PageForm, name: string): string {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

/** Every text value of a repeated field (checkboxes, multi-selects). */
export function formTexts(form: PageForm, name: string): string[] {
  const v = form[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === "string");
}

/** The uploaded file of a field, or null when none was chosen (browsers send an empty file then). */
export function formFile(form: PageForm, name: string): File | null {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first instanceof File && first.size > 0 ? first : null;
}
