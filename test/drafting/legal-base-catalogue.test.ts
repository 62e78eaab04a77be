// The legal-basis catalogue on the real Node app (real SQLite): seeded from data/legal-bases.json, extended and
// deactivated with audit rows, and each cited entry snapshotted into the letter it is drafted into.
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { createLetter } from "../../src/drafting/create-letter.js";
import {
  addLegalBase,
  legalBaseChoices,
  listLegalBaseCatalogue,
  setLegalBaseActive,
} from "../../src/drafting/legal-base-catalogue.js";
import { renderLetterPreview } from "../../src/drafting/preview-letter.js";
import { updateLetter } from "../../src/drafting/update-letter.js";
import { letterInput } from "../../src/store/letter-json.js";
import { getLetter } from "../../src/store/letters-repo.js";
import { shippedLegalBases } from "../../src/store/seed.js";
import { type ApiFixture, makeApiFixture } from "../support/api-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";

let fx: ApiFixture;
let actor: { id: string };
beforeAll(async () => {
  fx = await makeApiFixture();
  actor = { id: await fx.userId("sekretariat") };
});
afterAll(async () => {
  await fx.close();
});

const deps = () => fx.rt.services;
let n = 0;
const perda = () => {
  n++;
  return {
    id: `perda-bengkulu-${n}-2020`,
    jenis: "Peraturan Daerah",
    nomor: String(n),
    tahun: 2020,
    singkat: `Peraturan Daerah Kota Bengkulu Nomor ${n} Tahun 2020`,
    judul: `Peraturan Daerah Kota Bengkulu Nomor ${n} Tahun 2020 tentang Uji Katalog`,
  };
};

async function auditActions(subject: string): Promise<string[]> {
  const rows = await fx.rt.store.db
    .selectFrom("audit_log")
    .select("action")
    .where("subject", "=", subject)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.action);
}

const documentText = async (docx: Uint8Array) => {
  const xml = strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array());
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => m[1] ?? " ").join("");
};

describe("the seeded catalogue", () => {
  it("holds every shipped entry, higher rule first", async () => {
    const list = await listLegalBaseCatalogue(deps());
    expect(list.map((b) => b.id).sort()).toEqual(shippedLegalBases.map((b) => b.id).sort());
    const ids = list.map((b) => b.id);
    expect(ids.indexOf("uu-20-2023-asn")).toBeLessThan(ids.indexOf("pp-94-2021-disiplin-pns"));
    expect(ids.indexOf("pp-94-2021-disiplin-pns")).toBeLessThan(ids.indexOf("perpres-21-2023-hari-jam-kerja"));
    expect(ids.indexOf("perpres-21-2023-hari-jam-kerja")).toBeLessThan(ids.indexOf("permendagri-19-2016-bmd"));
    expect(list.find((b) => b.id === "permendagri-19-2016-bmd")).toMatchObject({ active: true, createdBy: null });
  });
});

describe("adding an entry", () => {
  it("stores it with who added it, and writes its audit row", async () => {
    const entry = perda();
    const added = await addLegalBase(deps(), actor, entry);
    expect(added).toMatchObject({ ...entry, active: true, createdBy: actor.id });
    expect((await listLegalBaseCatalogue(deps())).map((b) => b.id)).toContain(entry.id);
    expect(await auditActions(entry.id)).toEqual(["legal_base.created"]);
  });

  it("refuses an id that is taken with legal_base_exists, changing nothing", async () => {
    const entry = perda();
    await addLegalBase(deps(), actor, entry);
    await expect(addLegalBase(deps(), actor, { ...entry, judul: "Judul lain" })).rejects.toMatchObject({
      code: "legal_base_exists",
      issues: [{ path: "id" }],
    });
    await expect(addLegalBase(deps(), actor, { ...perda(), id: "uu-20-2023-asn" })).rejects.toMatchObject({
      code: "legal_base_exists",
    });
    expect((await listLegalBaseCatalogue(deps())).find((b) => b.id === entry.id)?.judul).toBe(entry.judul);
    expect(await auditActions(entry.id)).toEqual(["legal_base.created"]);
  });

  it("lists every problem of a bad entry at once, each naming its field", async () => {
    const err = await addLegalBase(deps(), actor, {
      id: "PP 1/2020",
      jenis: "",
      nomor: "1",
      tahun: 1800,
      singkat: "x\u0007",
      extra: 1,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation_failed" });
    const issues = (err as { issues: { path: string; message: string }[] }).issues; // cast: checked just above
    expect(Object.fromEntries(issues.map((i) => [i.path, i.message]))).toMatchObject({
      id: expect.stringMatching(/huruf kecil/),
      jenis: "Jenis peraturan wajib diisi",
      tahun: expect.stringMatching(/tidak masuk akal/),
      singkat: expect.stringMatching(/karakter kendali/),
      judul: expect.stringMatching(/wajib diisi/),
      "(root)": expect.stringMatching(/Kolom tidak dikenal: extra/),
    });
  });
});

describe("deactivating an entry", () => {
  it("hides it from new letters, keeps it listed for the admin, and is undone by reactivating", async () => {
    const entry = perda();
    await addLegalBase(deps(), actor, entry);
    expect(await setLegalBaseActive(deps(), actor, entry.id, { active: false })).toMatchObject({ active: false });
    // The same state again changes nothing and writes no audit row.
    await setLegalBaseActive(deps(), actor, entry.id, { active: false });
    expect((await listLegalBaseCatalogue(deps())).map((b) => b.id)).not.toContain(entry.id);
    const all = await listLegalBaseCatalogue(deps(), { includeInactive: true });
    expect(all.find((b) => b.id === entry.id)).toMatchObject({ active: false });
    const body = makeSampleBody() as { sections: { dasar: unknown[] } };
    body.sections.dasar = ["uu-20-2023-asn", "pp-94-2021-disiplin-pns", "uu-7-2017-pemilu", entry.id];
    await expect(createLetter(deps(), actor, body)).rejects.toMatchObject({
      code: "validation_failed",
      issues: [{ path: "sections.dasar.3", message: expect.stringContaining(`"${entry.id}"`) }],
    });
    await setLegalBaseActive(deps(), actor, entry.id, { active: true });
    await createLetter(deps(), actor, body);
    expect(await auditActions(entry.id)).toEqual([
      "legal_base.created",
      "legal_base.deactivated",
      "legal_base.activated",
    ]);
  });

  it("answers not_found for an unknown id", async () => {
    await expect(setLegalBaseActive(deps(), actor, "tidak-ada", { active: false })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("drafting against the catalogue", () => {
  it("names an unknown id at its exact path, in Dasar and in a sanction clause", async () => {
    const body = makeSampleBody() as { sections: { dasar: unknown[] }; sanctions: { basis: unknown }[] };
    body.sections.dasar[3] = "uu-99-2099-tidak-ada";
    const clause = body.sanctions[1];
    if (clause) clause.basis = "pp-1-1900";
    const err = await createLetter(deps(), actor, body).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "validation_failed",
      issues: [
        {
          path: "sections.dasar.3",
          message: expect.stringContaining('"uu-99-2099-tidak-ada" tidak ada dalam katalog'),
        },
        { path: "sanctions.1.basis", message: expect.stringContaining('"pp-1-1900"') },
      ],
    });
  });

  it("snapshots each entry: a later catalogue change alters neither the stored letter nor its bytes", async () => {
    const entry = perda();
    await addLegalBase(deps(), actor, entry);
    const body = makeSampleBody() as { sections: { dasar: unknown[] } };
    body.sections.dasar = [
      "uu-20-2023-asn",
      entry.id,
      { judul: "Peraturan Wali Kota Bengkulu Nomor 3 Tahun 2021 tentang X" },
    ];
    const letter = await createLetter(deps(), actor, body);
    const stored = async (): Promise<EdaranInput> => {
      const row = await getLetter(fx.rt.store, letter.id);
      if (!row) throw new Error("letter gone");
      return letterInput(row);
    };
    expect((await stored()).sections.dasar).toEqual([
      {
        id: "uu-20-2023-asn",
        judul: "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
        singkat: "Undang-Undang Nomor 20 Tahun 2023",
      },
      { id: entry.id, judul: entry.judul, singkat: entry.singkat },
      { judul: "Peraturan Wali Kota Bengkulu Nomor 3 Tahun 2021 tentang X" },
    ]);
    const row = await getLetter(fx.rt.store, letter.id);
    if (!row) throw new Error("letter gone");
    const before = await renderLetterPreview(fx.rt.services, row);
    // The catalogue changes under the letter: the entry is deactivated and its title rewritten in place.
    await setLegalBaseActive(deps(), actor, entry.id, { active: false });
    await fx.rt.store.db
      .updateTable("legal_bases")
      .set({ judul: "Judul yang diubah" })
      .where("id", "=", entry.id)
      .execute();
    const rowAfter = await getLetter(fx.rt.store, letter.id);
    if (!rowAfter) throw new Error("letter gone");
    const after = await renderLetterPreview(fx.rt.services, rowAfter);
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
    expect(await documentText(after)).toContain(entry.judul);

    // Editing the draft keeps the citation it holds, though the entry is no longer active.
    const edit = makeSampleBody() as { tentang: string; sections: { dasar: unknown[] } };
    edit.tentang = "Diubah";
    edit.sections.dasar = ["uu-20-2023-asn", entry.id];
    await updateLetter(deps(), actor, letter.id, edit);
    expect((await stored()).sections.dasar[1]).toEqual({ id: entry.id, judul: entry.judul, singkat: entry.singkat });
    // And the form still offers it, with the title the draft holds.
    expect(await legalBaseChoices(deps(), await stored())).toContainEqual({
      id: entry.id,
      label: `${entry.judul} (tidak aktif lagi di katalog)`,
    });
  });

  it("renders a letter on kendaraan dinas citing the BMD regulation with its full title", async () => {
    const body = makeSampleBody() as Record<string, unknown> & { sections: Record<string, unknown> };
    body.tentang = "Penggunaan Kendaraan Dinas Menjelang Hari Raya";
    body.sections = {
      dasar: ["pp-27-2014-bmn-bmd", "permendagri-19-2016-bmd"],
      isi: [{ text: "Kendaraan dinas hanya digunakan untuk kepentingan dinas." }],
    };
    body.display = { sanctionClassAfterActs: false };
    body.prohibitedActs = [{ text: "menggunakan kendaraan dinas untuk mudik" }];
    body.sanctions = [
      { who: "Pegawai", what: "yang melanggar dikenai sanksi", basis: "permendagri-19-2016-bmd", pasal: "Pasal 1" },
    ];
    const letter = await createLetter(deps(), actor, body);
    const row = await getLetter(fx.rt.store, letter.id);
    if (!row) throw new Error("letter gone");
    const text = await documentText(await renderLetterPreview(fx.rt.services, row));
    expect(text).toContain(
      "Peraturan Pemerintah Nomor 27 Tahun 2014 tentang Pengelolaan Barang Milik Negara/Daerah sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 28 Tahun 2020",
    );
    expect(text).toContain(
      "Peraturan Menteri Dalam Negeri Nomor 19 Tahun 2016 tentang Pedoman Pengelolaan Barang Milik Daerah sebagaimana telah diubah dengan Peraturan Menteri Dalam Negeri Nomor 7 Tahun 2024",
    );
    expect(text).toContain("sesuai dengan Pasal 1 Peraturan Menteri Dalam Negeri Nomor 19 Tahun 2016.");
    expect(text).toContain("menggunakan kendaraan dinas untuk mudik.");
    expect(text).toMatch(/1\.\s*Dasar.*2\.\s*Isi Edaran.*3\.\s*Penutup/s);
  });
});
