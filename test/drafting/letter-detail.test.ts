// The letter page's read model on the real Node app (real SQLite file): the paraf round and whose turn it is,
// the people's names, what a draft or a signed letter offers next, and once sent who sees which delivery rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../src/domain/ack-token.js";
import type { LetterViewer } from "../../src/drafting/letter-access.js";
import { letterDetail } from "../../src/drafting/letter-detail.js";
import { getUserByUsername } from "../../src/store/users-repo.js";
import { type ApiFixture, draftLetter, letterAt, makeApiFixture, sendLetter } from "../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

async function viewer(username: string): Promise<LetterViewer> {
  const u = await getUserByUsername(fx.rt.store, username);
  if (!u) throw new Error(`no user ${username}`);
  return { id: u.id, role: u.role as LetterViewer["role"], opdId: u.opd_id };
}

const detail = async (username: string, id: string) => letterDetail(fx.rt.services, await viewer(username), id);
const transition = (id: string, as: "sekretariat" | "kepala_opd" | "penandatangan", body: Record<string, unknown>) =>
  fx.json("POST", `/api/letters/${id}/transitions`, 200, { as, body });

describe("a letter in review", () => {
  it("knows whose paraf is due, names the people, and shows only this round's paraf after a return", async () => {
    const letter = await letterAt(fx, "in_review");
    const head = await viewer("kepala-bkpsdm");
    let d = await detail("kepala-bkpsdm", letter.id);
    expect(d.isCurrentReviewer).toBe(true);
    expect(d.reviewComplete).toBe(false);
    expect(d.createdByName).toBe("Sekretariat Daerah");
    expect(d.reviewers).toEqual([expect.objectContaining({ id: head.id, parafAt: null })]);
    expect(d.reviewers[0]?.name).not.toBe(head.id);
    expect((await detail("penandatangan", letter.id)).isCurrentReviewer).toBe(false);

    await transition(letter.id, "kepala_opd", { action: "paraf" });
    d = await detail("penandatangan", letter.id);
    expect(d.reviewComplete).toBe(true);
    expect(d.reviewers[0]?.parafAt).toEqual(expect.any(String));
    expect(d.events.map((e) => [e.action, e.actorName])).toEqual([
      ["submit", "Sekretariat Daerah"],
      ["paraf", d.reviewers[0]?.name],
    ]);

    await transition(letter.id, "penandatangan", { action: "return", comment: "Perbaiki dasar hukum" });
    await transition(letter.id, "sekretariat", { action: "submit", reviewers: [head.id] });
    d = await detail("kepala-bkpsdm", letter.id);
    expect(d.reviewers[0]?.parafAt).toBeNull();
    expect(d.isCurrentReviewer).toBe(true);
  });
});

describe("what a letter offers next", () => {
  it("offers a draft's possible pemaraf, and a signed letter's OPDs ticked only where an email exists", async () => {
    const draft = await draftLetter(fx);
    const d = await detail("sekretariat", draft.id);
    const offered = d.reviewerOptions.map((o) => o.username);
    expect(offered).toEqual(expect.arrayContaining(["penandatangan", "kepala-bkpsdm"]));
    expect(offered).not.toContain("sekretariat");
    expect(d.sendOpds).toEqual([]);
    expect(d.signedDocument).toBeNull();

    const signed = await letterAt(fx, "signed");
    const s = await detail("sekretariat", signed.id);
    expect(s.reviewerOptions).toEqual([]);
    expect(s.signedDocument?.kind).toBe("signed");
    expect(s.sendOpds.find((o) => o.id === "DISPORA")).toMatchObject({ email: null, selected: false });
    expect(s.sendOpds.find((o) => o.id === "DINKES")).toMatchObject({ selected: true });
  });
});

describe("a sent letter's delivery", () => {
  it("gives the trackers every OPD's row with the failed message to re-send, and an OPD head only their own", async () => {
    const letter = await letterAt(fx, "signed");
    await sendLetter(fx, letter.id, ["BKPSDM", "DINKES"]);
    const dinkes = await fx.rt.store.db
      .selectFrom("recipients")
      .select("id")
      .where("letter_id", "=", letter.id)
      .where("opd_id", "=", "DINKES")
      .executeTakeFirstOrThrow();
    await fx.rt.store.db
      .updateTable("outbox")
      .set({ status: "failed", last_error: "422 invalid_to" })
      .where("recipient_id", "=", dinkes.id)
      .execute();

    const forSecretariat = await detail("sekretariat", letter.id);
    const rows = forSecretariat.delivery?.rows ?? [];
    expect(rows.map((r) => r.recipient.opdId).sort()).toEqual(["BKPSDM", "DINKES"]);
    const failed = rows.find((r) => r.recipient.opdId === "DINKES");
    expect(failed?.retryMessageId).toEqual(expect.any(String));
    expect(failed?.lastError).toBe("422 invalid_to");
    expect(rows.find((r) => r.recipient.opdId === "BKPSDM")?.retryMessageId).toBeNull();
    expect(forSecretariat.ownReceipt).toBeNull();
    expect((await detail("inspektorat", letter.id)).delivery?.rows).toHaveLength(2);

    const forHead = await detail("kepala-bkpsdm", letter.id);
    expect(forHead.delivery).toBeNull();
    expect(forHead.ownReceipt?.recipient.opdId).toBe("BKPSDM");
    expect(forHead.ownReceipt?.ackToken).toBe(
      await ackTokenFor(fx.rt.services.config.ackSecret, forHead.ownReceipt?.recipient.recipientId ?? ""),
    );
    await expect(detail("kepala-dispora", letter.id)).rejects.toMatchObject({ code: "not_found" });

    await transition(letter.id, "penandatangan", { action: "withdraw", reason: "Diganti surat baru" });
    const withdrawn = await detail("sekretariat", letter.id);
    expect(withdrawn.delivery?.rows.map((r) => r.retryMessageId)).toEqual([null, null]);
  });
});
