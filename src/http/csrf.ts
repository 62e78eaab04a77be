// CSRF protection of the web pages by double submit: a random token lives in the `edaran_csrf` cookie
// (HttpOnly, SameSite=Lax, set on the GET of any page) and the same value in every form's hidden `_csrf`
// field. A cross-site form cannot read the cookie, so it cannot send the matching field. The API (JSON
// bodies with a session cookie or a bearer token) is not covered here; it never accepts form posts.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { randomToken } from "../auth/tokens.js";
import { AppError } from "../domain/app-error.js";
import { isSecure } from "./auth-middleware.js";
import type { AppEnv } from "./env.js";

export const CSRF_COOKIE = "edaran_csrf";
export const CSRF_FIELD = "_csrf";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,64}$/;

/** The page's CSRF token: the cookie's when it has a well-formed one, else a new one set on the response. */
export function csrfToken(c: Context<AppEnv>): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && TOKEN_SHAPE.test(existing)) return existing;
  const token = randomToken();
  setCookie(c, CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(c.var.services.config),
    path: "/",
  });
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

/** The posted form (urlencoded or multipart), after checking its `_csrf` against the cookie; 403 otherwise. */
export async function verifiedForm(c: Context<AppEnv>): Promise<PageForm> {
  let form: PageForm;
  try {
    form = (await c.req.parseBody({ all: true })) as PageForm;
  } catch {
    throw new AppError("invalid_form", "Isian formulir tidak dapat dibaca");
  }
  const cookie = getCookie(c, CSRF_COOKIE) ?? "";
  const field = form[CSRF_FIELD];
  const sent = typeof field === "string" ? field : "";
  if (!cookie || !sent || !sameToken(cookie, sent)) {
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
