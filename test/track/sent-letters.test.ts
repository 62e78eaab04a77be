import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listSentLetters } from "../../src/track/sent-letters.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

describe("listSentLetters", () => {
  let fx: TrackFixture;
  beforeEach(async () => {
    fx = await makeTrackFixture();
    await seedLetter(fx.store, { letterId: "OLD", opdIds: ["A"], sentAt: "2024-10-01T02:00:00.000Z" });
    await seedLetter(fx.store, { letterId: "NEW", opdIds: ["A"], sentAt: "2024-11-01T02:00:00.000Z" });
    await seedLetter(fx.store, { letterId: "DRAFT", opdIds: ["A"], status: "draft" });
    await fx.store.db.updateTable("letters").set({ sent_at: null }).where("id", "=", "DRAFT").execute();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("lists-only-sent-letters-newest-sent-first-up-to-the-limit", async () => {
    expect((await listSentLetters(fx.store, 10)).map((l) => l.id)).toEqual(["NEW", "OLD"]);
    expect((await listSentLetters(fx.store, 1)).map((l) => l.id)).toEqual(["NEW"]);
  });
});
