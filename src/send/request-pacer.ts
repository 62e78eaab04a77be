// Keeps one sender inside the provider's rate limit (Resend: 2 requests/s per team by default) by spacing its
// calls, so a fan-out never spends requests on 429s; a retry-after that comes anyway holds every later call.
// Per process (per isolate on Workers): senders elsewhere share the team's limit, which retry-after then covers.

export interface RequestPacer {
  /** Resolves when the next call may start, and books that slot. */
  wait(): Promise<void>;
  /** No call starts for `ms` from now (the provider's retry-after). */
  holdFor(ms: number): void;
}

export interface PacerOptions {
  requestsPerSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Headroom on each interval: the provider counts arrivals, and a request's travel time varies (a 100-message
 * batch body takes longer to send than a single email), so exact 1/rate spacing could land two in one window.
 */
export const PACER_MARGIN_MS = 50;

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRequestPacer(opts: PacerOptions): RequestPacer {
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? sleepMs;
  const unlimited = !Number.isFinite(opts.requestsPerSecond) || opts.requestsPerSecond <= 0;
  const interval = unlimited ? 0 : 1000 / opts.requestsPerSecond + PACER_MARGIN_MS;
  let next = 0;
  return {
    async wait() {
      const t = now();
      const at = Math.max(t, next);
      next = at + interval;
      if (at > t) await sleep(at - t);
    },
    holdFor(ms) {
      next = Math.max(next, now() + ms);
    },
  };
}
