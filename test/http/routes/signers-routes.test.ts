// /api/signers/:userId through the real app: the admin sets a penandatangan's identity and capacities, the
// signer sees his own and sets his signing passphrase himself; nobody else sees or changes anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_SIGNER_CAPACITY_ID } from "../../../src/signer/seed-signer.js";
import type { SignerAccountView } from "../../../src/signer/signer-account.js";
import { type ApiFixture, issuePaths, makeApiFixture } from "../../support/api-fixture.js";

let fx: ApiFixture;
let signerId: string;
beforeAll(async () => {
  fx = await makeApiFixture();
  signerId = await fx.userId("penandatangan");
});
afterAll(async () => {
  await fx.close();
});

const identity = {
  name: "Dr. Budi Santoso, S.H., M.Si.",
  jabatan: "Sekretaris Daerah",
  nip: "197001011995031001",
  pangkat: "Pembina Utama Madya (IV/d)",
  nik: "1771010101700001",
};

async function auditRows(action: string) {
  return fx.rt.store.db
    .selectFrom("audit_log")
    .select(["actor", "subject", "data_json"])
    .where("action", "=", action)
    .execute();
}

describe("GET /api/signers/:userId", () => {
  it("shows the seeded sample signer to himself: Arif Gunadi, Penjabat Wali Kota Bengkulu, no passphrase yet", async () => {
    const view = await fx.json<SignerAccountView>("GET", `/api/signers/${signerId}`, 200, { as: "penandatangan" });
    expect(view.identity).toMatchObject({ name: "Arif Gunadi", jabatan: "Penjabat Wali Kota Bengkulu" });
    expect(view.capacities.map((c) => [c.id, c.prefix, c.jabatan, c.validToday])).toEqual([
      [SAMPLE_SIGNER_CAPACITY_ID, null, "Penjabat Wali Kota Bengkulu", true],
    ]);
    expect(view.passphraseSet).toBe(false);
  });

  it("is refused to anyone but an admin and the signer himself, and is 404 for an account that is not a signer", async () => {
    for (const as of ["sekretariat", "kepala_opd", "inspektorat"] as const) {
      const res = await fx.call("GET", `/api/signers/${signerId}`, { as });
      expect(res.status, as).toBe(403);
    }
    expect((await fx.call("GET", `/api/signers/${signerId}`)).status).toBe(401);
    const admin = await fx.userId("admin");
    expect((await fx.call("GET", `/api/signers/${admin}`, { as: "admin" })).status).toBe(404);
  });
});

describe("PUT /api/signers/:userId", () => {
  it("lets the admin set the identity, audits it without the NIK, and refuses the signer editing himself", async () => {
    const fresh = await makeApiFixture();
    try {
      const id = await fresh.userId("penandatangan");
      const view = await fresh.json<SignerAccountView>("PUT", `/api/signers/${id}`, 200, {
        as: "admin",
        body: identity,
      });
      expect(view.identity).toEqual({ userId: id, ...identity });
      const rows = await fresh.rt.store.db
        .selectFrom("audit_log")
        .select(["data_json"])
        .where("action", "=", "signer.updated")
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.data_json).not.toContain(identity.nik);
      expect(rows[0]!.data_json).toContain('"nikSet":true');
      const self = await fresh.call("PUT", `/api/signers/${id}`, { as: "penandatangan", body: identity });
      expect(self.status).toBe(403);
    } finally {
      await fresh.close();
    }
  });

  it("names every wrong field at once: NIP digits, NIK not 16 digits, a missing name, an unknown field", async () => {
    const res = await fx.call("PUT", `/api/signers/${signerId}`, {
      as: "admin",
      body: { jabatan: "Sekretaris Daerah", nip: "19700101", nik: "12345", extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["(root)", "name", "nik", "nip"]);
    const after = await fx.json<SignerAccountView>("GET", `/api/signers/${signerId}`, 200, { as: "admin" });
    expect(after.identity?.name).toBe("Arif Gunadi");
  });
});

describe("capacities", () => {
  it("adds a delegation with its period and ends it; a delegation without a period is refused", async () => {
    const fresh = await makeApiFixture();
    try {
      const id = await fresh.userId("penandatangan");
      const noPeriod = await fresh.call("POST", `/api/signers/${id}/capacities`, {
        as: "admin",
        body: { prefix: "a.n." },
      });
      expect(noPeriod.status).toBe(400);
      expect(await issuePaths(noPeriod)).toEqual(["principal", "validFrom", "validUntil"]);
      const added = await fresh.json<SignerAccountView>("POST", `/api/signers/${id}/capacities`, 201, {
        as: "admin",
        body: { prefix: "Plt.", principal: "Wali Kota Bengkulu", validFrom: "2024-01-01", validUntil: "2030-12-31" },
      });
      const plt = added.capacities.find((c) => c.prefix === "Plt.");
      expect(plt).toMatchObject({ principal: "Wali Kota Bengkulu", jabatan: "Penjabat Wali Kota Bengkulu" });
      const ended = await fresh.json<SignerAccountView>("POST", `/api/signers/${id}/capacities/${plt!.id}/end`, 200, {
        as: "admin",
        body: { until: "2024-06-30" },
      });
      expect(ended.capacities.find((c) => c.id === plt!.id)).toMatchObject({
        validUntil: "2024-06-30",
        validToday: false,
      });
      const bySigner = await fresh.call("POST", `/api/signers/${id}/capacities`, {
        as: "penandatangan",
        body: { prefix: "Plh.", principal: "Bupati", validFrom: "2024-01-01", validUntil: "2024-02-01" },
      });
      expect(bySigner.status).toBe(403);
      const unknown = await fresh.call("POST", `/api/signers/${id}/capacities/no-such/end`, { as: "admin", body: {} });
      expect(unknown.status).toBe(404);
    } finally {
      await fresh.close();
    }
  });
});

describe("PUT /api/signers/:userId/passphrase", () => {
  it("is set by the signer alone, kept only as a hash, and replacing it asks for the current one", async () => {
    const fresh = await makeApiFixture();
    try {
      const id = await fresh.userId("penandatangan");
      const byAdmin = await fresh.call("PUT", `/api/signers/${id}/passphrase`, {
        as: "admin",
        body: { passphrase: "frasa-rahasia-1" },
      });
      expect(byAdmin.status).toBe(403);
      const short = await fresh.call("PUT", `/api/signers/${id}/passphrase`, {
        as: "penandatangan",
        body: { passphrase: "pendek" },
      });
      expect(short.status).toBe(400);
      await fresh.json("PUT", `/api/signers/${id}/passphrase`, 200, {
        as: "penandatangan",
        body: { passphrase: "frasa-rahasia-1" },
      });
      const row = await fresh.rt.store.db
        .selectFrom("signer_profiles")
        .select("passphrase_hash")
        .where("user_id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.passphrase_hash).toMatch(/^pbkdf2-sha256\$/);
      expect(row.passphrase_hash).not.toContain("frasa-rahasia-1");
      const noCurrent = await fresh.call("PUT", `/api/signers/${id}/passphrase`, {
        as: "penandatangan",
        body: { passphrase: "frasa-rahasia-2" },
      });
      expect(noCurrent.status).toBe(400);
      expect(((await noCurrent.json()) as { error: { code: string } }).error.code).toBe("signing_passphrase_wrong");
      await fresh.json("PUT", `/api/signers/${id}/passphrase`, 200, {
        as: "penandatangan",
        body: { passphrase: "frasa-rahasia-2", currentPassphrase: "frasa-rahasia-1" },
      });
      const audit = await fresh.rt.store.db
        .selectFrom("audit_log")
        .select("data_json")
        .where("action", "=", "signer.passphrase_set")
        .execute();
      expect(audit.map((a) => a.data_json)).toEqual(['{"replaced":false}', '{"replaced":true}']);
    } finally {
      await fresh.close();
    }
  });
});

describe("POST /api/signers/:userId/passphrase/reset", () => {
  it("lets the admin alone clear a forgotten passphrase, audited, so the signer sets a new one without the old", async () => {
    const fresh = await makeApiFixture();
    try {
      const id = await fresh.userId("penandatangan");
      const nothing = await fresh.call("POST", `/api/signers/${id}/passphrase/reset`, { as: "admin", body: {} });
      expect(nothing.status).toBe(400);
      await fresh.json("PUT", `/api/signers/${id}/passphrase`, 200, {
        as: "penandatangan",
        body: { passphrase: "frasa-rahasia-1" },
      });
      for (const as of ["penandatangan", "sekretariat", "inspektorat"] as const) {
        const refused = await fresh.call("POST", `/api/signers/${id}/passphrase/reset`, { as, body: {} });
        expect(refused.status, as).toBe(403);
      }
      const done = await fresh.json<{ passphraseSet: boolean }>("POST", `/api/signers/${id}/passphrase/reset`, 200, {
        as: "admin",
        body: {},
      });
      expect(done.passphraseSet).toBe(false);
      const account = await fresh.json<SignerAccountView>("GET", `/api/signers/${id}`, 200, { as: "penandatangan" });
      expect(account.passphraseSet).toBe(false);
      // The forgotten one is not asked for any more.
      await fresh.json("PUT", `/api/signers/${id}/passphrase`, 200, {
        as: "penandatangan",
        body: { passphrase: "frasa-rahasia-baru" },
      });
      const audit = await fresh.rt.store.db
        .selectFrom("audit_log")
        .select(["actor", "subject"])
        .where("action", "=", "signer.passphrase_reset")
        .execute();
      expect(audit).toEqual([{ actor: await fresh.userId("admin"), subject: id }]);
    } finally {
      await fresh.close();
    }
  });
});

describe("audit of the sample signer", () => {
  it("records no signer change for a refused edit", async () => {
    expect(await auditRows("signer.updated")).toEqual([]);
  });
});
