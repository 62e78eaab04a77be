// The typed Hono environment: every route reads its services from c.var.services (set once by createApp)
// and the caller from c.var.user (set by the auth middleware; null when anonymous).
import type { AuthUser } from "../auth/auth-user.js";
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";

export interface AppConfig {
  /** PUBLIC_URL; an https URL makes the session cookie Secure. */
  publicUrl: string;
  /** HMAC key for the session cookie; at least 32 random characters. */
  sessionSecret: string;
  /** Session lifetime; default 12 hours. */
  sessionTtlMs?: number;
  /** PBKDF2 iterations of new password hashes; default 100 000 (workerd's cap). Tests use fewer. */
  passwordIterations?: number;
}

export interface AppServices {
  store: Store;
  clock: Clock;
  config: AppConfig;
}

export type AppEnv = { Variables: { services: AppServices; user: AuthUser | null } };
