// The letter page's view of a letter's outbox: the latest letter message per recipient (a re-send writes a newer
// row), and one message looked up only within its own letter. A real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLetterMessage, latestLetterMessages } from "../../src/track/letter-messages.js";
import { makeTrackFixture, type SeededRecipient, seedLetter, type TrackFixture } from "../support/track-fixture.js";

let fx: TrackFixture;
let a: SeededRecipient[];
let b: SeededRecipient[];

async function message(id: string, recipientId: string, kind: string, status: string, createdAt: string) {
  await fx.store.db
    .insertInto("outbox")
    .values({
      id,
      recipient_id: recipientId,
      kind,
      status,
      next_attempt_at: createdAt,
      created_at: createdAt,
      last_error: status === "failed" ? "422 invalid_to" : null,
    })
    .execute();
}

beforeAll(async () => {
  fx = await makeTrackFixture();
  a = await seedLetter(fx.store, { letterId: "L-A", opdIds: ["BKPSDM", "DINKES", "DISPORA"] });
  b = await seedLetter(fx.store, { letterId: "L-B", opdIds: ["BKPSDM"] });
  await message("obx-a1", a[0]!.id, "letter", "cancelled", "2024-11-01T02:00:00.000Z");
  await message("obx-a1_r1", a[0]!.id, "letter", "sent", "2024-11-02T02:00:00.000Z");
  await message("obx-a1-rem", a[0]!.id, "reminder", "failed", "2024-11-03T02:00:00.000Z");
  await message("obx-a2", a[1]!.id, "letter", "failed", "2024-11-01T02:00:00.000Z");
  await message("obx-b1", b[0]!.id, "letter", "sent", "2024-11-01T02:00:00.000Z");
});
afterAll(async () => fx.close());

describe("latestLetterMessages", () => {
  it("gives each recipient of the letter its newest letter message, reminders aside, and none to one without", async () => {
    const latest = await latestLetterMessages(fx.store, "L-A");
    expect([...latest.keys()].sort()).toEqual([a[0]!.id, a[1]!.id].sort());
    expect(latest.get(a[0]!.id)).toEqual({ id: "obx-a1_r1", recipientId: a[0]!.id, status: "sent", lastError: null });
    expect(latest.get(a[1]!.id)).toMatchObject({ id: "obx-a2", status: "failed", lastError: "422 invalid_to" });
  });
});

describe("findLetterMessage", () => {
  it("finds a message of the letter with its OPD's name, and not a message of another letter", async () => {
    expect(await findLetterMessage(fx.store, "L-A", "obx-a2")).toEqual({ id: "obx-a2", opdName: "Dinas DINKES" });
    expect(await findLetterMessage(fx.store, "L-A", "obx-b1")).toBeNull();
    expect(await findLetterMessage(fx.store, "L-A", "no-such-message")).toBeNull();
  });
});
