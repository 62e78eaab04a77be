// /api/legal-bases on the real Node app and SQLite file (the contract also runs on D1 inside workerd).
import { afterAll, beforeAll } from "vitest";
import { legalBasesApiContract } from "../../contract/legal-bases-api.case.js";
import { type ApiFixture, makeApiFixture, makeNodeTarget } from "../../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

legalBasesApiContract("node", async () => makeNodeTarget(fx));
