// /api/opd through the real app: the perangkat daerah, their heads and email addresses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, issuePaths, makeApiFixture } from "../../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

interface Opd {
  id: string;
  kind: string;
  head_name: string | null;
  email: string | null;
}

describe("GET /api/opd", () => {
  it("lists the 40 seeded OPDs and filters by kind", async () => {
    const all = await fx.json<{ items: Opd[] }>("GET", "/api/opd", 200, { as: "kepala_opd" });
    expect(all.items).toHaveLength(40);
    const badan = await fx.json<{ items: Opd[] }>("GET", "/api/opd?kind=badan", 200, { as: "inspektorat" });
    expect(badan.items.length).toBeGreaterThan(0);
    expect(badan.items.length).toBeLessThan(40);
    expect(badan.items.every((o) => o.kind === "badan")).toBe(true);
  });

  it("answers 400 at kind for an overlong kind, and 401 to nobody", async () => {
    const res = await fx.call("GET", `/api/opd?kind=${"x".repeat(41)}`, { as: "sekretariat" });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["kind"]);
    expect((await fx.call("GET", "/api/opd")).status).toBe(401);
  });
});

describe("GET /api/opd/:id", () => {
  it("answers one OPD, 404 for an unknown id and 401 to nobody", async () => {
    expect(await fx.json<Opd>("GET", "/api/opd/BKPSDM", 200, { as: "penandatangan" })).toMatchObject({ id: "BKPSDM" });
    const res = await fx.call("GET", "/api/opd/TIDAKADA", { as: "sekretariat" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await fx.call("GET", "/api/opd/BKPSDM")).status).toBe(401);
  });
});

describe("PATCH /api/opd/:id", () => {
  it("records the head's name and email, and writes an audit row", async () => {
    const opd = await fx.json<Opd>("PATCH", "/api/opd/DISPORA", 200, {
      as: "sekretariat",
      body: { head_name: "Dr. Uji Coba, M.Pd.", email: "dispora@bengkulukota.go.id" },
    });
    expect(opd).toMatchObject({ id: "DISPORA", head_name: "Dr. Uji Coba, M.Pd.", email: "dispora@bengkulukota.go.id" });
    expect(await fx.json("GET", "/api/opd/DISPORA", 200, { as: "kepala_opd" })).toMatchObject({
      email: "dispora@bengkulukota.go.id",
    });
    const audit = await fx.json<{ items: { action: string; subject: string | null }[] }>(
      "GET",
      "/api/audit?limit=500",
      200,
      { as: "inspektorat" },
    );
    expect(audit.items.some((a) => a.action === "opd.updated" && a.subject === "DISPORA")).toBe(true);
  });

  it("answers 400 with the exact paths for a bad email, an unknown field or nothing to change", async () => {
    const bad = await fx.call("PATCH", "/api/opd/BKPSDM", {
      as: "admin",
      body: { email: "bukan-email", head_title: "" },
    });
    expect(bad.status).toBe(400);
    expect(await issuePaths(bad)).toEqual(["email", "head_title"]);
    const unknown = await fx.call("PATCH", "/api/opd/BKPSDM", { as: "admin", body: { nip: "1" } });
    expect(await unknown.json()).toMatchObject({
      error: { issues: [{ path: "(root)", message: "Kolom tidak dapat diubah: nip" }] },
    });
    expect(await issuePaths(await fx.call("PATCH", "/api/opd/BKPSDM", { as: "admin", body: {} }))).toEqual(["(root)"]);
    expect((await fx.call("PATCH", "/api/opd/BKPSDM", { as: "admin", body: "[" })).status).toBe(400);
  });

  it("answers 404 for an unknown OPD", async () => {
    expect((await fx.call("PATCH", "/api/opd/TIDAKADA", { as: "admin", body: { head_name: "X" } })).status).toBe(404);
  });

  it("answers 401 to nobody and 403 to the penandatangan, a kepala OPD and the inspektorat, changing nothing", async () => {
    const body = { email: "penyusup@example.com" };
    expect((await fx.call("PATCH", "/api/opd/BKPSDM", { body })).status).toBe(401);
    for (const as of ["penandatangan", "kepala_opd", "inspektorat"] as const) {
      expect((await fx.call("PATCH", "/api/opd/BKPSDM", { as, body })).status, as).toBe(403);
    }
    expect(await fx.json<Opd>("GET", "/api/opd/BKPSDM", 200, { as: "admin" })).not.toMatchObject({
      email: "penyusup@example.com",
    });
  });
});

describe("GET /api/opd/:id/history", () => {
  it("answers the OPD's history, 404 for an unknown OPD, 403 to a kepala OPD", async () => {
    const h = await fx.json<Record<string, unknown>>("GET", "/api/opd/BKPSDM/history", 200, { as: "inspektorat" });
    expect(h).toBeTypeOf("object");
    expect((await fx.call("GET", "/api/opd/TIDAKADA/history", { as: "inspektorat" })).status).toBe(404);
    expect((await fx.call("GET", "/api/opd/BKPSDM/history", { as: "kepala_opd" })).status).toBe(403);
    expect((await fx.call("GET", "/api/opd/BKPSDM/history")).status).toBe(401);
  });
});
