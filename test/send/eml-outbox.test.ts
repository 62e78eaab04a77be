// The offline outbox as a person uses it: one .eml per OPD named after the OPD, the acknowledgement link
// findable with grep, the attachment named like the app's download, and one log line per file.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../src/domain/ack-token.js";
import { fixedClock } from "../../src/domain/clock.js";
import { letterDocxFileName } from "../../src/domain/letter-file-name.js";
import { createEmlMailer } from "../../src/send/eml-mailer.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { drainOutbox } from "../../src/send/outbox-worker.js";
import { planSend } from "../../src/send/send-letter.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { makeMemoryBlobStore, seedDeliverySetting, seedSignedLetter } from "../support/send-fixture.js";

const secret = "eml-outbox-test-secret";
let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "edaran-eml-outbox-"));
  store = openSqliteStore(join(dir, "edaran.sqlite"));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("eml outbox", () => {
  it("writes <OPD>__<outbox id>.eml files a person can grep, and logs which OPD each file is for", async () => {
    const clock = fixedClock("2024-10-01T02:00:00.000Z");
    const blobs = makeMemoryBlobStore();
    const letter = await seedSignedLetter(store, blobs, { opdCount: 3 });
    // Attach mode, so the files are in the .eml too (link mode goes through the mailer's batch loop).
    await seedDeliverySetting(store, true);
    const planned = await planSend(store, letter.letterId, { opdIds: "all", ackSecret: secret, clock });
    if (!planned.ok) throw new Error("plan failed");
    await store.db.updateTable("letters").set({ status: "sent" }).where("id", "=", letter.letterId).execute();

    const outboxDir = join(dir, "outbox");
    const lines: string[] = [];
    const build = createMessageBuilder({
      store,
      blobs,
      clock,
      ackSecret: secret,
      from: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
      ackUrl: (t) => `https://edaran.bengkulukota.example/tanda-terima/${t}`,
      verifyUrl: (id) => `https://edaran.bengkulukota.example/v/${id}`,
    });
    const mailer = createEmlMailer({ dir: outboxDir, clock, log: (l) => lines.push(l) });
    const r = await drainOutbox({ store, mailer, clock, build, batchSize: 20, concurrency: 2, lockMs: 60_000 });
    expect(r).toMatchObject({ sent: 3, failed: 0 });

    const rows = await store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "recipients.id as recipientId", "recipients.opd_id"])
      .execute();
    const expected = rows.map((row) => `${row.opd_id}__${row.id}.eml`).sort();
    expect(readdirSync(outboxDir).sort()).toEqual(expected);
    expect(expected[0]).toMatch(/^OPD-00\d__obx_/);

    const names = ["Dinas Nomor 1", "Dinas Nomor 2", "Dinas Nomor 3"];
    expect(lines.sort()).toEqual(
      rows
        .map(
          (row) =>
            `email untuk ${names[Number(row.opd_id.slice(-1)) - 1]} → ${join(outboxDir, `${row.opd_id}__${row.id}.eml`)}`,
        )
        .sort(),
    );

    const attachmentName = letterDocxFileName({ id: letter.letterId, nomor: letter.nomor }, "ttd");
    expect(attachmentName).toBe("SE-800.1.2.3-87-BKPSDM.II-2024.docx");
    for (const row of rows) {
      const raw = readFileSync(join(outboxDir, `${row.opd_id}__${row.id}.eml`), "utf8");
      // `grep tanda-terima` finds this recipient's own link, whole, on a line of its own text.
      const link = `https://edaran.bengkulukota.example/tanda-terima/${await ackTokenFor(secret, row.recipientId)}`;
      const hits = raw.split("\r\n").filter((l) => l.includes("tanda-terima/"));
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((l) => l.includes(link))).toBe(true);
      expect(raw).toContain(`filename="${attachmentName}"`);
      expect(raw).toContain(`X-Edaran-Opd-Id: ${row.opd_id}`);
    }
  });
});
