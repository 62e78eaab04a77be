// Node's background driver of the full re-check job: slices back to back while a job runs (yielding to
// requests between them), one cheap look every `idleMs` when none does. Cloudflare runs slices from the cron.
import type { AuditCheckRecord } from "./audit-checks.js";

export interface FullCheckLoop {
  /** Look now (a job was just started). */
  kick(): void;
  /** Waits for a slice under way, then stops. */
  stop(): Promise<void>;
}

export function startFullCheckLoop(
  slice: () => Promise<AuditCheckRecord | null>,
  opts: { idleMs: number; log: (line: string) => void },
): FullCheckLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };
  const tick = () => {
    timer = null;
    current = slice().then(
      (job) => schedule(job?.status === "running" ? 0 : opts.idleMs),
      (err: unknown) => {
        opts.log(`audit full check slice failed: ${err instanceof Error ? err.message : String(err)}`);
        schedule(opts.idleMs);
      },
    );
  };
  schedule(0);
  return {
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
