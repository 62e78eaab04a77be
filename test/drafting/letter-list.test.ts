// The letter list page's read model on the real Node app: a page of visible letters with the drafter's name,
// and the status tab counts of the letters the viewer may see, whatever tab is open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LetterViewer } from "../../src/drafting/letter-access.js";
import { letterList } from "../../src/drafting/letter-list.js";
import { getUserByUsername } from "../../src/store/users-repo.js";
import { type ApiFixture, draftLetter, letterAt, makeApiFixture } from "../support/api-fixture.js";

let fx: ApiFixture;
let reviewed: string;
beforeAll(async () => {
  fx = await makeApiFixture();
  await draftLetter(fx);
  await draftLetter(fx);
  reviewed = (await letterAt(fx, "in_review")).id;
});
afterAll(async () => {
  await fx.close();
});

async function viewer(username: string): Promise<LetterViewer> {
  const u = await getUserByUsername(fx.rt.store, username);
  if (!u) throw new Error(`no user ${username}`);
  return { id: u.id, role: u.role as LetterViewer["role"], opdId: u.opd_id };
}

describe("letterList", () => {
  it("counts every status and all for the secretariat, also on a filtered page", async () => {
    const list = await letterList(fx.rt.store, await viewer("sekretariat"), { status: "in_review", limit: 20 });
    expect(list.counts).toEqual({ all: 3, draft: 2, in_review: 1 });
    expect(list.total).toBe(1);
    expect(list.items.map((l) => [l.id, l.status, l.createdByName])).toEqual([
      [reviewed, "in_review", "Sekretariat Daerah"],
    ]);
  });

  it("counts for an OPD head only the letters they may see, and pages by limit and offset", async () => {
    const head = await letterList(fx.rt.store, await viewer("kepala-bkpsdm"));
    expect(head.counts).toEqual({ all: 1, in_review: 1 });
    expect(head.items.map((l) => l.id)).toEqual([reviewed]);
    expect((await letterList(fx.rt.store, await viewer("kepala-dinkes"))).counts).toEqual({ all: 0 });

    const second = await letterList(fx.rt.store, await viewer("sekretariat"), { limit: 2, offset: 2 });
    expect(second.items).toHaveLength(1);
    expect(second.total).toBe(3);
  });
});
