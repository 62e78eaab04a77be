// A D1 binding that counts what one Worker invocation (a request, a queue batch, a cron tick) asks of D1.
//
// What counts: one call per statement run (all/run/first/raw on a prepared statement), one per batch()
// however many statements it carries, one per exec(). Cloudflare's D1 limits page lists "Queries per Worker
// invocation (read subrequest limits): 1000 (Workers Paid) / 50 (Free)" beside "Maximum bound parameters per
// query: 100"; the limit is the Workers subrequest limit, and a batch() is one call through the binding (one
// round trip), so it counts once. The page does not say more about batches, so the statements inside one are
// recorded too (`batchedStatements`) to show what a batch saves, and every statement's bound parameters are
// checked against the 100, batched or not. Past 1,000 calls (the paid plan's limit) a call throws, as D1 does
// ("Too many API requests by single worker invocation"), so a runaway loop fails fast instead of running on.
import type { D1DatabaseLike, D1PreparedStatementLike, D1ResultLike } from "../../../src/store/d1-store.js";

/** The parts of the real binding's statements and database this wrapper forwards. */
interface D1Statement extends D1PreparedStatementLike {
  first?(column?: string): Promise<unknown>;
  raw?(options?: unknown): Promise<unknown[]>;
}
interface D1Binding extends D1DatabaseLike {
  exec?(sql: string): Promise<unknown>;
}

export interface Invocation {
  label: string;
  /** D1 calls: statements run one by one, plus batch() and exec() calls. */
  calls: number;
  batches: number;
  /** Statements sent inside batch() calls (counted once per batch in `calls`). */
  batchedStatements: number;
  /** The most bound parameters of any one statement, and its SQL. */
  maxParams: number;
  maxParamsSql: string;
  /** The first line of each call's SQL (a batch as "batch(n)"), in order: what to read when one is over budget. */
  log: string[];
}

export interface CountingD1 {
  /** Hand this to the Worker as env.DB. */
  db: D1Binding;
  /** Runs `work` as one invocation and returns what it cost; invocations must not overlap. */
  measure<T>(label: string, work: () => Promise<T>): Promise<{ result: T; cost: Invocation }>;
  /** Every invocation measured so far. */
  invocations: Invocation[];
}

const fresh = (label: string): Invocation => ({
  label,
  calls: 0,
  batches: 0,
  batchedStatements: 0,
  maxParams: 0,
  maxParamsSql: "",
  log: [],
});

/** Workers Paid's queries per invocation; the call past it throws. */
export const D1_CALLS_PER_INVOCATION = 1000;

export function countingD1(inner: D1Binding): CountingD1 {
  // Calls outside measure() (start-up seeding in a test's beforeAll) land here and are not reported.
  let current = fresh("(outside)");
  const invocations: Invocation[] = [];
  const unwrap = new WeakMap<object, D1Statement>();
  const sqlOf = new WeakMap<object, { sql: string; params: number }>();

  const call = (what: string) => {
    current.calls += 1;
    current.log.push(what.slice(0, 120));
    if (current.calls > D1_CALLS_PER_INVOCATION && current.label !== "(outside)")
      throw new Error(`D1: too many API requests by single worker invocation (${current.label})`);
  };
  const noteParams = (sql: string, n: number) => {
    if (n > current.maxParams) {
      current.maxParams = n;
      current.maxParamsSql = sql.slice(0, 200);
    }
  };

  const statement = (sql: string, s: D1Statement, params: number): D1Statement => {
    const counted =
      <R>(run: () => Promise<R>) =>
      () => {
        call(sql);
        noteParams(sql, params);
        return run();
      };
    const wrapped: D1Statement = {
      bind: (...values) => statement(sql, s.bind(...values) as D1Statement, values.length),
      all: counted(() => s.all()) as D1Statement["all"],
      run: counted(() => s.run()) as D1Statement["run"],
      first: (column?: string) => counted(() => s.first!(column))(),
      raw: (options?: unknown) => counted(() => s.raw!(options))(),
    };
    unwrap.set(wrapped, s);
    sqlOf.set(wrapped, { sql, params });
    return wrapped;
  };

  const db: D1Binding = {
    prepare: (sql) => statement(sql, inner.prepare(sql) as D1Statement, 0),
    async batch<T>(statements: D1PreparedStatementLike[]): Promise<D1ResultLike<T>[]> {
      call(`batch(${statements.length}): ${statements.map((s) => sqlOf.get(s)?.sql.slice(0, 40)).join(" | ")}`);
      current.batches += 1;
      current.batchedStatements += statements.length;
      for (const s of statements) {
        const info = sqlOf.get(s);
        if (info) noteParams(info.sql, info.params);
      }
      return inner.batch<T>(statements.map((s) => unwrap.get(s) ?? s));
    },
    async exec(sql) {
      call(sql);
      return inner.exec!(sql);
    },
  };

  return {
    db,
    invocations,
    async measure(label, work) {
      const cost = fresh(label);
      const outer = current;
      current = cost;
      try {
        const result = await work();
        return { result, cost };
      } finally {
        current = outer;
        invocations.push(cost);
      }
    },
  };
}

/** The budgets of issue #13: D1 calls per invocation and bound parameters per statement. */
export const D1_BUDGET = { request: 50, queueBatchOf100: 100, cronTick: 200, boundParameters: 100 } as const;
