// Bench: acknowledgements per second under concurrent load. 10 letters × 60 OPDs on a real SQLite file,
// every link clicked twice at once (the double-click case) from two connections, as two server
// processes would. Checks the outcome too: exactly one acknowledgement per recipient.
// Runs through the track functions; when src/http/app.ts exists it can move to HTTP.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fixedClock } from "../../src/domain/clock.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { acknowledge, type AcknowledgeResult } from "../../src/track/acknowledge.js";
import { openTrackStore, seedLetter, type SeededRecipient } from "../../test/track/fixtures.js";

const LETTERS = 10;
const OPD_COUNT = 60;

export async function benchAcknowledge(): Promise<void> {
  const fx = await openTrackStore();
  const second = openSqliteStore(join(fx.dir, "edaran.sqlite"));
  try {
    const opdIds = Array.from({ length: OPD_COUNT }, (_, i) => `OPD${String(i + 1).padStart(2, "0")}`);
    const recipients: SeededRecipient[] = [];
    for (let l = 1; l <= LETTERS; l++) recipients.push(...(await seedLetter(fx.store, { letterId: `B${l}`, opdIds })));
    const clock = fixedClock("2024-11-02T03:00:00.000Z");
    const form = (who: string) => ({ name: who, position: "Kepala Perangkat Daerah", ip: "10.0.0.1", userAgent: "bench" });

    const t0 = performance.now();
    const results: AcknowledgeResult[] = (
      await Promise.all(
        recipients.map((r) =>
          Promise.all([
            acknowledge(fx.store, clock, r.token, form("Klik Pertama")),
            acknowledge(second, clock, r.token, form("Klik Kedua")),
          ]),
        ),
      )
    ).flat();
    const ms = performance.now() - t0;

    const acknowledged = results.filter((r) => r.status === "acknowledged").length;
    const already = results.filter((r) => r.status === "already").length;
    if (acknowledged !== recipients.length || already !== recipients.length) {
      throw new Error(`bench: expected ${recipients.length} acknowledged + ${recipients.length} already, got ${acknowledged} + ${already}`);
    }
    console.log(
      `acknowledge: ${results.length} concurrent calls (${recipients.length} recipients, each clicked twice) in ` +
        `${ms.toFixed(0)} ms = ${((results.length / ms) * 1000).toFixed(0)} calls/s, ` +
        `${((acknowledged / ms) * 1000).toFixed(0)} acknowledgements/s`,
    );
  } finally {
    await second.close();
    await fx.close();
  }
}

// `npx tsx scripts/bench/acknowledge.ts` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchAcknowledge();
}
