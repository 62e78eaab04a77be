// The workflow service on the real Node app: what the pure machine cannot know (users, registers, outbox).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
