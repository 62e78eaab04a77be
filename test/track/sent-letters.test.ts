import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeCursor } from "../../src/domain/page-cursor.js";
import { sentLettersPage } from "../../src/track/sent-letters.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

describe("sentLettersPage", () => {
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

  it("lists-only-sent-letters-newest-sent-first-a-page-at-a-time", async () => {
    const all = await sentLettersPage(fx.store, { limit: 10 });
    expect(all.items.map((l) => l.id)).toEqual(["NEW", "OLD"]);
    expect(all.nextCursor).toBeNull();
    const first = await sentLettersPage(fx.store, { limit: 1 });
    expect(first.items.map((l) => l.id)).toEqual(["NEW"]);
    const second = await sentLettersPage(fx.store, { limit: 1, after: decodeCursor(first.nextCursor!, "text") });
    expect(second.items.map((l) => l.id)).toEqual(["OLD"]);
    expect(second.nextCursor).toBeNull();
  });
});
