// /api/registers through the real app: the buku agenda per unit pengolah and the numbers it gave.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, issuePaths, letterAt, makeApiFixture } from "../../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

describe("GET /api/registers", () => {
  it("lists the seeded registers to any signed-in user and 401 to nobody", async () => {
    const r = await fx.json<{ items: { id: string }[] }>("GET", "/api/registers", 200, { as: "kepala_opd" });
    expect(r.items.map((x) => x.id)).toEqual(expect.arrayContaining(["BKPSDM.II", "SETDA"]));
    expect((await fx.call("GET", "/api/registers")).status).toBe(401);
  });
});

describe("POST /api/registers", () => {
  it("creates a register as admin (201), then 409 register_exists for the same code", async () => {
    const body = { id: "DISKOMINFO.I", name: "Bidang Informatika" };
    expect(await fx.json("POST", "/api/registers", 201, { as: "admin", body })).toMatchObject({ id: "DISKOMINFO.I" });
    const again = await fx.call("POST", "/api/registers", { as: "admin", body });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "register_exists" } });
  });

  it("writes the register and its audit row together: two admins at once get one register, one 409, one row", async () => {
    const body = { id: "BAPPEDA.I", name: "Bidang Perencanaan" };
    const [a, b] = await Promise.all([
      fx.call("POST", "/api/registers", { as: "admin", body }),
      fx.call("POST", "/api/registers", { as: "admin", body }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const audited = await fx.rt.store.db
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "register.created")
      .where("subject", "=", "BAPPEDA.I")
      .execute();
    expect(audited).toHaveLength(1);
  });

  it("answers 400 at id, name and pattern for a bad register", async () => {
    const res = await fx.call("POST", "/api/registers", {
      as: "admin",
      body: { id: "huruf kecil", name: "", pattern: "{kka}/{unit}" },
    });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["id", "name", "pattern"]);
  });

  it("answers 401 to nobody and 403 to the secretariat", async () => {
    const body = { id: "CURANG", name: "Register curang" };
    expect((await fx.call("POST", "/api/registers", { body })).status).toBe(401);
    expect((await fx.call("POST", "/api/registers", { as: "sekretariat", body })).status).toBe(403);
    expect(
      (await fx.json<{ items: { id: string }[] }>("GET", "/api/registers", 200, { as: "admin" })).items.map(
        (r) => r.id,
      ),
    ).not.toContain("CURANG");
  });
});

describe("GET /api/registers/:id/entries", () => {
  it("lists the number an approval took, filtered by year", async () => {
    const l = await letterAt(fx, "approved");
    const entries = await fx.json<{ items: { letter_id: string; nomor: string }[] }>(
      "GET",
      "/api/registers/BKPSDM.II/entries?year=2024",
      200,
      { as: "sekretariat" },
    );
    expect(entries.items.find((e) => e.letter_id === l.id)?.nomor).toBe(l.nomor);
    const none = await fx.json<{ items: unknown[] }>("GET", "/api/registers/BKPSDM.II/entries?year=2030", 200, {
      as: "admin",
    });
    expect(none.items).toEqual([]);
  });

  it("answers 403 to every role that does not keep the register, a kepala_opd first of all", async () => {
    await letterAt(fx, "approved");
    for (const as of ["kepala_opd", "penandatangan", "inspektorat"] as const) {
      const res = await fx.call("GET", "/api/registers/BKPSDM.II/entries?year=2024", { as });
      expect(res.status, as).toBe(403);
      expect(await res.text(), as).not.toContain("letter_id");
    }
    // The head of an OPD that got no letter, too (the head of BKPSDM reviews the fixture's letters).
    const kepalaDinkes = { cookie: await fx.login("kepala-dinkes") };
    expect((await fx.call("GET", "/api/registers/BKPSDM.II/entries", { as: kepalaDinkes })).status).toBe(403);
  });

  it("answers 400 at year, 404 for an unknown register and 401 to nobody", async () => {
    const res = await fx.call("GET", "/api/registers/BKPSDM.II/entries?year=1999", { as: "sekretariat" });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["year"]);
    expect((await fx.call("GET", "/api/registers/TIDAKADA/entries", { as: "sekretariat" })).status).toBe(404);
    expect((await fx.call("GET", "/api/registers/BKPSDM.II/entries")).status).toBe(401);
  });
});
