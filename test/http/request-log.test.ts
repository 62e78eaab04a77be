// The request and job records on Node: the shared suite, the store calls checked against the statements
// SQLite ran, and the background jobs' records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JobRecord, jsonLineLogger, type RequestRecord } from "../../src/domain/log-record.js";
import { makeApiClient } from "../support/api-client-fixture.js";
import { type ApiFixture, makeApiFixture, makeNodeTarget } from "../support/api-fixture.js";
import { requestLogSuite } from "./request-log.case.js";

const lines: string[] = [];
let fx: ApiFixture;

beforeAll(async () => {
  fx = await makeApiFixture({ logger: jsonLineLogger((l) => lines.push(l)) });
});
afterAll(() => fx.close());

requestLogSuite(() => ({ api: makeApiClient(makeNodeTarget(fx)), lines: () => lines }));

const last = <T>(): T => JSON.parse(lines.at(-1)!) as T;

/** The statements the SQLite store ran (every one goes through the statement cache). */
const statementsRun = () => fx.rt.store.statements.stats.prepared + fx.rt.store.statements.stats.reused;

describe("store calls on Node", () => {
  it("counts exactly the statements a request ran", async () => {
    const cookie = await fx.cookieFor("sekretariat");
    for (const path of ["/api/letters", "/api/opd", "/api/auth/me"]) {
      const before = statementsRun();
      const res = await fx.call("GET", path, { as: { cookie } });
      expect(res.status).toBe(200);
      const ran = statementsRun() - before;
      expect(ran).toBeGreaterThan(0);
      expect(last<RequestRecord>()).toMatchObject({ route: path, dbCalls: ran });
    }
  });

  it("logs one reminders job and one audit-check job with their store calls", async () => {
    const n = lines.length;
    await fx.rt.remind();
    expect(lines).toHaveLength(n + 1);
    const job = last<JobRecord>();
    expect(job).toMatchObject({ kind: "job", job: "reminders", outcome: "ok", counts: { reminded: 0 } });
    expect(job.dbCalls).toBeGreaterThan(0);
    expect(job.summary).toContain("reminders queued");

    // The flow above wrote audit rows: the first checkpoint is written and logged once.
    await fx.rt.checkpointAudit();
    expect(lines).toHaveLength(n + 2);
    expect(last<JobRecord>()).toMatchObject({ kind: "job", job: "audit-check", outcome: "ok" });
    expect(last<JobRecord>().dbCalls).toBeGreaterThan(0);
    // Nothing new since: the round is idle and logs nothing.
    await fx.rt.checkpointAudit();
    expect(lines).toHaveLength(n + 2);
  });
});
