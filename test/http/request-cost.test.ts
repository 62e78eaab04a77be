// What a request costs before its own work: statements run (counted where every query of the store passes, its
// statement cache) and hashes computed (crypto.subtle spied on), for the routes that should cost nothing or little.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiFixture, makeApiFixture } from "../support/api-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";

/** An authenticated GET /api/letters runs at most this many statements: the session row, the page, its total. */
const LETTER_LIST_STATEMENTS = 3;

let fx: ApiFixture;
let cookie: string;

beforeAll(async () => {
  fx = await makeApiFixture();
  cookie = await fx.cookieFor("sekretariat");
  for (let i = 0; i < 3; i++) await fx.json("POST", "/api/letters", 201, { as: "sekretariat", body: makeSampleBody() });
});
afterAll(() => fx.close());

const statementsRun = () => fx.rt.store.statements.stats.prepared + fx.rt.store.statements.stats.reused;

async function cost(path: string, headers: Record<string, string>): Promise<{ status: number; statements: number }> {
  const before = statementsRun();
  const res = await fx.rt.app.request(path, { headers });
  await res.arrayBuffer();
  return { status: res.status, statements: statementsRun() - before };
}

describe("per-request cost", () => {
  it("answers /health with no database statement, even to a signed-in browser", async () => {
    expect(await cost("/health", { cookie })).toEqual({ status: 200, statements: 0 });
    expect(await cost("/health", { authorization: "Bearer edr_not-a-real-token" })).toEqual({
      status: 200,
      statements: 0,
    });
  });

  it("answers /health/ready by asking the database", async () => {
    const r = await cost("/health/ready", {});
    expect(r.status).toBe(200);
    expect(r.statements).toBe(1);
  });

  it("serves the stylesheet, favicon and API description to a signed-in browser without reading the session", async () => {
    for (const path of ["/assets/app.css", "/favicon.ico", "/openapi.json"]) {
      expect({ path, ...(await cost(path, { cookie, accept: "text/html" })) }).toEqual({
        path,
        status: 200,
        statements: 0,
      });
    }
  });

  it(`lists letters for a signed-in user in at most ${LETTER_LIST_STATEMENTS} statements`, async () => {
    const r = await cost("/api/letters?limit=20", { cookie });
    expect(r.status).toBe(200);
    expect(r.statements).toBeGreaterThan(0);
    expect(r.statements).toBeLessThanOrEqual(LETTER_LIST_STATEMENTS);
  });

  it("hashes nothing on a repeated read with the same session cookie", async () => {
    await cost("/api/letters?limit=20", { cookie });
    const digest = vi.spyOn(crypto.subtle, "digest");
    const verify = vi.spyOn(crypto.subtle, "verify");
    const sign = vi.spyOn(crypto.subtle, "sign");
    try {
      expect((await cost("/api/letters?limit=20", { cookie })).status).toBe(200);
      expect(digest).not.toHaveBeenCalled();
      expect(verify).not.toHaveBeenCalled();
      expect(sign).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("still refuses a remembered cookie once its session is signed out, and never remembers a forged one", async () => {
    const fresh = await fx.login("sekretariat", true);
    expect((await fx.call("GET", "/api/letters", { as: { cookie: fresh } })).status).toBe(200);
    expect((await fx.call("POST", "/api/auth/logout", { as: { cookie: fresh } })).status).toBeLessThan(300);
    expect((await fx.call("GET", "/api/letters", { as: { cookie: fresh } })).status).toBe(401);

    const forged = `${cookie.slice(0, -2)}${cookie.endsWith("AA") ? "BB" : "AA"}`;
    for (let i = 0; i < 2; i++)
      expect((await fx.call("GET", "/api/letters", { as: { cookie: forged } })).status).toBe(401);
  });
});
