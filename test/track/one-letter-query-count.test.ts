// A letter sent to 500 OPDs: its page and its compliance matrix read every OPD's row in a fixed number of
// statements (one D1 call each), not one per OPD. Counted by a Kysely plugin on the real SQLite store, so every
// statement the services run is seen, whatever the driver caches.
import type { KyselyPlugin } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { letterDetail } from "../../src/drafting/letter-detail.js";
import type { Store } from "../../src/store/store.js";
import { complianceMatrix } from "../../src/track/compliance-matrix.js";
import { type HistoryFixture, makeHistoryFixture } from "../support/history-fixture.js";

const OPDS = 500;
const fx: HistoryFixture = makeHistoryFixture({ letters: 12, opds: OPDS });
afterAll(async () => {
  await fx.close();
});

/** The store as the services see it, counting each statement it runs. */
function countingStore(): { store: Store; statements: string[] } {
  const statements: string[] = [];
  const counter: KyselyPlugin = {
    transformQuery(args) {
      statements.push(args.node.kind);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { store: { ...fx.store, db: fx.store.db.withPlugin(counter) }, statements };
}

const clock = fixedClock("2031-01-01T00:00:00.000Z");
// Letter 1 went to the 500 OPDs (letter 0 also to the fixture's rare OPD).
const letterId = fx.letterIds[1]!;

describe(`one letter sent to ${OPDS} OPDs`, () => {
  it("the compliance matrix reads every OPD's row in a handful of statements", async () => {
    const { store, statements } = countingStore();
    const matrix = await complianceMatrix(store, clock, letterId);
    expect(matrix?.rows).toHaveLength(OPDS);
    expect(new Set(matrix?.rows.map((r) => r.opdId)).size).toBe(OPDS);
    expect(statements.length).toBeLessThanOrEqual(5);
  });

  it("the letter page with its delivery table reads every OPD's row in a handful of statements", async () => {
    const { store, statements } = countingStore();
    const detail = await letterDetail(
      { store, clock, config: { ackSecret: "s".repeat(32) } },
      { id: fx.sekretariatId, role: "sekretariat", opdId: null },
      letterId,
    );
    expect(detail.delivery?.rows).toHaveLength(OPDS);
    expect(detail.delivery?.rows.every((r) => r.retryMessageId === null)).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(12);
  });

  it("the letter page of one recipient OPD's head reads the same few", async () => {
    const { store, statements } = countingStore();
    const detail = await letterDetail(
      { store, clock, config: { ackSecret: "s".repeat(32) } },
      { id: fx.kepalaId, role: "kepala_opd", opdId: fx.opdIds[0]! },
      letterId,
    );
    expect(detail.ownReceipt?.recipient.opdId).toBe(fx.opdIds[0]);
    expect(statements.length).toBeLessThanOrEqual(12);
  });
});
