// POST /api/letters/:id/send-remaining: a sent letter to the OPDs it has not reached, happy, error and security.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, letterAt, makeApiFixture, sendLetter } from "../../support/api-fixture.js";

let fx: ApiFixture;
let sentId: string;
const db = () => fx.rt.store.db;

beforeAll(async () => {
  fx = await makeApiFixture();
  sentId = (await letterAt(fx, "signed")).id;
  // DISPORA has no email in the seed; DINKES is left out by choice.
  const withEmail = await db().selectFrom("opd").select("id").where("email", "is not", null).execute();
  await sendLetter(
    fx,
    sentId,
    withEmail.map((o) => o.id).filter((o) => o !== "DINKES"),
  );
});

afterAll(async () => {
  await fx.close();
});

const rowsOf = async (letterId: string, opdId: string) =>
  db()
    .selectFrom("recipients")
    .innerJoin("outbox", "outbox.recipient_id", "recipients.id")
    .select(["recipients.id", "outbox.id as outbox_id", "outbox.status"])
    .where("recipients.letter_id", "=", letterId)
    .where("recipients.opd_id", "=", opdId)
    .execute();

const notSentOf = async (letterId: string) =>
  (
    await fx.json<{ letter: { notSent: { opdId: string; reason: string }[] } }>(
      "GET",
      `/api/letters/${letterId}/recipients`,
      200,
      { as: "sekretariat" },
    )
  ).letter.notSent;

describe("POST /api/letters/:id/send-remaining", () => {
  it("sends-to-an-opd-left-out-under-its-own-key-once-and-names-who-is-still-left-out", async () => {
    expect(await notSentOf(sentId)).toEqual([
      expect.objectContaining({ opdId: "DINKES", reason: "not_selected" }),
      expect.objectContaining({ opdId: "DISPORA", reason: "no_email" }),
    ]);
    const r = await fx.json<{ recipients: number; sentTo: string[]; notSent: { opdId: string }[] }>(
      "POST",
      `/api/letters/${sentId}/send-remaining`,
      200,
      { as: "sekretariat", body: { opdIds: ["DINKES"] } },
    );
    expect(r.recipients).toBe(1);
    expect(r.sentTo).toEqual(["Dinas Kesehatan Kota Bengkulu"]);
    expect(r.notSent.map((o) => o.opdId)).toEqual(["DISPORA"]);
    const [row] = await rowsOf(sentId, "DINKES");
    expect(row).toMatchObject({ status: "pending", outbox_id: expect.stringMatching(/^obx_letter_/) });
    expect((await notSentOf(sentId)).map((o) => o.opdId)).toEqual(["DISPORA"]);

    // A double click: the same row, no new outbox row, no second audit line.
    const again = await fx.json<{ recipients: number }>("POST", `/api/letters/${sentId}/send-remaining`, 200, {
      as: "admin",
      body: { opdIds: ["DINKES"] },
    });
    expect(again.recipients).toBe(0);
    expect(await rowsOf(sentId, "DINKES")).toEqual([row]);
    const audit = await db()
      .selectFrom("audit_log")
      .select(["actor", "data_json"])
      .where("letter_id", "=", sentId)
      .where("action", "=", "letter.sent_to_remaining")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data_json)).toEqual({
      recipients: 1,
      opds: ["DINKES"],
      notSent: ["DISPORA: belum ada alamat email"],
    });
  });

  it("refuses-an-opd-without-email-until-it-is-filled-in-then-sends-it", async () => {
    const refused = await fx.json<{ error: { code: string; issues: { path: string }[] } }>(
      "POST",
      `/api/letters/${sentId}/send-remaining`,
      409,
      { as: "sekretariat", body: { opdIds: ["DISPORA"] } },
    );
    expect(refused.error.code).toBe("missing_email");
    expect(refused.error.issues.map((i) => i.path)).toEqual(["opd.DISPORA.email"]);
    expect(await rowsOf(sentId, "DISPORA")).toEqual([]);

    await db().updateTable("opd").set({ email: "dispora@bengkulukota.go.id" }).where("id", "=", "DISPORA").execute();
    const r = await fx.json<{ recipients: number; notSent: unknown[] }>(
      "POST",
      `/api/letters/${sentId}/send-remaining`,
      200,
      { as: "sekretariat", body: { opdIds: ["DISPORA"] } },
    );
    expect(r).toMatchObject({ recipients: 1, notSent: [] });
    expect(await notSentOf(sentId)).toEqual([]);
  });

  it("answers-a-clear-error-for-a-bad-body-an-unknown-opd-and-a-letter-not-sent", async () => {
    const empty = await fx.json<{ error: { code: string; issues: { path: string }[] } }>(
      "POST",
      `/api/letters/${sentId}/send-remaining`,
      400,
      { as: "sekretariat", body: { opdIds: [] } },
    );
    expect(empty.error.code).toBe("validation_failed");
    expect(empty.error.issues.map((i) => i.path)).toEqual(["opdIds"]);
    const unknown = await fx.json<{ error: { code: string } }>("POST", `/api/letters/${sentId}/send-remaining`, 400, {
      as: "sekretariat",
      body: { opdIds: ["TIDAK-ADA"] },
    });
    expect(unknown.error.code).toBe("unknown_opd");
    const signed = (await letterAt(fx, "signed")).id;
    const notSent = await fx.json<{ error: { code: string } }>("POST", `/api/letters/${signed}/send-remaining`, 409, {
      as: "sekretariat",
      body: { opdIds: ["DINKES"] },
    });
    expect(notSent.error.code).toBe("transition_not_allowed");
    expect(await rowsOf(signed, "DINKES")).toEqual([]);
  });

  it("is-the-secretariat-s-only", async () => {
    for (const as of ["kepala_opd", "inspektorat", "penandatangan"] as const) {
      const r = await fx.call("POST", `/api/letters/${sentId}/send-remaining`, { as, body: { opdIds: ["DINKES"] } });
      expect(r.status, as).toBe(403);
    }
    expect(
      (await fx.call("POST", `/api/letters/${sentId}/send-remaining`, { body: { opdIds: ["DINKES"] } })).status,
    ).toBe(401);
  });
});
