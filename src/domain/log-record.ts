// The structured log line: one per HTTP request and one per background job, on both runtimes. Only ids,
// route patterns, counts and error codes go in; never tokens, passwords, passphrases, names or email bodies.

export interface LoggedError {
  code: string;
  message: string;
  /** Only for 5xx, and only in the log: users get the envelope without it. */
  stack?: string;
}

export interface RequestRecord {
  kind: "request";
  requestId: string;
  method: string;
  /** The Hono route pattern (`/tanda-terima/:token`), never the raw path, so tokens and ids stay out. */
  route: string;
  status: number;
  durationMs: number;
  /** Statements the store ran for this request (a D1 batch() or SQLite atomic() counts once). */
  dbCalls: number;
  userId?: string;
  error?: LoggedError;
}

export type JobName = "queue" | "cron" | "outbox" | "reminders" | "audit-check" | "audit-full-check";

export interface JobRecord {
  kind: "job";
  job: JobName;
  requestId: string;
  durationMs: number;
  dbCalls: number;
  outcome: "ok" | "failed" | "problem";
  /** What the job did, as numbers (sent, reminded, ...). */
  counts?: Record<string, number>;
  /** The human-readable line the job used to print. */
  summary?: string;
  /** Per-row lines (a send that failed), capped. */
  notes?: string[];
  error?: LoggedError;
}

export type LogRecord = RequestRecord | JobRecord;

/** The logging port: one call, one line. */
export interface Logger {
  line(record: LogRecord): void;
}

/** A Logger writing each record as one JSON line through `write` (stdout on Node, console.log on Workers). */
export function jsonLineLogger(write: (line: string) => void): Logger {
  return { line: (record) => write(JSON.stringify(record)) };
}

/** The log's reading of a thrown value or an error envelope: its code if it has one, the stack only when asked. */
export function loggedError(err: unknown, withStack: boolean): LoggedError {
  const field = (name: string): string | undefined => {
    if (typeof err !== "object" || err === null || !(name in err)) return undefined;
    const value: unknown = Reflect.get(err, name);
    return typeof value === "string" ? value : undefined;
  };
  const stack = withStack ? field("stack") : undefined;
  return {
    code: field("code") ?? "internal",
    message: field("message") ?? String(err),
    ...(stack ? { stack } : {}),
  };
}
