// What the account services need: the store, the clock and the two settings of passwords and sessions.
// The HTTP layer's AppConfig extends AuthConfig, so the app passes its services straight in.
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";

export interface AuthConfig {
  /** Session lifetime; default 12 hours. */
  sessionTtlMs?: number;
  /** PBKDF2 iterations of new password hashes; default 100 000 (workerd's cap). Tests use fewer. */
  passwordIterations?: number;
  /** Workers' SETUP_TOKEN secret: opens /pasang while no admin has a password (first-admin.ts). */
  setupToken?: string;
}

export interface AuthDeps {
  store: Store;
  clock: Clock;
  config: AuthConfig;
}
