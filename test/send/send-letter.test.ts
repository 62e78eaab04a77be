import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ackTokenFor, hashAckToken } from "../../src/domain/ack-token.js";
import { fixedClock } from "../../src/domain/clock.js";
import { planSend } from "../../src/send/send-letter.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { makeMemoryBlobStore, seedSignedLetter } from "../support/send-fixture.js";

const secret = "test-ack-secret";
const clock = fixedClock("2024-10-01T02:00:00Z");
let store: SqliteStore;

beforeEach(() => {
  store = openSqliteStore(":memory:");
});
afterEach(() => store.close());

async function counts() {
  const r = await store.db
    .selectFrom("recipients")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const o = await store.db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { recipients: Number(r.n), outbox: Number(o.n) };
}

describe("planSend", () => {
  it("reports every OPD without an email and writes nothing", async () => {
    const f = await seedSignedLetter(store, makeMemoryBlobStore(), { opdCount: 5, withoutEmail: [1, 3] });
    const r = await planSend(store, f.letterId, { opdIds: "all", ackSecret: secret, clock });
    expect(r).toEqual({
      ok: false,
      missingEmail: [
        { id: "OPD-002", name: "Dinas Nomor 2" },
        { id: "OPD-004", name: "Dinas Nomor 4" },
      ],
    });
    expect(await counts()).toEqual({ recipients: 0, outbox: 0 });
  });

  it("sends to a chosen list even when OPDs outside it have no email", async () => {
    const f = await seedSignedLetter(store, makeMemoryBlobStore(), { opdCount: 5, withoutEmail: [1] });
    const r = await planSend(store, f.letterId, { opdIds: ["OPD-001", "OPD-003"], ackSecret: secret, clock });
    expect(r.ok).toBe(true);
    expect(await counts()).toEqual({ recipients: 2, outbox: 2 });
  });

  it("creates one queued recipient and one pending letter outbox row per OPD, beyond D1's 100-parameter limit", async () => {
    const f = await seedSignedLetter(store, makeMemoryBlobStore(), { opdCount: 60 });
    const r = await planSend(store, f.letterId, { opdIds: "all", ackSecret: secret, clock });
    if (!r.ok) throw new Error("expected ok");
    expect(r.created).toBe(60);
    expect(r.outboxIds).toHaveLength(60);
    expect(await counts()).toEqual({ recipients: 60, outbox: 60 });
    const outbox = await store.db.selectFrom("outbox").selectAll().execute();
    expect(new Set(outbox.map((o) => `${o.kind}/${o.status}/${o.attempts}/${o.next_attempt_at}`))).toEqual(
      new Set(["letter/pending/0/2024-10-01T02:00:00.000Z"]),
    );
    const rec = await store.db
      .selectFrom("recipients")
      .selectAll()
      .where("opd_id", "=", "OPD-042")
      .executeTakeFirstOrThrow();
    expect(rec.status).toBe("queued");
    expect(rec.email).toBe("kepala.opd-042@bengkulukota.example");
  });

  it("stores only the hash of the derived acknowledgement token", async () => {
    const f = await seedSignedLetter(store, makeMemoryBlobStore(), { opdCount: 2 });
    await planSend(store, f.letterId, { opdIds: "all", ackSecret: secret, clock });
    const rec = await store.db
      .selectFrom("recipients")
      .selectAll()
      .where("opd_id", "=", "OPD-001")
      .executeTakeFirstOrThrow();
    const token = await ackTokenFor(secret, rec.id);
    expect(rec.ack_token_hash).toBe(await hashAckToken(token));
    expect(rec.ack_token_hash).not.toContain(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await ackTokenFor("another-secret", rec.id)).not.toBe(token);
  });

  it("is idempotent: planning again writes nothing new and returns the same outbox ids", async () => {
    const f = await seedSignedLetter(store, makeMemoryBlobStore(), { opdCount: 30 });
    const first = await planSend(store, f.letterId, { opdIds: "all", ackSecret: secret, clock });
    const [again, concurrent] = await Promise.all([
      planSend(store, f.letterId, { opdIds: "all", ackSecret: secret, clock }),
      planSend(store, f.letterId, { opdIds: ["OPD-001", "OPD-002"], ackSecret: secret, clock }),
    ]);
    if (!first.ok || !again.ok || !concurrent.ok) throw new Error("expected ok");
    expect(again.created).toBe(0);
    expect(again.outboxIds).toEqual(first.outboxIds);
    expect(concurrent.outboxIds).toEqual(first.outboxIds.slice(0, 2));
    expect(await counts()).toEqual({ recipients: 30, outbox: 30 });
  });

  it("refuses a letter that is not signed", async () => {
    const f = await seedSignedLetter(store, makeMemoryBlobStore(), { opdCount: 2 });
    await store.db.updateTable("letters").set({ status: "approved" }).where("id", "=", f.letterId).execute();
    await expect(planSend(store, f.letterId, { opdIds: "all", ackSecret: secret, clock })).rejects.toMatchObject({
      code: "letter_not_signed",
    });
    expect(await counts()).toEqual({ recipients: 0, outbox: 0 });
  });

  it("refuses unknown OPD ids instead of skipping them", async () => {
    const f = await seedSignedLetter(store, makeMemoryBlobStore(), { opdCount: 2 });
    await expect(
      planSend(store, f.letterId, { opdIds: ["OPD-001", "NOPE"], ackSecret: secret, clock }),
    ).rejects.toMatchObject({
      code: "unknown_opd",
    });
    expect(await counts()).toEqual({ recipients: 0, outbox: 0 });
  });
});
