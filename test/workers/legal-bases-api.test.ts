// /api/legal-bases inside workerd on D1: the catalogue seeded by the Worker's start-up, extended, deactivated and
// snapshotted into letters as on Node (test/contract/legal-bases-api.case.ts).
import { legalBasesApiContract } from "../contract/legal-bases-api.case.js";
import { makeWorkerdTarget } from "../support/workerd-target-fixture.js";

legalBasesApiContract("workerd", async () => makeWorkerdTarget());
