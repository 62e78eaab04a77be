// Only the signer the letter names signs it, confirmed by his signing passphrase (real app, real SQLite). Every
// refusal leaves the letter approved and writes `letter.sign_refused` with the reason, never the passphrase;
// the signed letter keeps the issuer of the account at signing, whatever the account says later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiFixture,
  type LetterRef,
  letterAt,
  makeApiFixture,
  readySigner,
  SEED_PASSWORD,
  sendLetter,
} from "../support/api-fixture.js";
import { SIGNING_PASSPHRASE, seedSigner, seedSigningPassphrase } from "../support/signer-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

const sign = (id: string, as: { cookie: string } | "penandatangan", passphrase?: string) =>
  fx.call("POST", `/api/letters/${id}/transitions`, {
    as,
    body: passphrase === undefined ? { action: "sign" } : { action: "sign", passphrase },
  });

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function statusOf(id: string): Promise<string> {
  return (await fx.rt.store.db.selectFrom("letters").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;
}

async function refusals(letterId: string) {
  const rows = await fx.rt.store.db
    .selectFrom("audit_log")
    .select(["actor", "data_json"])
    .where("action", "=", "letter.sign_refused")
    .where("letter_id", "=", letterId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ actor: r.actor, data: JSON.parse(r.data_json) as Record<string, unknown> }));
}

describe("who signs", () => {
  it("refuses another penandatangan with not_the_signer (403) and an audit row; the letter stays approved", async () => {
    const letter = await letterAt(fx, "approved");
    const other = await seedSigner(fx.rt.store, {
      username: "pj-lain",
      password: SEED_PASSWORD,
      identity: { name: "Orang Lain Sama Sekali", jabatan: "Wali Kota Bengkulu" },
    });
    await seedSigningPassphrase(fx.rt.services, other.userId);
    const cookie = await fx.login("pj-lain");
    const res = await sign(letter.id, { cookie }, SIGNING_PASSPHRASE);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_the_signer");
    expect(body.error.message).toContain("Arif Gunadi (Penjabat Wali Kota Bengkulu)");
    expect(await statusOf(letter.id)).toBe("approved");
    expect(await refusals(letter.id)).toEqual([{ actor: other.userId, data: { reason: "not_the_signer" } }]);
  });

  it("a sekretariat's sign is refused by role before any passphrase is looked at", async () => {
    const letter = await letterAt(fx, "approved");
    const res = await fx.call("POST", `/api/letters/${letter.id}/transitions`, {
      as: "sekretariat",
      body: { action: "sign", passphrase: SIGNING_PASSPHRASE },
    });
    expect(res.status).toBe(403);
    expect(await statusOf(letter.id)).toBe("approved");
  });
});

describe("the signing passphrase", () => {
  it("tells a signer without one to set it (409), and asks for it when left out", async () => {
    const fresh = await makeApiFixture();
    try {
      const letter = await letterAt(fresh, "approved");
      const notSet = await fresh.call("POST", `/api/letters/${letter.id}/transitions`, {
        as: "penandatangan",
        body: { action: "sign", passphrase: "apa-saja-panjang" },
      });
      expect(notSet.status).toBe(409);
      const body = (await notSet.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("signing_passphrase_not_set");
      expect(body.error.message).toContain("atur dulu di halaman Akun penandatangan");
      const missing = await fresh.call("POST", `/api/letters/${letter.id}/transitions`, {
        as: "penandatangan",
        body: { action: "sign" },
      });
      expect(missing.status).toBe(400);
      const empty = await fresh.call("POST", `/api/letters/${letter.id}/transitions`, {
        as: "penandatangan",
        body: { action: "sign", passphrase: "" },
      });
      expect(await errorCode(empty)).toBe("signing_passphrase_required");
    } finally {
      await fresh.close();
    }
  });

  it("refuses a wrong one (400), audited without it, and signs with the right one", async () => {
    const letter = await letterAt(fx, "approved");
    await readySigner(fx);
    const wrong = await sign(letter.id, "penandatangan", "frasa-yang-keliru-1");
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe("signing_passphrase_wrong");
    expect(await statusOf(letter.id)).toBe("approved");
    const ok = await sign(letter.id, "penandatangan", SIGNING_PASSPHRASE);
    expect(ok.status).toBe(200);
    expect(await statusOf(letter.id)).toBe("signed");
    expect((await refusals(letter.id)).map((r) => r.data)).toEqual([{ reason: "passphrase_wrong" }]);
    // Neither passphrase is anywhere in the database: audit, letter, documents.
    const audit = await fx.rt.store.db.selectFrom("audit_log").select("data_json").execute();
    const letters = await fx.rt.store.db.selectFrom("letters").select(["input_json", "signer_json"]).execute();
    const text = JSON.stringify([audit, letters]);
    expect(text).not.toContain("frasa-yang-keliru-1");
    expect(text).not.toContain(SIGNING_PASSPHRASE);
  });

  it("is rate-limited per signer: after 5 wrong ones even the right one waits (429)", async () => {
    const fresh = await makeApiFixture();
    try {
      const letter = await letterAt(fresh, "approved");
      await readySigner(fresh);
      for (let i = 0; i < 5; i++) {
        const r = await fresh.call("POST", `/api/letters/${letter.id}/transitions`, {
          as: "penandatangan",
          body: { action: "sign", passphrase: `salah-salah-${i}` },
        });
        expect(r.status).toBe(400);
      }
      const limited = await fresh.call("POST", `/api/letters/${letter.id}/transitions`, {
        as: "penandatangan",
        body: { action: "sign", passphrase: SIGNING_PASSPHRASE },
      });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBeTruthy();
      const row = await fresh.rt.store.db
        .selectFrom("letters")
        .select("status")
        .where("id", "=", letter.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("approved");
    } finally {
      await fresh.close();
    }
  });
});

describe("the issuer snapshot", () => {
  it("signs with the account as it is at signing, and a later edit changes no signed letter", async () => {
    const letter: LetterRef = await letterAt(fx, "approved");
    const signerId = await fx.userId("penandatangan");
    // Between approval and signing the admin corrects the name: the signed letter prints the corrected one.
    await fx.json("PUT", `/api/signers/${signerId}`, 200, {
      as: "admin",
      body: { name: "Arif Gunadi Saputra", jabatan: "Penjabat Wali Kota Bengkulu", nik: "1771010101700009" },
    });
    await readySigner(fx);
    await fx.json("POST", `/api/letters/${letter.id}/transitions`, 200, {
      as: "penandatangan",
      body: { action: "sign", passphrase: SIGNING_PASSPHRASE },
    });
    await fx.json("PUT", `/api/signers/${signerId}`, 200, {
      as: "admin",
      body: { name: "Nama Sesudah Tanda Tangan", jabatan: "Penjabat Wali Kota Bengkulu" },
    });
    const row = await fx.rt.store.db
      .selectFrom("letters")
      .select(["input_json", "signer_json"])
      .where("id", "=", letter.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.input_json).issuer).toEqual({
      jabatan: "Penjabat Wali Kota Bengkulu",
      name: "Arif Gunadi Saputra",
    });
    expect(JSON.parse(row.signer_json ?? "null")).toMatchObject({
      userId: signerId,
      capacityId: "pj-wali-kota-bengkulu",
      identity: { name: "Arif Gunadi Saputra", nik: "1771010101700009" },
      issuer: { name: "Arif Gunadi Saputra" },
    });
    // The verify record is public once the letter is sent.
    await sendLetter(fx, letter.id, ["BKPSDM"]);
    const verify = await fx.json<{ signerName: string }>("GET", `/api/verify/${letter.id}`, 200, { as: "sekretariat" });
    expect(JSON.stringify(verify)).toContain("Arif Gunadi Saputra");
    expect(JSON.stringify(verify)).not.toContain("Nama Sesudah");
    // Put the sample back for the other tests of this file.
    await fx.json("PUT", `/api/signers/${signerId}`, 200, {
      as: "admin",
      body: { name: "Arif Gunadi", jabatan: "Penjabat Wali Kota Bengkulu" },
    });
  });

  it("refuses to sign when the letter's capacity was ended before its date (signer_not_valid), audited", async () => {
    const letter = await letterAt(fx, "approved");
    const signerId = await fx.userId("penandatangan");
    await fx.json("POST", `/api/signers/${signerId}/capacities/pj-wali-kota-bengkulu/end`, 200, {
      as: "admin",
      body: { until: "2024-01-31" },
    });
    await readySigner(fx);
    const res = await sign(letter.id, "penandatangan", SIGNING_PASSPHRASE);
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("signer_not_valid");
    expect(await statusOf(letter.id)).toBe("approved");
    expect((await refusals(letter.id)).map((r) => r.data)).toEqual([{ reason: "signer_not_valid" }]);
  });
});
