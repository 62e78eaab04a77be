// Who is asking: a signed session cookie (pages and the browser) or `Authorization: Bearer <api token>`
// (other systems). authenticate() sets c.var.user (null when anonymous or invalid); requireRole() then
// answers 401 without a user and 403 for a role not in the list.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { apiTokenHashOf, findApiTokenUserByHash } from "../auth/api-tokens-repo.js";
import type { AuthUser } from "../auth/auth-user.js";
import { type CredentialMemo, credentialMemo } from "../auth/credential-memo.js";
import { DEFAULT_SESSION_TTL_MS, findSessionUserById, sessionIdOf } from "../auth/sessions-repo.js";
import { signValue, verifySignedValue } from "../auth/tokens.js";
import { AppError, forbidden, unauthorized } from "../domain/app-error.js";
import type { Role } from "../domain/roles.js";
import type { AppConfig, AppEnv } from "./env.js";

export function isSecure(config: Pick<AppConfig, "publicUrl">): boolean {
  return config.publicUrl.toLowerCase().startsWith("https:");
}

/** '__Host-' binds the cookie to this exact host over https; plain http (localhost) cannot use the prefix. */
export function sessionCookieName(config: Pick<AppConfig, "publicUrl">): string {
  return isSecure(config) ? "__Host-edaran_session" : "edaran_session";
}

export async function setSessionCookie(c: Context<AppEnv>, token: string): Promise<void> {
  const { config } = c.var.services;
  setCookie(c, sessionCookieName(config), await signValue(token, config.sessionSecret), {
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(config),
    path: "/",
    maxAge: Math.floor((config.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS) / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const { config } = c.var.services;
  deleteCookie(c, sessionCookieName(config), { path: "/", secure: isSecure(config), httpOnly: true, sameSite: "Lax" });
}

function bearerToken(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m ? m[1]! : null;
}

interface Memos {
  sessions: CredentialMemo;
  tokens: CredentialMemo;
}

async function resolveUser(c: Context<AppEnv>, memos: Memos): Promise<AuthUser | null> {
  const { store, clock, config } = c.var.services;
  const now = clock.now();
  const header = c.req.header("Authorization");
  // An Authorization header decides alone: a bad token is not rescued by a cookie sent alongside.
  if (header !== undefined) {
    const token = bearerToken(header);
    const hash = token ? await memos.tokens.digest(token, apiTokenHashOf) : null;
    return hash ? findApiTokenUserByHash(store, hash, now) : null;
  }
  const cookie = getCookie(c, sessionCookieName(config));
  if (!cookie) return null;
  const id = await memos.sessions.digest(cookie, async (signed) => {
    const token = await verifySignedValue(signed, config.sessionSecret);
    return token ? sessionIdOf(token) : null;
  });
  return id ? findSessionUserById(store, id, now) : null;
}

export interface AuthenticateOptions {
  /** Paths that need no user (static assets): not even a cookie's signature is checked for them. */
  skip?: (path: string) => boolean;
}

/** Sets c.var.user for every request after it; never refuses by itself. */
export function authenticate(opts: AuthenticateOptions = {}): MiddlewareHandler<AppEnv> {
  // Per app: a cookie verified under this app's secret says nothing to another app in the same process.
  const memos: Memos = { sessions: credentialMemo(), tokens: credentialMemo() };
  return async (c, next) => {
    if (!opts.skip?.(c.req.path)) c.set("user", await resolveUser(c, memos));
    await next();
  };
}

/** 401 without a user; 403 when roles are given and the user's role is not among them. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) throw unauthorized();
    if (roles.length > 0 && !roles.includes(user.role)) throw forbidden();
    await next();
  };
}

/** The API routes a user with a password set by an admin may still call: who am I, change it, sign out or in. */
export const PASSWORD_CHANGE_OPEN_PATHS: readonly string[] = [
  "/api/auth/me",
  "/api/auth/password",
  "/api/auth/logout",
  "/api/auth/login",
];

/**
 * After an admin created the account or reset its password, every other API request answers 403
 * password_change_required until the user has chosen their own password (pages redirect instead, page-kit.ts).
 */
export function passwordChangeGate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.var.user?.mustChangePassword && !PASSWORD_CHANGE_OPEN_PATHS.includes(c.req.path)) {
      throw new AppError("password_change_required", "Ganti kata sandi Anda terlebih dahulu (POST /api/auth/password)");
    }
    await next();
  };
}

/** Any signed-in user. */
export const requireUser = (): MiddlewareHandler<AppEnv> => requireRole();

/** The signed-in user inside a handler, or 401. */
export function currentUser(c: Context<AppEnv>): AuthUser {
  const user = c.var.user;
  if (!user) throw unauthorized();
  return user;
}
