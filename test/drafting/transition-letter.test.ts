// The workflow service on the real Node app: what the pure machine cannot know (users, registers, outbox).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withdrawalOutboxIdFor } from "../../src/drafting/transition-letter.js";
import type { Mailer, OutgoingEmail } from "../../src/send/mailer.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { drainOutbox } from "../../src/send/outbox-worker.js";
import { type ApiFixture, draftLetter, letterAt, makeApiFixture, sendLetter } from "../support/api-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

const submit = (id: string, reviewers: string[]) =>
  fx.call("POST", `/api/letters/${id}/transitions`, { as: "sekretariat", body: { action: "submit", reviewers } });

describe("submitting for paraf", () => {
  it("refuses unknown, read-only and self reviewers with one issue each, and leaves the draft as it was", async () => {
    const draft = await draftLetter(fx);
    const res = await submit(draft.id, [
      "no-such-user",
      await fx.userId("inspektorat"),
      await fx.userId("sekretariat"),
      await fx.userId("kepala-bkpsdm"),
    ]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.issues.map((i) => i.path)).toEqual(["reviewers.0", "reviewers.1", "reviewers.2"]);
    const row = await fx.rt.store.db
      .selectFrom("letters")
      .select(["status", "reviewers_json"])
      .where("id", "=", draft.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "draft", reviewers_json: "[]" });
  });
});

describe("revising a draft", () => {
  it("a stale edit that changes the unit code is refused whole: the register does not move", async () => {
    const draft = await draftLetter(fx);
    const body = makeSampleBody() as { tentang: string; nomor: { unit: string } };
    body.tentang = "Perubahan pertama";
    await fx.json("PUT", `/api/letters/${draft.id}`, 200, { as: "sekretariat", body, headers: { "If-Match": "1" } });
    body.nomor.unit = "SETDA";
    const stale = await fx.call("PUT", `/api/letters/${draft.id}`, {
      as: "sekretariat",
      body,
      headers: { "If-Match": "1" },
    });
    expect(stale.status).toBe(409);
    const row = await fx.rt.store.db
      .selectFrom("letters")
      .select(["register_id", "revision", "tentang"])
      .where("id", "=", draft.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ register_id: "BKPSDM.II", revision: 2, tentang: "Perubahan pertama" });
  });
});

describe("withdrawing a sent letter", () => {
  it("cancels every message not yet handed to the provider, in the same step", async () => {
    const letter = await letterAt(fx, "signed");
    await sendLetter(fx, letter.id, ["BKPSDM", "DINKES", "INSPEKTORAT"]);
    const pending = await fx.rt.store.db
      .selectFrom("outbox")
      .select("status")
      .where("status", "=", "pending")
      .execute();
    expect(pending.length).toBeGreaterThanOrEqual(3);
    await fx.json("POST", `/api/letters/${letter.id}/transitions`, 200, {
      as: "penandatangan",
      body: { action: "withdraw", reason: "Diganti surat edaran yang baru" },
    });
    const rows = await fx.rt.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select("outbox.status")
      .where("recipients.letter_id", "=", letter.id)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });
});

describe("revoking a letter that went out", () => {
  it("emails-every-opd-head-it-reached-once-with-the-reason-and-no-one-it-never-reached", async () => {
    const letter = await letterAt(fx, "signed");
    await sendLetter(fx, letter.id, ["BKPSDM", "DINKES", "INSPEKTORAT"]);
    const clock = fx.rt.services.clock;
    const build = createMessageBuilder({
      store: fx.rt.store,
      blobs: fx.rt.services.blobs,
      clock,
      ackSecret: fx.rt.services.config.ackSecret,
      from: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
      ackUrl: (t) => `https://edaran.example/tanda-terima/${t}`,
      verifyUrl: (id) => `https://edaran.example/v/${id}`,
    });
    const sent: OutgoingEmail[] = [];
    const mailer: Mailer = {
      send: async (m) => {
        sent.push(m);
        return { ok: true, providerId: `re_${sent.length}` };
      },
    };
    const drain = () =>
      drainOutbox({ store: fx.rt.store, mailer, clock, build, batchSize: 20, concurrency: 1, lockMs: 60_000 });
    // Two of the three got the letter; INSPEKTORAT's message is still waiting when the letter is revoked.
    const inspektorat = await fx.rt.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select("outbox.id")
      .where("recipients.letter_id", "=", letter.id)
      .where("recipients.opd_id", "=", "INSPEKTORAT")
      .executeTakeFirstOrThrow();
    await fx.rt.store.db
      .updateTable("outbox")
      .set({ next_attempt_at: "2999-01-01T00:00:00.000Z" })
      .where("id", "=", inspektorat.id)
      .execute();
    const first = await drain();
    expect(first, JSON.stringify(first)).toMatchObject({ sent: 2 });
    sent.length = 0;

    await fx.json("POST", `/api/letters/${letter.id}/transitions`, 200, {
      as: "penandatangan",
      body: { action: "withdraw", reason: "Diganti surat edaran yang baru" },
    });
    expect(await drain()).toMatchObject({ sent: 2 });
    // Sent once: a later round finds nothing.
    expect(await drain()).toMatchObject({ claimed: 0 });
    expect(sent).toHaveLength(2);
    const nomor = (await fx.json<{ nomor: string }>("GET", `/api/letters/${letter.id}`, 200, { as: "sekretariat" }))
      .nomor;
    for (const m of sent) {
      expect(m.subject).toBe(`Dicabut: Surat Edaran Nomor ${nomor}`);
      expect(m.text).toContain("telah dicabut pada");
      expect(m.text).toContain("Alasan pencabutan: Diganti surat edaran yang baru");
    }
    expect(sent.map((m) => m.to).sort()).toEqual(
      (
        await fx.rt.store.db
          .selectFrom("recipients")
          .select("email")
          .where("letter_id", "=", letter.id)
          .where("opd_id", "in", ["BKPSDM", "DINKES"])
          .execute()
      )
        .map((r) => r.email)
        .sort(),
    );
    const rows = await fx.rt.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "outbox.kind", "outbox.status", "recipients.id as rid", "recipients.opd_id"])
      .where("recipients.letter_id", "=", letter.id)
      .orderBy("recipients.opd_id")
      .orderBy("outbox.kind")
      .execute();
    expect(rows.map((r) => [r.opd_id, r.kind, r.status])).toEqual([
      ["BKPSDM", "letter", "sent"],
      ["BKPSDM", "withdrawal", "sent"],
      ["DINKES", "letter", "sent"],
      ["DINKES", "withdrawal", "sent"],
      ["INSPEKTORAT", "letter", "cancelled"],
    ]);
    for (const r of rows.filter((x) => x.kind === "withdrawal")) expect(r.id).toBe(withdrawalOutboxIdFor(r.rid));
  });
});

describe("approving a letter whose deadline has passed or is too near", () => {
  it("refuses-it-with-a-message-naming-the-deadline-and-approves-once-it-is-changed", async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);
    for (const [deadline, refused] of [
      ["2024-10-09", true],
      // Today ends at the next midnight WIB: less than a day away.
      [new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), true],
      [at(3 * 86_400_000), false],
    ] as const) {
      const draft = await draftLetter(fx, { ...makeSampleBody(), ackDeadline: deadline });
      await fx.json("POST", `/api/letters/${draft.id}/transitions`, 200, {
        as: "sekretariat",
        body: { action: "submit", reviewers: [await fx.userId("kepala-bkpsdm")] },
      });
      await fx.json("POST", `/api/letters/${draft.id}/transitions`, 200, {
        as: "kepala_opd",
        body: { action: "paraf" },
      });
      const res = await fx.call("POST", `/api/letters/${draft.id}/transitions`, {
        as: "penandatangan",
        body: { action: "approve" },
      });
      const row = await fx.rt.store.db
        .selectFrom("letters")
        .select(["status", "nomor"])
        .where("id", "=", draft.id)
        .executeTakeFirstOrThrow();
      if (!refused) {
        expect(res.status, deadline).toBe(200);
        expect(row.status).toBe("approved");
        continue;
      }
      expect(res.status, deadline).toBe(409);
      const body = (await res.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
      expect(body.error.code).toBe("deadline_too_soon");
      expect(body.error.message).toMatch(
        /^Batas waktu tanda terima \(\d+ \w+ \d{4}\) sudah lewat atau kurang dari sehari lagi/,
      );
      expect(body.error.issues.map((i) => i.path)).toEqual(["ackDeadline"]);
      // Nothing moved: no nomor taken from the register, still in review.
      expect(row).toEqual({ status: "in_review", nomor: null });
    }
  });
});
