// Bench: acknowledgements per second under concurrent load. 10 letters × 60 OPDs on a real SQLite file;
// per letter, every link is clicked twice at once (the double-click case) from two connections, as two
// server processes would. Each acknowledgement also appends to the audit chain in the same batch.
// Checks the outcome too: exactly one acknowledgement per recipient.
// Runs through the track functions; when src/http/app.ts exists it can move to HTTP.

import { createHash } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { hashAckToken } from "../../src/domain/ack-token.js";
import { fixedClock } from "../../src/domain/clock.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { type AcknowledgeResult, acknowledge } from "../../src/track/acknowledge.js";
import { makeTrackFixture, type SeededRecipient, seedLetter } from "../../test/support/track-fixture.js";
import { type BenchContext, sized } from "./context.js";

export async function run(ctx: BenchContext = { log: console.log, size: "full" }): Promise<void> {
  const LETTERS = sized(ctx, 10, 1);
  const OPD_COUNT = sized(ctx, 60, 4);
  const fx = await makeTrackFixture();
  const second = openSqliteStore(join(fx.dir, "edaran.sqlite"));
  try {
    const opdIds = Array.from({ length: OPD_COUNT }, (_, i) => `OPD${String(i + 1).padStart(2, "0")}`);
    const recipients: SeededRecipient[] = [];
    for (let l = 1; l <= LETTERS; l++) recipients.push(...(await seedLetter(fx.store, { letterId: `B${l}`, opdIds })));
    const clock = fixedClock("2024-11-02T03:00:00.000Z");
    const form = (who: string) => ({
      name: who,
      position: "Kepala Perangkat Daerah",
      ip: "10.0.0.1",
      userAgent: "bench",
    });

    // One wave per letter: its 60 OPD heads all click at once, twice. (All 600 at once starves the audit
    // append's optimistic retry, see the report; a real letter is a wave of 60.)
    const results: AcknowledgeResult[] = [];
    let ms = 0;
    for (let l = 0; l < LETTERS; l++) {
      const wave = recipients.slice(l * OPD_COUNT, (l + 1) * OPD_COUNT);
      const t0 = performance.now();
      const pairs = await Promise.all(
        wave.map((r) =>
          Promise.all([
            acknowledge(fx.store, clock, r.token, form("Klik Pertama")),
            acknowledge(second, clock, r.token, form("Klik Kedua")),
          ]),
        ),
      );
      ms += performance.now() - t0;
      results.push(...pairs.flat());
    }

    // Reference, same run: the same double clicks on a second set of letters as one bare guarded UPDATE each
    // (by token hash, first click wins), no validation, no audit append.
    const bare: SeededRecipient[] = [];
    for (let l = 1; l <= LETTERS; l++) bare.push(...(await seedLetter(fx.store, { letterId: `R${l}`, opdIds })));
    const hashes = new Map(
      await Promise.all(bare.map(async (r): Promise<[string, string]> => [r.id, await hashAckToken(r.token)])),
    );
    const bareClick = (store: Store, r: SeededRecipient, who: string) =>
      store.db
        .updateTable("recipients")
        .set({ acknowledged_at: clock.now().toISOString(), ack_name: who })
        .where("ack_token_hash", "=", hashes.get(r.id) ?? "")
        .where("acknowledged_at", "is", null)
        .executeTakeFirst();
    let bareMs = 0;
    let bareWon = 0;
    for (let l = 0; l < LETTERS; l++) {
      const wave = bare.slice(l * OPD_COUNT, (l + 1) * OPD_COUNT);
      const t0 = performance.now();
      const pairs = await Promise.all(
        wave.map((r) => Promise.all([bareClick(fx.store, r, "Klik Pertama"), bareClick(second, r, "Klik Kedua")])),
      );
      bareMs += performance.now() - t0;
      bareWon += pairs.flat().filter((u) => u.numUpdatedRows === 1n).length;
    }
    if (bareWon !== bare.length) throw new Error(`bench: bare reference updated ${bareWon} of ${bare.length} rows`);

    // The reference issue #13 names: a bare guarded UPDATE plus an audit insert chained with its SHA-256, in one
    // immediate transaction per click, straight on better-sqlite3 (no validation, no Kysely, no batch retry).
    const audited: SeededRecipient[] = [];
    for (let l = 1; l <= LETTERS; l++) audited.push(...(await seedLetter(fx.store, { letterId: `U${l}`, opdIds })));
    const auditedHashes = new Map(
      await Promise.all(audited.map(async (r): Promise<[string, string]> => [r.id, await hashAckToken(r.token)])),
    );
    const auditedClick = (store: SqliteStore) => {
      const update = store.sqlite.prepare(
        "UPDATE recipients SET acknowledged_at = ?, ack_name = ? WHERE ack_token_hash = ? AND acknowledged_at IS NULL",
      );
      const head = store.sqlite.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
      const insert = store.sqlite.prepare(
        "INSERT INTO audit_log (seq, at, actor, action, letter_id, subject, data_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      );
      return store.sqlite
        .transaction((r: SeededRecipient, who: string) => {
          const at = clock.now().toISOString();
          if (update.run(at, who, auditedHashes.get(r.id) ?? "").changes !== 1) return false;
          const prev = (head.get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: "0".repeat(64) };
          const row = [prev.seq + 1, at, `recipient:${r.id}`, "recipient.acknowledged", null, r.opdId];
          const data = JSON.stringify({ name: who });
          const hash = createHash("sha256")
            .update(`${prev.hash}\n${JSON.stringify([...row, data])}`)
            .digest("hex");
          insert.run(...row, data, prev.hash, hash);
          return true;
        })
        .immediate.bind(null);
    };
    const firstClick = auditedClick(fx.store);
    const secondClick = auditedClick(second);
    let auditedMs = 0;
    let auditedWon = 0;
    for (let l = 0; l < LETTERS; l++) {
      const wave = audited.slice(l * OPD_COUNT, (l + 1) * OPD_COUNT);
      const t0 = performance.now();
      for (const r of wave) {
        if (firstClick(r, "Klik Pertama")) auditedWon++;
        if (secondClick(r, "Klik Kedua")) auditedWon++;
      }
      auditedMs += performance.now() - t0;
    }
    if (auditedWon !== audited.length) {
      throw new Error(`bench: bare UPDATE + audit updated ${auditedWon} of ${audited.length} rows`);
    }

    const acknowledged = results.filter((r) => r.status === "acknowledged").length;
    const already = results.filter((r) => r.status === "already").length;
    if (acknowledged !== recipients.length || already !== recipients.length) {
      const want = recipients.length;
      throw new Error(`bench: expected ${want} acknowledged + ${want} already, got ${acknowledged} + ${already}`);
    }
    ctx.log(
      `acknowledge: ${LETTERS} waves of ${OPD_COUNT} OPDs clicking twice at once (${results.length} calls) in ` +
        `${ms.toFixed(0)} ms = ${((results.length / ms) * 1000).toFixed(0)} calls/s, ` +
        `${((acknowledged / ms) * 1000).toFixed(0)} acknowledgements/s`,
    );
    ctx.log(
      `reference, bare guarded UPDATE per click (no audit): ${((results.length / bareMs) * 1000).toFixed(0)} calls/s; ` +
        `edaran / bare: ${(bareMs / ms).toFixed(2)}`,
    );
    ctx.log(
      `reference, bare guarded UPDATE + audit insert with its SHA-256 per click: ` +
        `${((results.length / auditedMs) * 1000).toFixed(0)} calls/s; edaran / bare: ${(auditedMs / ms).toFixed(2)} ` +
        "(issue #13's target: at least 0.50)",
    );
  } finally {
    await second.close();
    await fx.close();
  }
}

// `npx tsx scripts/bench/acknowledge.ts` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await run();
}
