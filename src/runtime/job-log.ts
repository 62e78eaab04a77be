// One log record per background job (queue batch, cron tick, Node's outbox round, reminders, audit
// checkpoint): timed, with the store calls counted in its own async context, and a failure logged with its
// code and stack, then rethrown so the caller (the Queue's retry, a loop's catch) still sees it.
import type { JobName, JobRecord, Logger } from "../domain/log-record.js";
import { loggedError } from "../domain/log-record.js";
import { withDbCallCount } from "../store/db-call-count.js";

/** What a finished job reports; null when it found nothing to do (an idle loop round logs nothing). */
export type JobReport = Pick<JobRecord, "counts" | "summary" | "notes"> & { outcome?: "ok" | "problem" };

export async function loggedJob<T>(
  logger: Logger,
  job: JobName,
  work: () => Promise<T>,
  report: (result: T) => JobReport | null,
  requestId: string = crypto.randomUUID(),
): Promise<T> {
  const started = Date.now();
  const counted = withDbCallCount(work);
  const base = () => ({
    kind: "job" as const,
    job,
    requestId,
    durationMs: Date.now() - started,
    dbCalls: counted.calls(),
  });
  let result: T;
  try {
    result = await counted.done;
  } catch (err) {
    logger.line({ ...base(), outcome: "failed", error: loggedError(err, true) });
    throw err;
  }
  const r = report(result);
  if (r) logger.line({ ...base(), ...r, outcome: r.outcome ?? "ok" });
  return result;
}

/** At most this many per-row notes go into one line, so a bad round cannot make a huge one. */
export const MAX_JOB_NOTES = 20;

/** Collects per-row lines (a failed send) for the job's record instead of printing each. */
export function jobNotes(): { add(line: string): void; take(): string[] | undefined } {
  let lines: string[] = [];
  let dropped = 0;
  return {
    add(line) {
      if (lines.length < MAX_JOB_NOTES) lines.push(line);
      else dropped += 1;
    },
    take() {
      const out = dropped ? [...lines, `(${dropped} more)`] : lines;
      lines = [];
      dropped = 0;
      return out.length ? out : undefined;
    },
  };
}
