// POST /api/letters/:id/remind ("Kirim pengingat sekarang"): happy, error and security.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, ackToken, letterAt, makeApiFixture, sendLetter } from "../../support/api-fixture.js";

let fx: ApiFixture;
let sentId: string;
const db = () => fx.rt.store.db;

beforeAll(async () => {
  fx = await makeApiFixture();
  sentId = (await letterAt(fx, "signed")).id;
  await sendLetter(fx, sentId, ["BKPSDM", "DINKES", "INSPEKTORAT", "DIKBUD"]);
  // Three reached the provider; DIKBUD's letter is still waiting, so it is not reminded of it.
  await db()
    .updateTable("recipients")
    .set({ sent_at: new Date().toISOString(), status: "sent" })
    .where("letter_id", "=", sentId)
    .where("opd_id", "in", ["BKPSDM", "DINKES", "INSPEKTORAT"])
    .execute();
  const { token } = await ackToken(fx, sentId, "BKPSDM");
  await fx.json("POST", `/api/ack/${token}`, 201, { body: { name: "Kepala BKPSDM", position: "Kepala Badan" } });
});

afterAll(async () => {
  await fx.close();
});

const reminders = () =>
  db()
    .selectFrom("outbox")
    .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
    .select(["recipients.opd_id", "outbox.id", "recipients.reminder_count"])
    .where("recipients.letter_id", "=", sentId)
    .where("outbox.kind", "=", "reminder")
    .orderBy("recipients.opd_id")
    .execute();

describe("POST /api/letters/:id/remind", () => {
  it("reminds-every-head-reached-who-has-not-acknowledged-once-and-skips-them-within-the-hour", async () => {
    const r = await fx.json<{ reminded: number; skippedRecent: number }>("POST", `/api/letters/${sentId}/remind`, 200, {
      as: "sekretariat",
    });
    expect(r).toEqual({ reminded: 2, skippedRecent: 0 });
    expect((await reminders()).map((x) => [x.opd_id, x.reminder_count])).toEqual([
      ["DINKES", 1],
      ["INSPEKTORAT", 1],
    ]);
    const audit = await db()
      .selectFrom("audit_log")
      .select(["actor", "data_json"])
      .where("letter_id", "=", sentId)
      .where("action", "=", "recipient.reminded")
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actor === audit[0]!.actor && a.actor !== "system")).toBe(true);
    expect(JSON.parse(audit[0]!.data_json)).toEqual({ reminder: 1, manual: true });

    const again = await fx.json("POST", `/api/letters/${sentId}/remind`, 200, { as: "admin" });
    expect(again).toEqual({ reminded: 0, skippedRecent: 2 });
    expect(await reminders()).toHaveLength(2);
  });

  it("refuses-a-letter-not-sent-and-an-unknown-one", async () => {
    const signed = (await letterAt(fx, "signed")).id;
    const r = await fx.json<{ error: { code: string } }>("POST", `/api/letters/${signed}/remind`, 409, {
      as: "sekretariat",
    });
    expect(r.error.code).toBe("transition_not_allowed");
    expect((await fx.call("POST", "/api/letters/tidak-ada/remind", { as: "sekretariat" })).status).toBe(404);
  });

  it("is-the-secretariat-s-only", async () => {
    for (const as of ["kepala_opd", "inspektorat", "penandatangan"] as const) {
      expect((await fx.call("POST", `/api/letters/${sentId}/remind`, { as })).status, as).toBe(403);
    }
    expect((await fx.call("POST", `/api/letters/${sentId}/remind`)).status).toBe(401);
  });
});
