// The named rate-limit policies and, for each, the Workers rate-limiting binding that counts it across
// isolates. The binding only knows periods of 10 or 60 seconds; where a policy's window is longer, its
// binding counts the same number per 60 s and the full window holds per isolate (see memory-rate-limiter.ts
// and binding-rate-limiter.ts). Each binding must be declared in wrangler.toml, top level and [env.test].

/** The Workers env names of the rate-limiting bindings, one per policy. */
export type RateLimitBindingName =
  | "LOGIN_LIMITER"
  | "PASSWORD_LIMITER"
  | "SIGN_LIMITER"
  | "ACK_LIMITER"
  | "SETUP_LIMITER"
  | "ACTIVATION_LIMITER";

export interface RateLimitBindingConfig {
  /** The binding's name in wrangler.toml ([[ratelimits]] name) and on the Worker's env. */
  name: RateLimitBindingName;
  limit: number;
  period: 10 | 60;
}

export interface RateLimitRule {
  /** Names the counter set (e.g. "login"); requests to different rules never share a window. */
  name: string;
  limit: number;
  windowMs: number;
  /** Only responses of 400 and above keep their hit (for login: a shared office address may sign in often). */
  countFailuresOnly?: boolean;
  binding: RateLimitBindingConfig;
}

/**
 * Signing-passphrase attempts per signer (not per address: the passphrase guards one account, wherever the
 * guesses come from), signing and changing it together, page and API together; only failures count.
 * The binding: 5 failures a minute across isolates (15 minutes is no binding period).
 */
export const SIGNING_PASSPHRASE_LIMIT: RateLimitRule = {
  name: "signing-passphrase",
  limit: 5,
  windowMs: 15 * 60_000,
  countFailuresOnly: true,
  binding: { name: "SIGN_LIMITER", limit: 5, period: 60 },
};
/** The counter key of SIGNING_PASSPHRASE_LIMIT. */
export const signerRateKey = (userId: string) => `signer:${userId}`;

/** Login attempts per address a minute, page and API together; a successful login does not count. */
export const LOGIN_LIMIT: RateLimitRule = {
  name: "login",
  limit: 10,
  windowMs: 60_000,
  countFailuresOnly: true,
  binding: { name: "LOGIN_LIMITER", limit: 10, period: 60 },
};
/** Own-password changes per address a minute, page and API together; like logins, only failures count. */
export const PASSWORD_CHANGE_LIMIT: RateLimitRule = {
  name: "password-change",
  limit: 10,
  windowMs: 60_000,
  countFailuresOnly: true,
  binding: { name: "PASSWORD_LIMITER", limit: 10, period: 60 },
};
/** Acknowledgement and report posts per address a minute, page and API together. */
export const ACK_LIMIT: RateLimitRule = {
  name: "ack",
  limit: 30,
  windowMs: 60_000,
  binding: { name: "ACK_LIMITER", limit: 30, period: 60 },
};

/** Every policy, for the runtimes that build one limiter each and the check of wrangler.toml. */
/** First-admin setup attempts per address a minute (the token is a guessable form field); only failures count. */
export const SETUP_LIMIT: RateLimitRule = {
  name: "setup",
  limit: 10,
  windowMs: 60_000,
  countFailuresOnly: true,
  binding: { name: "SETUP_LIMITER", limit: 10, period: 60 },
};
/** Activation-link posts per address a minute; only failures (a wrong or used link, a weak password) count. */
export const ACTIVATION_LIMIT: RateLimitRule = {
  name: "activation",
  limit: 10,
  windowMs: 60_000,
  countFailuresOnly: true,
  binding: { name: "ACTIVATION_LIMITER", limit: 10, period: 60 },
};

export const RATE_LIMIT_POLICIES: readonly RateLimitRule[] = [
  LOGIN_LIMIT,
  PASSWORD_CHANGE_LIMIT,
  SIGNING_PASSPHRASE_LIMIT,
  ACK_LIMIT,
  SETUP_LIMIT,
  ACTIVATION_LIMIT,
];
