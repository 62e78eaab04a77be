// The draft names who signs and in which capacity; drafting fills the issuer block from that account (real app,
// real SQLite). A free-text issuer, a capacity that is nobody's or not valid on the letter's date is refused on
// its field, and nothing is saved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_SIGNER_CAPACITY_ID } from "../../src/signer/seed-signer.js";
import { type ApiFixture, issuePaths, makeApiFixture, SEED_PASSWORD } from "../support/api-fixture.js";
import { makeCliSampleBody, makeSampleBody } from "../support/sample-input-fixture.js";
import { type SeededSigner, seedSigner } from "../support/signer-fixture.js";

let fx: ApiFixture;
let sekda: SeededSigner;
let plt: SeededSigner;
beforeAll(async () => {
  fx = await makeApiFixture();
  // A Sekretaris Daerah who signs a.n. the Wali Kota: his gelar, pangkat and NIP are printed.
  sekda = await seedSigner(fx.rt.store, {
    username: "sekda",
    password: SEED_PASSWORD,
    identity: {
      name: "Dr. Budi Santoso, S.H., M.Si.",
      jabatan: "Sekretaris Daerah",
      nip: "197001011995031001",
      pangkat: "Pembina Utama Madya (IV/d)",
      nik: "1771010101700001",
    },
    capacity: { prefix: "a.n.", principal: "Wali Kota Bengkulu", validFrom: "2024-01-01", validUntil: "2024-12-31" },
  });
  // A Wakil Wali Kota (a PNS with a NIP) standing in as Plt. Wali Kota in September only.
  plt = await seedSigner(fx.rt.store, {
    username: "wakil",
    password: SEED_PASSWORD,
    identity: {
      name: "Ir. Dedy Wahyudi, M.T.",
      jabatan: "Wakil Wali Kota Bengkulu",
      nip: "197501011999031002",
      pangkat: "Pembina (IV/a)",
    },
    capacity: { prefix: "Plt.", principal: "Wali Kota Bengkulu", validFrom: "2024-09-01", validUntil: "2024-09-30" },
  });
});
afterAll(async () => {
  await fx.close();
});

interface Drafted {
  id: string;
  input: { issuer: Record<string, unknown>; signer: { userId: string; capacityId: string } };
}

const draft = (body: Record<string, unknown>) => fx.call("POST", "/api/letters", { as: "sekretariat", body });
const letterCount = async () =>
  Number(
    (
      await fx.rt.store.db
        .selectFrom("letters")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("the draft's signer", () => {
  it("fills the sample's issuer from the seeded Pj account and keeps who and in which capacity", async () => {
    const letter = await fx.json<Drafted>("POST", "/api/letters", 201, { as: "sekretariat", body: makeSampleBody() });
    expect(letter.input.issuer).toEqual({ jabatan: "Penjabat Wali Kota Bengkulu", name: "Arif Gunadi" });
    expect(letter.input.signer).toEqual({
      userId: await fx.userId("penandatangan"),
      capacityId: SAMPLE_SIGNER_CAPACITY_ID,
    });
  });

  it("prints the a.n. Sekretaris Daerah with his gelar, pangkat and NIP from the account", async () => {
    const letter = await fx.json<Drafted>("POST", "/api/letters", 201, {
      as: "sekretariat",
      body: { ...makeSampleBody(), signer: { capacityId: sekda.capacityId } },
    });
    expect(letter.input.issuer).toEqual({
      prefix: "a.n.",
      principal: "Wali Kota Bengkulu",
      jabatan: "Sekretaris Daerah",
      name: "Dr. Budi Santoso, S.H., M.Si.",
      pangkat: "Pembina Utama Madya (IV/d)",
      nip: "197001011995031001",
    });
  });

  it("leaves out the gelar, pangkat and NIP the account holds when he signs as Plt. Wali Kota (Pasal 44)", async () => {
    const letter = await fx.json<Drafted>("POST", "/api/letters", 201, {
      as: "sekretariat",
      body: {
        ...makeSampleBody(),
        date: "2024-09-10",
        ackDeadline: "2024-09-20",
        signer: { capacityId: plt.capacityId },
      },
    });
    expect(letter.input.issuer).toEqual({
      prefix: "Plt.",
      principal: "Wali Kota Bengkulu",
      jabatan: "Wakil Wali Kota Bengkulu",
      name: "Dedy Wahyudi",
    });
  });

  it("refuses a capacity not valid on the letter's date, on signer.capacityId, and saves nothing", async () => {
    const before = await letterCount();
    const res = await draft({ ...makeSampleBody(), signer: { capacityId: plt.capacityId } });
    expect(res.status).toBe(400);
    const body = (await res.clone().json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues).toEqual([
      {
        path: "signer.capacityId",
        message: expect.stringContaining(
          "tidak berlaku pada tanggal surat 2024-10-02 (berlaku 2024-09-01 s.d. 2024-09-30)",
        ),
      },
    ]);
    expect(await letterCount()).toBe(before);
  });

  it("refuses a capacity that is not the named user's, an unknown capacity, and a missing signer", async () => {
    const mismatch = await draft({ ...makeSampleBody(), signer: { capacityId: sekda.capacityId, userId: plt.userId } });
    expect(await issuePaths(mismatch)).toEqual(["signer.userId"]);
    const unknown = await draft({ ...makeSampleBody(), signer: { capacityId: "bukan-kapasitas" } });
    expect(await issuePaths(unknown)).toEqual(["signer.capacityId"]);
    const { signer: _s, ...none } = makeSampleBody();
    expect(await issuePaths(await draft(none))).toEqual(["signer.capacityId"]);
  });

  it("refuses a penandatangan whose account was disabled", async () => {
    const gone = await seedSigner(fx.rt.store, {
      username: "mantan",
      password: SEED_PASSWORD,
      identity: { name: "Mantan Pejabat", jabatan: "Penjabat Wali Kota Bengkulu" },
    });
    await fx.rt.store.db
      .updateTable("users")
      .set({ disabled_at: "2024-02-01T00:00:00Z" })
      .where("id", "=", gone.userId)
      .execute();
    const res = await draft({ ...makeSampleBody(), signer: { capacityId: gone.capacityId } });
    expect(await issuePaths(res)).toEqual(["signer.userId"]);
  });

  it("refuses a free-text issuer in the app with a message on issuer, even beside a valid signer", async () => {
    const { government: _g, ...cli } = makeCliSampleBody();
    const res = await draft(cli);
    expect(res.status).toBe(400);
    const paths = await issuePaths(res.clone());
    expect(paths).toEqual(["issuer", "signer.capacityId"]);
    const both = await draft({
      ...makeSampleBody(),
      issuer: { jabatan: "Wali Kota Bengkulu", name: "Orang Lain Sama Sekali" },
    });
    const body = (await both.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues).toEqual([
      { path: "issuer", message: expect.stringMatching(/^Penandatangan tidak ditulis bebas di aplikasi/) },
    ]);
  });

  it("takes the stored input back as it was read (GET then PUT): the issuer it carries is the account's", async () => {
    const letter = await fx.json<Drafted & { input: Record<string, unknown> }>("POST", "/api/letters", 201, {
      as: "sekretariat",
      body: makeSampleBody(),
    });
    const back = await fx.call("PUT", `/api/letters/${letter.id}`, { as: "sekretariat", body: letter.input });
    expect(back.status).toBe(200);
    const typed = { ...letter.input, issuer: { ...letter.input.issuer, name: "Orang Lain Sama Sekali" } };
    const refused = await fx.call("PUT", `/api/letters/${letter.id}`, { as: "sekretariat", body: typed });
    expect(await issuePaths(refused)).toEqual(["issuer"]);
  });

  it("an edit of the account changes the next draft, not one drafted before", async () => {
    const before = await fx.json<Drafted>("POST", "/api/letters", 201, {
      as: "sekretariat",
      body: { ...makeSampleBody(), signer: { capacityId: sekda.capacityId } },
    });
    await fx.json("PUT", `/api/signers/${sekda.userId}`, 200, {
      as: "admin",
      body: { name: "Budi Santoso, S.H.", jabatan: "Sekretaris Daerah", nip: "197001011995031001" },
    });
    const after = await fx.json<Drafted>("POST", "/api/letters", 201, {
      as: "sekretariat",
      body: { ...makeSampleBody(), signer: { capacityId: sekda.capacityId } },
    });
    expect(after.input.issuer.name).toBe("Budi Santoso, S.H.");
    expect(after.input.issuer.pangkat).toBeUndefined();
    const stored = await fx.json<Drafted>("GET", `/api/letters/${before.id}`, 200, { as: "sekretariat" });
    expect(stored.input.issuer.name).toBe("Dr. Budi Santoso, S.H., M.Si.");
  });
});
