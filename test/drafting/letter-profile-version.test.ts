// A letter keeps the Pemda profile version it was drafted with: the draft and its DOCX do not move when the admin
// edits the profile, a new draft takes the new version, and signing lays the letter out with its own version
// (F4 in the profile means an F4 signed letter).
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pemdaProfileJson from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { getPemdaProfile } from "../../src/pemda/get-pemda-profile.js";
import { updatePemdaProfile } from "../../src/pemda/update-pemda-profile.js";
import { letterRecord } from "../../src/sign/verify-letter.js";
import { getLetter } from "../../src/store/letters-repo.js";
import {
  type ApiFixture,
  draftLetter,
  issuePaths,
  letterAt,
  makeApiFixture,
  SEED_PASSWORD,
} from "../support/api-fixture.js";
import { makeCliSampleBody, makeSampleBody } from "../support/sample-input-fixture.js";
import { seedSigner } from "../support/signer-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

const versionOf = async (id: string) => (await getLetter(fx.rt.store, id))?.profile_version;
const preview = async (id: string) =>
  new Uint8Array(await (await fx.call("GET", `/api/letters/${id}/preview.docx`, { as: "sekretariat" })).arrayBuffer());
/** The page size of a DOCX in twips, from its section properties. */
function pageSize(docx: Uint8Array): { w: number; h: number } {
  const xml = new TextDecoder().decode(unzipSync(docx)["word/document.xml"]);
  const m = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml);
  return { w: Number(m?.[1]), h: Number(m?.[2]) };
}
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);
const saveProfile = async (change: Record<string, unknown>) =>
  updatePemdaProfile(fx.rt.services, await fx.userId("admin"), { ...pemdaProfileJson, ...change });

describe("a letter's Pemda profile version", () => {
  it("is-the-current-version-when-drafted-and-stays-when-the-profile-or-the-draft-changes", async () => {
    const current = (await getPemdaProfile(fx.rt.store)).version;
    const draft = await draftLetter(fx);
    expect(await versionOf(draft.id)).toBe(current);
    const before = await preview(draft.id);

    const next = await saveProfile({ kopInstansi: { address: "Jalan Baru Nomor 2, Bengkulu" } });
    expect(next.version).toBe(current + 1);
    // The draft still renders with its own version: the same bytes as before the edit.
    expect(Buffer.from(await preview(draft.id)).equals(Buffer.from(before))).toBe(true);
    await fx.json("PUT", `/api/letters/${draft.id}`, 200, {
      as: "sekretariat",
      body: { ...makeSampleBody(), tentang: "Netralitas ASN (perubahan)" },
    });
    expect(await versionOf(draft.id)).toBe(current);

    const fresh = await draftLetter(fx);
    expect(await versionOf(fresh.id)).toBe(next.version);
  });

  it("is-refused-with-an-issue-on-government-when-the-draft-brings-its-own-kop", async () => {
    const count = async () => (await fx.rt.store.db.selectFrom("letters").select("id").execute()).length;
    const letters = await count();
    const res = await fx.call("POST", "/api/letters", { as: "sekretariat", body: makeCliSampleBody() });
    expect(res.status).toBe(400);
    const body = (await res.clone().json()) as { error: { issues: { path: string; message: string }[] } };
    expect(await issuePaths(res)).toEqual(["government"]);
    expect(body.error.issues[0]?.message).toMatch(/diatur di Profil Pemda/);
    expect(await count()).toBe(letters);
  });

  it("lays-a-letter-signed-under-an-f4-profile-out-on-f4", async () => {
    await saveProfile({ page: { ...pemdaProfileJson.page, paper: "F4" } });
    const signed = await letterAt(fx, "signed");
    const docx = new Uint8Array(
      await (await fx.call("GET", `/api/letters/${signed.id}/signed.docx`, { as: "sekretariat" })).arrayBuffer(),
    );
    expect(pageSize(docx)).toEqual({ w: twips(215), h: twips(330) });
    // The letter's input has no government block: its record names the profile's.
    expect((await letterRecord(fx.rt.store, signed.id))?.government).toBe("Pemerintah Kota Bengkulu");

    await saveProfile({ page: { ...pemdaProfileJson.page, paper: "A4" } });
    const a4 = await draftLetter(fx);
    expect(pageSize(await preview(a4.id))).toEqual({ w: twips(210), h: twips(297) });
  });

  it("fills-a-sekretaris-daerah-without-nip-pangkat-and-gelar-when-the-profile-shows-none", async () => {
    // The account keeps all three; the profile's rule decides what the issuer filled from it prints.
    const sekda = await seedSigner(fx.rt.store, {
      username: "sekda-profil",
      password: SEED_PASSWORD,
      identity: {
        name: "Ir. Budi Santoso, M.Si.",
        jabatan: "Sekretaris Daerah",
        pangkat: "Pembina Utama Madya",
        nip: "197001012000031001",
      },
      capacity: { prefix: "a.n.", principal: "Wali Kota Bengkulu", validFrom: "2024-01-01", validUntil: "2024-12-31" },
    });
    const body = { ...makeSampleBody(), signer: { capacityId: sekda.capacityId } };
    type Drafted = { input: { issuer: Record<string, unknown> } };
    await saveProfile({ signerRules: { sekdaShowsIdentity: false, gelarForOfficials: true } });
    const hidden = await fx.json<Drafted>("POST", "/api/letters", 201, { as: "sekretariat", body });
    expect(hidden.input.issuer).toEqual({
      prefix: "a.n.",
      principal: "Wali Kota Bengkulu",
      jabatan: "Sekretaris Daerah",
      name: "Budi Santoso",
    });

    // Under the default rule the same signer is drafted with all three.
    await saveProfile({ signerRules: { sekdaShowsIdentity: true, gelarForOfficials: true } });
    const shown = await fx.json<Drafted>("POST", "/api/letters", 201, { as: "sekretariat", body });
    expect(shown.input.issuer).toMatchObject({
      name: "Ir. Budi Santoso, M.Si.",
      pangkat: "Pembina Utama Madya",
      nip: "197001012000031001",
    });
  });
});
