// One reminder round on a database with history (issue #13): 1,000 sent letters × 60 OPDs, about two thirds of
// them unacknowledged. The old round reminded every one of them each interval; the policy's round handles at most
// its limit (200 a Worker cron tick, 2,000 a Node timer run) and the next round continues.
import { fixedClock } from "../../src/domain/clock.js";
import { runReminders } from "../../src/track/reminders.js";
import { makeHistoryFixture } from "../../test/support/history-fixture.js";
import { type BenchContext, sized } from "./context.js";

export async function run(ctx: BenchContext): Promise<void> {
  const letters = sized(ctx, 1000, 30);
  const opds = sized(ctx, 60, 10);
  for (const limit of [200, 2000]) {
    const fx = makeHistoryFixture({ letters, opds });
    try {
      const sqlite = fx.store.sqlite;
      const count = (q: string) => (sqlite.prepare(q).get() as { n: number }).n;
      // What the unbounded round emailed: every unacknowledged, reachable recipient of a sent letter.
      const unbounded = count(
        `SELECT count(*) AS n FROM recipients r JOIN letters l ON l.id = r.letter_id
         WHERE l.status = 'sent' AND r.acknowledged_at IS NULL AND r.status IN ('sent', 'delivered')`,
      );
      const auditBefore = count("SELECT count(*) AS n FROM audit_log");
      const clock = fixedClock("2024-06-01T00:00:00.000Z");
      const t0 = performance.now();
      const r = await runReminders(fx.store, clock, { intervalHours: 24, limit });
      const ms = performance.now() - t0;
      const audit = count("SELECT count(*) AS n FROM audit_log") - auditBefore;
      ctx.log(
        `reminders, ${letters} letters × ${opds} OPDs, round of ${limit}: ${r.reminded} emails, ${audit} audit rows, ` +
          `${r.escalated} escalated in ${ms.toFixed(0)} ms${r.more ? " (more next round)" : ""}; ` +
          `the unbounded round: ${unbounded} emails, ${unbounded} audit rows`,
      );
    } finally {
      await fx.close();
    }
  }
}
