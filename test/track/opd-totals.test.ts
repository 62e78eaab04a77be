import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recipientFlags, timeToAcknowledgeMs } from "../../src/domain/recipient-status.js";
import { type SentPeriod, sentWithin, splitSentPeriod } from "../../src/domain/sent-period.js";
import { migrationsDir } from "../../src/store/migrate.js";
import { opdPeriodTotals } from "../../src/track/opd-totals.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

/** A small deterministic generator, so a failure names the same rows on every run. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const PERIODS: SentPeriod[] = [
  {},
  { from: "2024-08-15" },
  { to: "2024-09-30" },
  { to: "2024-09-17" },
  { from: "2024-09-01", to: "2024-09-30" },
  { from: "2024-08-20", to: "2024-11-10" },
  { from: "2024-09-03", to: "2024-09-21" },
  { from: "2024-08-31", to: "2024-09-01" },
  { from: "2024-10-01", to: "2024-12-31" },
  // Unreadable ends are open, as before.
  { from: "kemarin", to: "2024-09-30" },
];

describe("splitSentPeriod", () => {
  it("holds-each-day-once-in-whole-months-or-edge-days", () => {
    expect(splitSentPeriod({})).toEqual({ months: { withUnsent: true }, days: [] });
    expect(splitSentPeriod({ from: "2024-08-20", to: "2024-11-10" })).toEqual({
      months: { from: "2024-09", to: "2024-10", withUnsent: false },
      days: [
        { from: "2024-08-20", to: "2024-08-31" },
        { from: "2024-11-01", to: "2024-11-10" },
      ],
    });
    expect(splitSentPeriod({ from: "2024-02-01", to: "2024-02-29" })).toEqual({
      months: { from: "2024-02", to: "2024-02", withUnsent: false },
      days: [],
    });
    expect(splitSentPeriod({ from: "2024-09-03", to: "2024-09-21" })).toEqual({
      months: null,
      days: [{ from: "2024-09-03", to: "2024-09-21" }],
    });
    expect(splitSentPeriod({ to: "2024-12-15" })).toEqual({
      months: { to: "2024-11", withUnsent: false },
      days: [{ from: "2024-12-01", to: "2024-12-15" }],
    });
  });
});

describe("an OPD's kept totals", () => {
  let fx: TrackFixture;
  beforeEach(async () => {
    fx = await makeTrackFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  /** What the totals must be: every row of the OPD read and judged by the domain's own rules. */
  async function expected(opdId: string, period: SentPeriod, now: Date) {
    const rows = await fx.store.db
      .selectFrom("recipients")
      .innerJoin("letters", "letters.id", "recipients.letter_id")
      .selectAll("recipients")
      .select("letters.ack_deadline")
      .where("recipients.opd_id", "=", opdId)
      .execute();
    const inPeriod = rows.filter((r) => sentWithin(r.sent_at, period));
    const flags = inPeriod.map((r) => recipientFlags(r, { ackDeadline: r.ack_deadline, now }));
    const ms = inPeriod.map(timeToAcknowledgeMs).filter((m): m is number => m !== null);
    return {
      totals: {
        received: inPeriod.length,
        acknowledged: inPeriod.filter((r) => r.acknowledged_at).length,
        acknowledgedLate: flags.filter((f) => f.lateness === "acknowledged_late").length,
        overdue: flags.filter((f) => f.lateness === "overdue").length,
      },
      averageMs: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : null,
    };
  }

  async function expectAllPeriodsRight(now: Date) {
    for (const opdId of ["A", "B"]) {
      for (const period of PERIODS) {
        const got = await opdPeriodTotals(fx.store, opdId, period, now);
        const want = await expected(opdId, period, now);
        expect(got.totals, `${opdId} ${JSON.stringify(period)}`).toEqual(want.totals);
        if (want.averageMs === null) expect(got.averageMs).toBeNull();
        else expect(got.averageMs).toBeCloseTo(want.averageMs, 6);
      }
    }
  }

  it("match-every-row-read-by-the-domain-rules-through-sends-acknowledgements-flags-and-deadline-changes", async () => {
    const rnd = prng(13);
    const deadlines = ["2024-09-10", "2024-10-05T12:00:00+07:00", null, "2024-12-20", "2024-11-30T23:00:00.000Z"];
    const base = Date.parse("2024-08-01T01:00:00.000Z");
    for (let n = 0; n < 60; n++) {
      // Some letters are sent late in the evening UTC: the next day (and month) in WIB.
      const sentAt = new Date(base + n * 2 * 86_400_000 + (n % 4 === 0 ? 16.5 * 3_600_000 : 0)).toISOString();
      await seedLetter(fx.store, {
        letterId: `T${String(n).padStart(2, "0")}`,
        opdIds: ["A", "B"],
        sentAt,
        ackDeadline: deadlines[n % deadlines.length] ?? null,
        ...(n % 11 === 5 ? { recipientStatus: "queued" as const } : {}),
      });
    }
    const ids = (await fx.store.db.selectFrom("recipients").select(["id", "sent_at"]).orderBy("id").execute()).map(
      (r) => r,
    );
    for (const r of ids) {
      const roll = rnd();
      if (r.sent_at && roll < 0.6) {
        const acked = new Date(Date.parse(r.sent_at) + Math.floor(rnd() * 40 * 86_400_000)).toISOString();
        await fx.store.db.updateTable("recipients").set({ acknowledged_at: acked }).where("id", "=", r.id).execute();
      } else if (roll < 0.75) {
        await fx.store.db
          .updateTable("recipients")
          .set({ overdue_at: "2024-12-01T00:00:00.000Z" })
          .where("id", "=", r.id)
          .execute();
      }
    }
    const now = new Date("2024-10-20T03:00:00.000Z");
    await expectAllPeriodsRight(now);
    // The clock moves: deadlines end, rows become overdue without a write.
    await expectAllPeriodsRight(new Date("2024-12-25T00:00:00.000Z"));

    // A deadline changed, a flagged row acknowledged, a queued one sent, a reminder count (not read) bumped,
    // a row deleted, an acknowledgement withdrawn.
    await fx.store.db.updateTable("letters").set({ ack_deadline: "2024-10-25" }).where("id", "=", "T07").execute();
    await fx.store.db.updateTable("letters").set({ ack_deadline: null }).where("id", "=", "T08").execute();
    await fx.store.db
      .updateTable("recipients")
      .set({ acknowledged_at: "2024-12-02T00:00:00.000Z" })
      .where("overdue_at", "is not", null)
      .where("opd_id", "=", "A")
      .where("letter_id", "<", "T20")
      .execute();
    await fx.store.db
      .updateTable("recipients")
      .set({ sent_at: "2024-10-31T18:00:00.000Z", status: "sent" })
      .where("letter_id", "=", "T05")
      .execute();
    await fx.store.db.updateTable("recipients").set({ reminder_count: 3 }).where("letter_id", "=", "T09").execute();
    await fx.store.db.deleteFrom("recipients").where("id", "=", "rcp-T10-A").execute();
    await fx.store.db.updateTable("recipients").set({ acknowledged_at: null }).where("letter_id", "=", "T11").execute();
    await expectAllPeriodsRight(now);
    await expectAllPeriodsRight(new Date("2024-11-30T22:59:59.999Z"));
  });

  it("are-backfilled-by-migration-0220-from-the-rows-written-before-it", async () => {
    for (let n = 0; n < 12; n++) {
      const sentAt = new Date(Date.parse("2024-08-20T01:00:00.000Z") + n * 5 * 86_400_000).toISOString();
      const [a] = await seedLetter(fx.store, {
        letterId: `B${n}`,
        opdIds: ["A", "B"],
        sentAt,
        ackDeadline: n % 3 ? "2024-09-15" : null,
      });
      if (n % 2)
        await fx.store.db
          .updateTable("recipients")
          .set({ acknowledged_at: new Date(Date.parse(sentAt) + n * 3_600_000 * 20).toISOString() })
          .where("id", "=", a!.id)
          .execute();
    }
    // The database as it was before 0220, with its rows; then 0220 itself, as the migrator runs it.
    fx.store.sqlite.exec(`DROP TRIGGER recipients_totals_insert; DROP TRIGGER recipients_totals_delete;
      DROP TRIGGER recipients_totals_update; DROP TRIGGER letters_totals_deadline; DROP TABLE opd_month_totals;
      DROP INDEX recipients_opd_sent; DROP INDEX letters_ack_deadline;`);
    fx.store.sqlite.exec(readFileSync(join(migrationsDir, "0220_opd_month_totals.sql"), "utf8"));
    expect(
      (await fx.store.db.selectFrom("opd_month_totals").select("month").distinct().execute()).length,
    ).toBeGreaterThan(1);
    await expectAllPeriodsRight(new Date("2024-09-20T00:00:00.000Z"));
  });

  it("are-kept-per-opd-and-month-not-summed-from-rows", async () => {
    await seedLetter(fx.store, { letterId: "M1", opdIds: ["A"], sentAt: "2024-10-31T17:30:00.000Z" });
    const kept = await fx.store.db
      .selectFrom("opd_month_totals")
      .select(["opd_id", "month", "received"])
      .where("opd_id", "=", "A")
      .execute();
    // 17:30 UTC on 31 October is 1 November in WIB.
    expect(kept).toEqual([{ opd_id: "A", month: "2024-11", received: 1 }]);
    // The page reads what is kept: changing the kept row changes the answer (no hidden live count).
    await fx.store.db.updateTable("opd_month_totals").set({ received: 7 }).where("opd_id", "=", "A").execute();
    expect((await opdPeriodTotals(fx.store, "A", {}, new Date())).totals.received).toBe(7);
  });
});
