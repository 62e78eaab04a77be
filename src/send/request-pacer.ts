// Keeps one sender inside the provider's rate limit (Resend: 2 requests/s per team by default), so a fan-out
// never spends requests on 429s; a retry-after that comes anyway holds every later call. The provider counts
// requests as they arrive, which we cannot see, so each of the `rate` slots is free again one window after its
// request's answer came back (an answer comes after the arrival): however late a request leaves, the next one in
// its slot arrives at least a window after it. Per process (per isolate on Workers): senders elsewhere share the
// team's limit, which retry-after then covers.

export interface RequestPacer {
  /**
   * Resolves when a call may start; call the returned function once its answer (or error) is back. During a
   * retry-after hold it resolves at once with the hold's remaining ms instead: the caller answers "rate limited"
   * without spending a request, and its rows wait in the outbox rather than in memory.
   */
  wait(): Promise<(() => void) | { heldMs: number }>;
  /** No call starts for `ms` from now (the provider's retry-after). */
  holdFor(ms: number): void;
}

export interface PacerOptions {
  requestsPerSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Headroom on the window, for clock granularity on either side. */
export const PACER_MARGIN_MS = 10;

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRequestPacer(opts: PacerOptions): RequestPacer {
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? sleepMs;
  const rate = opts.requestsPerSecond;
  const unlimited = !Number.isFinite(rate) || rate <= 0;
  // Under 1 request/s: one slot, free 1/rate seconds after its answer.
  const slots = unlimited ? 0 : Math.max(1, Math.floor(rate));
  const period = unlimited ? 0 : (slots * 1000) / rate + PACER_MARGIN_MS;
  // When each slot is free again; null while its request is in flight.
  const freeAt: (number | null)[] = Array.from({ length: slots }, () => 0);
  const waiters: (() => void)[] = [];
  let holdUntil = 0;

  async function wait(): Promise<(() => void) | { heldMs: number }> {
    if (holdUntil > now()) return { heldMs: holdUntil - now() };
    if (unlimited) return () => {};
    for (;;) {
      let best = -1;
      for (let i = 0; i < slots; i++) {
        const f = freeAt[i];
        if (f !== null && f !== undefined && (best < 0 || f < (freeAt[best] ?? 0))) best = i;
      }
      if (best < 0) {
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      const slot = best;
      const at = freeAt[slot] ?? 0;
      if (holdUntil > now()) return { heldMs: holdUntil - now() };
      freeAt[slot] = null;
      const delay = at - now();
      if (delay > 0) await sleep(delay);
      return () => {
        freeAt[slot] = now() + period;
        waiters.shift()?.();
      };
    }
  }

  return {
    wait,
    holdFor(ms) {
      holdUntil = Math.max(holdUntil, now() + ms);
    },
  };
}
