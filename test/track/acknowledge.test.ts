import { join } from "node:path";
import type { KyselyPlugin } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "../../src/audit/audit-log.js";
import { ackTokenFor } from "../../src/domain/ack-token.js";
import { fixedClock } from "../../src/domain/clock.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { acknowledge, acknowledgeFormSchema, findRecipientByToken } from "../../src/track/acknowledge.js";
import { makeTrackFixture, recipientRow, seedLetter, type TrackFixture } from "../support/track-fixture.js";

/** Holds the first `parties` reads of a recipients row until all of them have read. */
function barrierOnRecipientRead(parties: number): KyselyPlugin {
  const waiting: (() => void)[] = [];
  return {
    transformQuery: (args) => args.node,
    async transformResult(args) {
      const row = args.result.rows[0];
      if (row && typeof row === "object" && "ack_token_hash" in row && waiting.length < parties) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === parties) for (const w of waiting) w();
        });
      }
      return args.result;
    },
  };
}

const form = {
  name: "Drs. H. Ahmad Fauzi, M.Si.",
  position: "Kepala Dinas Pendidikan",
  ip: "10.0.0.7",
  userAgent: "Firefox",
};

describe("acknowledge", () => {
  let fx: TrackFixture;
  beforeEach(async () => {
    fx = await makeTrackFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("records-time-name-position-ip-and-user-agent-of-the-first-acknowledgement", async () => {
    const [r] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    const clock = fixedClock("2024-11-02T03:04:05.000Z");
    const res = await acknowledge(fx.store, clock, r!.token, { ...form, name: "  Drs. H. Ahmad Fauzi, M.Si. " });
    expect(res).toEqual({
      status: "acknowledged",
      at: "2024-11-02T03:04:05.000Z",
      name: "Drs. H. Ahmad Fauzi, M.Si.",
      position: "Kepala Dinas Pendidikan",
    });
    const row = await recipientRow(fx.store, r!.id);
    expect(row).toMatchObject({
      acknowledged_at: "2024-11-02T03:04:05.000Z",
      ack_name: "Drs. H. Ahmad Fauzi, M.Si.",
      ack_position: "Kepala Dinas Pendidikan",
      ack_ip: "10.0.0.7",
      ack_user_agent: "Firefox",
    });
    const audit = await listAudit(fx.store);
    expect(audit.map((a) => [a.actor, a.action, a.letter_id, a.subject])).toEqual([
      [`recipient:${r!.id}`, "recipient.acknowledged", "L1", "DIKBUD"],
    ]);
    expect(JSON.parse(audit[0]!.data_json)).toEqual({ name: form.name, position: form.position, ip: "10.0.0.7" });
  });

  it("a-second-acknowledgement-keeps-the-first-time-and-name-and-says-already", async () => {
    const [r] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"] });
    const clock = fixedClock("2024-11-02T03:00:00.000Z");
    await acknowledge(fx.store, clock, r!.token, form);
    clock.advance(3_600_000);
    const again = await acknowledge(fx.store, clock, r!.token, {
      ...form,
      name: "Orang Lain",
      position: "Plt. Kepala",
    });
    expect(again).toEqual({
      status: "already",
      at: "2024-11-02T03:00:00.000Z",
      name: form.name,
      position: form.position,
    });
    const row = await recipientRow(fx.store, r!.id);
    expect(row.ack_name).toBe(form.name);
    expect(row.acknowledged_at).toBe("2024-11-02T03:00:00.000Z");
  });

  it("two-simultaneous-acknowledgements-from-two-connections-record-exactly-one", async () => {
    const opdIds = Array.from({ length: 30 }, (_, i) => `OPD${i}`);
    const recipients = await seedLetter(fx.store, { letterId: "L1", opdIds });
    const other = openSqliteStore(join(fx.dir, "edaran.sqlite"));
    try {
      const clock = fixedClock("2024-11-02T03:00:00.000Z");
      const results = await Promise.all(
        recipients.map(async (r) =>
          Promise.all([
            acknowledge(fx.store, clock, r.token, { ...form, name: "Pengguna Pertama" }),
            acknowledge(other, clock, r.token, { ...form, name: "Pengguna Kedua" }),
          ]),
        ),
      );
      for (const [i, pair] of results.entries()) {
        const winners = pair.filter((p) => p.status === "acknowledged");
        expect(winners).toHaveLength(1);
        const loser = pair.find((p) => p.status !== "acknowledged");
        expect(loser?.status).toBe("already");
        const winner = winners[0];
        const row = await recipientRow(fx.store, recipients[i]!.id);
        if (winner?.status === "acknowledged") expect(row.ack_name).toBe(winner.name);
        if (loser?.status === "already") expect(loser.name).toBe(row.ack_name);
      }
    } finally {
      await other.close();
    }
  });

  it("when-both-clicks-pass-the-first-check-the-guarded-update-still-lets-only-one-win", async () => {
    const [r] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"] });
    // Both calls (two connections, like two workers) read the recipient as not yet acknowledged
    // before either writes: the worst interleaving, forced by a barrier on that read.
    const other = openSqliteStore(join(fx.dir, "edaran.sqlite"));
    const barrier = barrierOnRecipientRead(2);
    const a: Store = { db: fx.store.db.withPlugin(barrier), atomic: fx.store.atomic };
    const b: Store = { db: other.db.withPlugin(barrier), atomic: other.atomic };
    const clock = fixedClock("2024-11-02T03:00:00.000Z");
    const [first, second] = await Promise.all([
      acknowledge(a, clock, r!.token, { ...form, name: "Pengguna Pertama" }),
      acknowledge(b, clock, r!.token, { ...form, name: "Pengguna Kedua" }),
    ]).finally(() => other.close());
    expect([first.status, second.status].sort()).toEqual(["acknowledged", "already"]);
    const row = await recipientRow(fx.store, r!.id);
    const winner = first.status === "acknowledged" ? first : second;
    const loser = first.status === "acknowledged" ? second : first;
    if (winner.status === "acknowledged") expect(row.ack_name).toBe(winner.name);
    if (loser.status === "already") expect(loser.name).toBe(row.ack_name);
    expect((await listAudit(fx.store)).filter((a) => a.action === "recipient.acknowledged")).toHaveLength(1);
  });

  it("rejects-an-unknown-a-malformed-and-an-empty-token", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"] });
    const clock = fixedClock("2024-11-02T03:00:00.000Z");
    const unknown = await ackTokenFor("another-secret", "rcp-L1-DIKBUD");
    for (const token of [unknown, "not a token!", "", "x".repeat(5000)]) {
      expect(await acknowledge(fx.store, clock, token, form)).toEqual({ status: "invalid_token" });
    }
    const row = await recipientRow(fx.store, "rcp-L1-DIKBUD");
    expect(row.acknowledged_at).toBeNull();
  });

  it("a-token-acknowledges-only-its-own-recipient-never-another-opd-or-letter", async () => {
    const [a, b] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
    const [c] = await seedLetter(fx.store, { letterId: "L2", opdIds: ["DIKBUD"] });
    const clock = fixedClock("2024-11-02T03:00:00.000Z");
    const found = await findRecipientByToken(fx.store, a!.token);
    expect(found?.recipient.id).toBe(a!.id);
    expect(found?.opd.id).toBe("DIKBUD");
    expect(found?.letter.id).toBe("L1");

    expect((await acknowledge(fx.store, clock, a!.token, form)).status).toBe("acknowledged");
    expect((await recipientRow(fx.store, b!.id)).acknowledged_at).toBeNull();
    expect((await recipientRow(fx.store, c!.id)).acknowledged_at).toBeNull();
    // The same OPD's token for another letter is a different token.
    expect(c!.token).not.toBe(a!.token);
    expect((await acknowledge(fx.store, clock, c!.token, form)).status).toBe("acknowledged");
  });

  it("a-withdrawn-letter-cannot-be-acknowledged", async () => {
    const [r] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"], status: "withdrawn" });
    const res = await acknowledge(fx.store, fixedClock("2024-11-02T03:00:00.000Z"), r!.token, form);
    expect(res).toEqual({ status: "letter_withdrawn" });
    expect((await recipientRow(fx.store, r!.id)).acknowledged_at).toBeNull();
  });

  it("missing-or-too-short-name-and-position-are-refused-in-bahasa-indonesia", async () => {
    const [r] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"] });
    const res = await acknowledge(fx.store, fixedClock("2024-11-02T03:00:00.000Z"), r!.token, {
      name: "  A ",
      position: undefined,
      ip: null,
      userAgent: null,
    });
    expect(res).toEqual({
      status: "invalid",
      issues: [
        { path: "name", message: "Nama minimal 3 karakter" },
        { path: "position", message: "Jabatan wajib diisi" },
      ],
    });
    expect((await recipientRow(fx.store, r!.id)).acknowledged_at).toBeNull();
    expect(
      acknowledgeFormSchema.safeParse({ name: "x".repeat(121), position: "Kepala" }).error?.issues[0]?.message,
    ).toBe("Nama paling banyak 120 karakter");
  });

  it("refuses-nul-and-other-control-characters-in-the-name-and-position-and-stores-nothing", async () => {
    const [r] = await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"] });
    const res = await acknowledge(fx.store, fixedClock("2024-11-02T03:00:00.000Z"), r!.token, {
      name: "Drs. Ahmad\u0000Fauzi",
      position: "Kepala\u001b[31m Dinas\u0085",
      ip: null,
      userAgent: null,
    });
    expect(res).toEqual({
      status: "invalid",
      issues: [
        { path: "name", message: "Nama memuat karakter kendali yang tidak dapat dicetak" },
        { path: "position", message: "Jabatan memuat karakter kendali yang tidak dapat dicetak" },
      ],
    });
    expect((await recipientRow(fx.store, r!.id)).acknowledged_at).toBeNull();
  });
});
