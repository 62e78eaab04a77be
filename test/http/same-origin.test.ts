// Cookie-authenticated writes from another origin (a sibling *.go.id site) are refused, even without a body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, makeApiFixture, PUBLIC_URL } from "../support/api-fixture.js";

let fx: ApiFixture;
let target: string;
beforeAll(async () => {
  fx = await makeApiFixture();
  target = await fx.userId("inspektorat");
});
afterAll(async () => {
  await fx.close();
});

const sibling = "https://sibling.bengkulukota.go.id";

describe("writes to the API with the session cookie", () => {
  it("are refused with 403 cross_origin from another origin, even a bodyless text/plain POST, and change nothing", async () => {
    const res = await fx.call("POST", `/api/users/${target}/reset-password`, {
      as: "admin",
      headers: { Origin: sibling, "content-type": "text/plain" },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "cross_origin" } });
    const row = await fx.rt.store.db
      .selectFrom("users")
      .select("must_change_password")
      .where("id", "=", target)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
  });

  it("pass from this service's own origin and from clients that send no Origin", async () => {
    const own = await fx.call("POST", `/api/users/${target}/reset-password`, {
      as: "admin",
      headers: { Origin: new URL(PUBLIC_URL).origin },
    });
    expect(own.status).toBe(200);
    const tool = await fx.call("POST", `/api/users/${target}/reset-password`, { as: "admin" });
    expect(tool.status).toBe(200);
  });

  it("do not apply to reads, nor to Bearer-token clients", async () => {
    expect((await fx.call("GET", "/api/opd", { as: "sekretariat", headers: { Origin: sibling } })).status).toBe(200);
    const token = await fx.json<{ token: string }>("POST", "/api/auth/tokens", 201, {
      as: "sekretariat",
      body: { name: "integrasi" },
    });
    const res = await fx.call("PATCH", "/api/opd/BKPSDM", {
      headers: { Origin: sibling, Authorization: `Bearer ${token.token}` },
      body: { head_name: "Dra. Uji Coba" },
    });
    expect(res.status).toBe(200);
  });
});
