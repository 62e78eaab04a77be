// The submit form's pemaraf choices and the workflow's check on submit follow one rule: everyone offered is
// accepted, and someone refused is not offered. The real Node app on a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewerOptions } from "../../src/drafting/reviewer-options.js";
import { type ApiFixture, draftLetter, issuePaths, makeApiFixture } from "../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

const submit = (id: string, reviewers: string[]) =>
  fx.call("POST", `/api/letters/${id}/transitions`, { as: "sekretariat", body: { action: "submit", reviewers } });

describe("reviewerOptions", () => {
  it("offers active officials by name, never the submitter, a read-only role or a disabled account", async () => {
    const sekretariat = await fx.userId("sekretariat");
    const disabled = await fx.userId("kepala-dinkes");
    await fx.rt.store.db
      .updateTable("users")
      .set({ disabled_at: "2024-10-01T00:00:00.000Z" })
      .where("id", "=", disabled)
      .execute();
    const options = await reviewerOptions(fx.rt.store, sekretariat);
    const ids = options.map((o) => o.id);
    expect(ids).toContain(await fx.userId("penandatangan"));
    expect(ids).toContain(await fx.userId("kepala-bkpsdm"));
    for (const refused of [sekretariat, disabled, await fx.userId("inspektorat"), await fx.userId("admin")])
      expect(ids).not.toContain(refused);
    const names = options.map((o) => o.display_name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const refusedOnSubmit = await submit((await draftLetter(fx)).id, [ids[0]!, disabled]);
    expect(refusedOnSubmit.status).toBe(400);
    expect(await issuePaths(refusedOnSubmit)).toEqual(["reviewers.1"]);
  });

  it("offers only users the submit accepts: every one of them in a single submit", async () => {
    const options = await reviewerOptions(fx.rt.store, await fx.userId("sekretariat"));
    const res = await submit(
      (await draftLetter(fx)).id,
      options.slice(0, 20).map((o) => o.id),
    );
    expect(res.status).toBe(200);
  });
});
