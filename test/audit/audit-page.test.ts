import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAudit } from "../../src/audit/audit-log.js";
import { AUDIT_PAGE_SIZE, auditPage } from "../../src/audit/audit-page.js";
import { fixedClock } from "../../src/domain/clock.js";
import { bytesToBase64Url } from "../../src/domain/encoding.js";
import { decodeCursor } from "../../src/domain/page-cursor.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

describe("a page of the audit log", () => {
  let fx: TrackFixture;
  const clock = fixedClock("2024-11-05T01:00:00.000Z");
  const append = (actor: string, action: string, more: { letterId?: string; subject?: string; data?: object } = {}) =>
    appendAudit(fx.store, clock, { actor, action, ...more, data: { ...more.data } });
  beforeEach(async () => {
    fx = await makeTrackFixture();
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DINKES"] });
  });
  afterEach(async () => {
    await fx.close();
  });

  it("names-users-the-system-anonymous-callers-and-recipients-and-keeps-what-it-cannot-name", async () => {
    await append("u-sekretariat", "letter.created", { letterId: "L1", subject: "DINKES" });
    await append("system", "email.sent", { letterId: "L1", subject: "rcp-L1-DINKES" });
    await append("recipient:rcp-L1-DINKES", "recipient.acknowledged", { letterId: "L1", subject: "rcp-L1-DINKES" });
    await append("anonymous", "auth.login_failed", { subject: "tamu", data: { username: "tamu" } });
    await append("u-gone", "letter.updated", { letterId: "L1" });

    const page = await auditPage(fx.store);
    expect(page.rows.map((r) => [r.seq, r.actor, r.action, r.subject])).toEqual([
      [5, "u-gone", "letter.updated", null],
      [4, "tanpa akun", "auth.login_failed", "tamu"],
      [3, "penerima DINKES", "recipient.acknowledged", "penerima DINKES"],
      [2, "sistem", "email.sent", "penerima DINKES"],
      // An OPD id as the subject of a letter row is not a recipient: it stays as it is.
      [1, "Sekretariat Daerah", "letter.created", "DINKES"],
    ]);
    expect(page.rows[1]?.details.length).toBeGreaterThan(0);
    expect(page.rows[0]).toMatchObject({ letterId: "L1", at: "2024-11-05T01:00:00.000Z" });
    expect(page.rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(page).toMatchObject({ nextCursor: null, letter: null });
  });

  it("pages-newest-first-and-filters-by-letter", async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE; i++) await append("system", "reminder.sent", { letterId: "L1" });
    await append("system", "auth.login_failed");

    const first = await auditPage(fx.store);
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]?.seq).toBe(AUDIT_PAGE_SIZE + 1);
    expect(first.nextCursor).not.toBeNull();
    // A row appended between the two requests shows on the first page, not on the second.
    await append("system", "auth.login_failed");
    const second = await auditPage(fx.store, { after: decodeCursor(first.nextCursor!, "number") });
    expect(second.rows.map((r) => r.seq)).toEqual([1]);
    expect(second.nextCursor).toBeNull();

    const letter = await auditPage(fx.store, { letterId: "L1" });
    expect(letter.nextCursor).toBeNull();
    expect(letter.rows.every((r) => r.letterId === "L1")).toBe(true);
    expect(letter.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(letter.letter).toEqual({ id: "L1", tentang: "Netralitas ASN (L1)" });
    expect((await auditPage(fx.store, { letterId: "NOPE" })).letter).toBeNull();
  });

  it("filters-by-action-actor-opd-and-wib-days-together", async () => {
    await seedLetter(fx.store, { letterId: "L2", opdIds: ["BKPSDM"] });
    clock.set("2024-11-04T16:59:00.000Z"); // 23.59 WIB on 4 November
    await append("u-sekretariat", "letter.send", { letterId: "L1" });
    await append("system", "email.sent", { letterId: "L1", subject: "rcp-L1-DINKES" });
    clock.set("2024-11-04T17:01:00.000Z"); // 00.01 WIB on 5 November
    await append("recipient:rcp-L1-DINKES", "recipient.acknowledged", { letterId: "L1", subject: "DINKES" });
    await append("system", "email.sent", { letterId: "L2", subject: "rcp-L2-BKPSDM" });
    await append("u-sekretariat", "opd.updated", { subject: "BKPSDM" });
    const seqs = async (f: Parameters<typeof auditPage>[1]) => (await auditPage(fx.store, f)).rows.map((r) => r.seq);

    expect(await seqs({ action: "email.sent" })).toEqual([4, 2]);
    expect(await seqs({ actor: "u-sekretariat" })).toEqual([5, 1]);
    // An OPD's rows: its own id as subject, its recipient rows as subject or as actor.
    expect(await seqs({ opdId: "DINKES" })).toEqual([3, 2]);
    expect(await seqs({ opdId: "BKPSDM" })).toEqual([5, 4]);
    expect(await seqs({ from: "2024-11-05" })).toEqual([5, 4, 3]);
    expect(await seqs({ to: "2024-11-04" })).toEqual([2, 1]);
    expect(await seqs({ action: "email.sent", opdId: "BKPSDM", from: "2024-11-05", to: "2024-11-05" })).toEqual([4]);
    expect(await seqs({ action: "email.sent", letterId: "L1" })).toEqual([2]);
    expect(await seqs({ action: "tidak.ada" })).toEqual([]);
  });

  it("refuses-a-cursor-that-is-not-one-of-ours-naming-after", () => {
    for (const bad of ["nope!", "WyJ4Il0", bytesToBase64Url(new TextEncoder().encode('["1",""]'))]) {
      expect(() => decodeCursor(bad, "number")).toThrow(
        expect.objectContaining({ code: "validation_failed", issues: [expect.objectContaining({ path: "after" })] }),
      );
    }
  });
});
