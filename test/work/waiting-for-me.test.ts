// "Perlu tindakan saya" on the real Node app: each role sees what waits for it, in order, and nothing else; the
// page lists it and the menu counts it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/roles.js";
import { type WaitingKind, waitingForMe } from "../../src/work/waiting-for-me.js";
import {
  type ApiFixture,
  ackToken,
  draftLetter,
  letterAt,
  makeApiFixture,
  sendLetter,
} from "../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

async function who(username: string, role: Role) {
  const u = await fx.rt.store.db
    .selectFrom("users")
    .select(["id", "opd_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  return { id: u.id, role, opdId: u.opd_id };
}
const kindsFor = async (username: string, role: Role, letterId: string): Promise<WaitingKind[]> =>
  (await waitingForMe(fx.rt.store, await who(username, role), new Date()))
    .filter((i) => i.letterId === letterId)
    .map((i) => i.kind);
const transition = (id: string, as: "sekretariat" | "kepala_opd" | "penandatangan", body: Record<string, unknown>) =>
  fx.json("POST", `/api/letters/${id}/transitions`, 200, { as, body });

describe("what waits for me", () => {
  it("follows-one-letter-from-paraf-to-approval-signature-sending-acknowledgement-and-report", async () => {
    const draft = await draftLetter(fx);
    await transition(draft.id, "sekretariat", { action: "submit", reviewers: [await fx.userId("kepala-bkpsdm")] });
    expect(await kindsFor("kepala-bkpsdm", "kepala_opd", draft.id)).toEqual(["paraf"]);
    expect(await kindsFor("penandatangan", "penandatangan", draft.id)).toEqual([]);
    await transition(draft.id, "kepala_opd", { action: "paraf" });
    expect(await kindsFor("kepala-bkpsdm", "kepala_opd", draft.id)).toEqual([]);
    expect(await kindsFor("penandatangan", "penandatangan", draft.id)).toEqual(["approve"]);
    await transition(draft.id, "penandatangan", { action: "approve" });
    expect(await kindsFor("penandatangan", "penandatangan", draft.id)).toEqual(["sign"]);

    const signed = await letterAt(fx, "signed");
    expect(await kindsFor("sekretariat", "sekretariat", signed.id)).toEqual(["send"]);
    await sendLetter(fx, signed.id, ["BKPSDM", "DINKES"]);
    expect(await kindsFor("sekretariat", "sekretariat", signed.id)).toEqual([]);
    // Not yet handed to the provider: nothing to acknowledge yet.
    expect(await kindsFor("kepala-bkpsdm", "kepala_opd", signed.id)).toEqual([]);
    await fx.rt.store.db
      .updateTable("recipients")
      .set({ sent_at: new Date().toISOString(), status: "sent" })
      .where("letter_id", "=", signed.id)
      .execute();
    expect(await kindsFor("kepala-bkpsdm", "kepala_opd", signed.id)).toEqual(["acknowledge"]);
    const { token } = await ackToken(fx, signed.id, "BKPSDM");
    await fx.json("POST", `/api/ack/${token}`, 201, { body: { name: "Kepala BKPSDM", position: "Kepala Badan" } });
    expect(await kindsFor("kepala-bkpsdm", "kepala_opd", signed.id)).toEqual(["report"]);

    // A failed email waits for the secretariat; an escalated OPD for the Inspektorat.
    await fx.rt.store.db
      .updateTable("recipients")
      .set({ status: "failed", escalated_at: new Date().toISOString(), escalation_reason: "cap_reached" })
      .where("letter_id", "=", signed.id)
      .where("opd_id", "=", "DINKES")
      .execute();
    const sek = await waitingForMe(fx.rt.store, await who("sekretariat", "sekretariat"), new Date());
    expect(sek.find((i) => i.letterId === signed.id)).toMatchObject({ kind: "delivery_problem", count: 1 });
    expect(await kindsFor("inspektorat", "inspektorat", signed.id)).toEqual(["follow_up"]);
    // Failed emails and escalations of long ago are the matrix's to show, not a daily list's.
    const later = new Date(Date.now() + 100 * 86_400_000);
    const old = await waitingForMe(fx.rt.store, await who("sekretariat", "sekretariat"), later);
    expect(old.find((i) => i.letterId === signed.id)).toBeUndefined();
    const oldInsp = await waitingForMe(fx.rt.store, await who("inspektorat", "inspektorat"), later);
    expect(oldInsp.find((i) => i.letterId === signed.id)).toBeUndefined();
  });

  it("shows-a-returned-draft-with-its-reason-to-the-secretariat", async () => {
    const draft = await draftLetter(fx);
    await transition(draft.id, "sekretariat", { action: "submit", reviewers: [await fx.userId("kepala-bkpsdm")] });
    await transition(draft.id, "kepala_opd", { action: "return", comment: "Dasar hukum kurang lengkap" });
    const items = await waitingForMe(fx.rt.store, await who("sekretariat", "sekretariat"), new Date());
    expect(items.find((i) => i.letterId === draft.id)).toMatchObject({
      kind: "returned",
      note: "Dasar hukum kurang lengkap",
    });
  });

  it("lists-it-on-the-page-and-counts-it-in-the-menu", async () => {
    const draft = await draftLetter(fx);
    await transition(draft.id, "sekretariat", { action: "submit", reviewers: [await fx.userId("kepala-bkpsdm")] });
    const res = await fx.call("GET", "/tindakan", { as: "kepala_opd" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Perlu tindakan saya");
    expect(html).toContain('data-kind="paraf"');
    expect(html).toContain(`href="/surat/${draft.id}"`);
    const n = (await waitingForMe(fx.rt.store, await who("kepala-bkpsdm", "kepala_opd"), new Date())).length;
    expect(html).toContain(`data-waiting="${n}"`);
    expect((await fx.call("GET", "/tindakan")).status).not.toBe(200);
  });
});
