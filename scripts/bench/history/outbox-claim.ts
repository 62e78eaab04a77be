// The outbox claim of 50 rows while rows are pending, in-process (it is the sender's query, not a route): the
// product's claimDue through Kysely against the same UPDATE ... RETURNING compiled from claimDueQuery and run
// with better-sqlite3. Between claims the rows go back to pending, outside the timing, so every claim finds them.
import { join } from "node:path";
import Database from "better-sqlite3";
import { claimDue, claimDueQuery } from "../../../src/send/outbox-repo.js";
import { openSqliteStore } from "../../../src/store/sqlite-store.js";
import { summarize, type Timing } from "../stats.js";

export interface ClaimFigures {
  product: Timing;
  bare: Timing;
  claimed: number;
}

export async function benchOutboxClaim(dataDir: string, rounds: number): Promise<ClaimFigures> {
  const file = join(dataDir, "edaran.sqlite");
  const store = openSqliteStore(file);
  const db = new Database(file);
  try {
    const now = new Date();
    const opts = { now, lockMs: 300_000, limit: 50, claimant: "bench" };
    const compiled = claimDueQuery(store, opts).returningAll().compile();
    const bare = db.prepare(compiled.sql);
    const reset = db.prepare(
      "UPDATE outbox SET status = 'pending', locked_until = NULL, attempts = attempts - 1, claimed_by = NULL WHERE status = 'sending'",
    );
    const product: number[] = [];
    const bareMs: number[] = [];
    let claimed = 0;
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      claimed = (await claimDue(store, opts)).length;
      product.push(performance.now() - t);
      reset.run();
      t = performance.now();
      const n = bare.all(...compiled.parameters).length;
      bareMs.push(performance.now() - t);
      reset.run();
      if (n !== claimed) throw new Error(`bench outbox claim: product took ${claimed} rows, bare ${n}`);
    }
    if (claimed === 0) throw new Error("bench outbox claim: no pending row was claimed");
    return { product: summarize(product), bare: summarize(bareMs), claimed };
  } finally {
    db.close();
    await store.close();
  }
}
