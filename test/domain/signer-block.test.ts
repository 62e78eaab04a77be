import { describe, expect, it } from "vitest";
import type { SignerRules } from "../../src/domain/pemda-profile.js";
import {
  academicDegrees,
  caseName,
  isKepalaDaerahFamily,
  signerBlock,
  signerCapacityText,
  signerRuleIssues,
} from "../../src/domain/signer-block.js";

const NIP = "197001011990031001";

describe("signerBlock", () => {
  it("writes-a-kota-pj-under-his-own-jabatan-without-pangkat-or-nip", () => {
    expect(
      signerBlock({ jabatan: "Penjabat Wali Kota Bengkulu", name: "Arif Gunadi", pangkat: "Pembina", nip: NIP }),
    ).toEqual({ capacity: ["PENJABAT WALI KOTA BENGKULU,"], name: "ARIF GUNADI", pangkat: null, nip: null });
  });

  it("keeps-the-spelling-of-pj-before-the-jabatan", () => {
    expect(signerBlock({ jabatan: "pj. Bupati Kudus", name: "Hasan Chabibie" }).capacity).toEqual([
      "Pj. BUPATI KUDUS,",
    ]);
  });

  it("writes-a-bupati-alone-without-pangkat-or-nip", () => {
    expect(signerBlock({ jabatan: "Bupati Banggai Kepulauan", name: "Rusli Moidady", nip: NIP })).toEqual({
      capacity: ["BUPATI BANGGAI KEPULAUAN,"],
      name: "RUSLI MOIDADY",
      pangkat: null,
      nip: null,
    });
  });

  it("writes-an-a-n-sekretaris-daerah-over-his-jabatan-with-pangkat-and-nip", () => {
    expect(
      signerBlock({
        prefix: "a.n.",
        principal: "Bupati Kudus",
        jabatan: "Sekretaris Daerah",
        name: "Dr. H. Revlisianto Subekti, S.E., M.Si.",
        pangkat: "Pembina Utama Madya",
        nip: NIP,
      }),
    ).toEqual({
      capacity: ["a.n. BUPATI KUDUS,", "SEKRETARIS DAERAH,"],
      name: "Dr. H. REVLISIANTO SUBEKTI, S.E., M.Si.",
      pangkat: "Pembina Utama Madya",
      nip: NIP,
    });
  });

  it("keeps-the-bupati-and-the-plh-of-the-sekretaris-daerah-who-signs-a-n", () => {
    const block = signerBlock({
      prefix: "a.n.",
      principal: "Bupati Banggai Kepulauan",
      jabatan: "PLH. Sekretaris Daerah",
      name: "Ir. H. Basri Lamadjido, M.H.",
      nip: NIP,
    });
    expect(block.capacity).toEqual(["a.n. BUPATI BANGGAI KEPULAUAN,", "Plh. SEKRETARIS DAERAH,"]);
    expect(block.name).toBe("Ir. H. BASRI LAMADJIDO, M.H.");
    expect(block.nip).toBe(NIP);
  });

  it("writes-a-plt-bupati-over-the-wakils-own-jabatan-without-nip", () => {
    expect(
      signerBlock({ prefix: "Plt.", principal: "Bupati Kudus", jabatan: "Wakil Bupati", name: "Hartopo", nip: NIP }),
    ).toEqual({ capacity: ["Plt. BUPATI KUDUS,", "WAKIL BUPATI,"], name: "HARTOPO", pangkat: null, nip: null });
  });

  it("puts-a-plt-prefix-before-the-jabatan-when-no-principal-is-given", () => {
    const block = signerBlock({ prefix: "Plt.", jabatan: "Kepala Dinas Kesehatan", name: "Siti Aminah", nip: NIP });
    expect(block.capacity).toEqual(["Plt. KEPALA DINAS KESEHATAN,"]);
    expect(block.nip).toBe(NIP);
  });
});

describe("isKepalaDaerahFamily", () => {
  it.each([
    [{ jabatan: "Wali Kota Bengkulu" }, true],
    [{ jabatan: "Walikota Bengkulu" }, true],
    [{ jabatan: "Wakil Gubernur Bengkulu" }, true],
    [{ jabatan: "Penjabat Sementara Bupati Kudus" }, true],
    [{ prefix: "Plh." as const, principal: "Bupati Kudus", jabatan: "Sekretaris Daerah" }, true],
    [{ prefix: "a.n." as const, principal: "Bupati Kudus", jabatan: "Sekretaris Daerah" }, false],
    [{ prefix: "a.n." as const, principal: "Bupati Kudus", jabatan: "Plh. Sekretaris Daerah" }, false],
    [{ jabatan: "Kepala Bagian Umum Sekretariat Wali Kota" }, false],
  ])("reads %o as kepala daerah family: %s", (signer, expected) => {
    expect(isKepalaDaerahFamily(signer)).toBe(expected);
  });
});

describe("caseName", () => {
  it.each([
    ["Ir. Joko Widodo", "Ir. JOKO WIDODO"],
    ["Dr. H. Arif Gunadi, S.E., M.Si.", "Dr. H. ARIF GUNADI, S.E., M.Si."],
    ["Hj. Siti Rahmah, S.H., M.H.", "Hj. SITI RAHMAH, S.H., M.H."],
    ["drg. Ani Lestari", "drg. ANI LESTARI"],
    ["dr. Budi  Santoso, M.Kes.", "dr. BUDI SANTOSO, M.Kes."],
    ["Prof. Dr. Ir. Rahmat Hidayat, M.Si.", "Prof. Dr. Ir. RAHMAT HIDAYAT, M.Si."],
    ["Arif Gunadi", "ARIF GUNADI"],
  ])("cases %s as %s", (name, expected) => {
    expect(caseName(name)).toBe(expected);
  });

  it("reads-a-lone-h-as-a-name-not-a-title", () => {
    expect(caseName("H.")).toBe("H.");
  });
});

describe("academicDegrees", () => {
  it("finds-academic-degrees-and-leaves-religious-titles-out", () => {
    expect(academicDegrees("Dr. H. Arif Gunadi, S.E., M.Si.")).toEqual(["Dr.", "S.E.", "M.Si."]);
    expect(academicDegrees("H. Arif Gunadi")).toEqual([]);
  });
});

describe("signerCapacityText", () => {
  it("names the principal on whose behalf an official signs, as the verify page and the report show it", () => {
    expect(
      signerCapacityText({ prefix: "a.n.", principal: "Bupati Banggai Kepulauan", jabatan: "Plh. Sekretaris Daerah" }),
    ).toBe("a.n. Bupati Banggai Kepulauan, Plh. Sekretaris Daerah");
    expect(signerCapacityText({ prefix: "Plt.", jabatan: "Kepala Dinas Kesehatan" })).toBe(
      "Plt. Kepala Dinas Kesehatan",
    );
    expect(signerCapacityText({ jabatan: "Penjabat Wali Kota Bengkulu" })).toBe("Penjabat Wali Kota Bengkulu");
  });
});

describe("signerBlock by the profile's rules", () => {
  const sekda = {
    prefix: "a.n." as const,
    principal: "Bupati Kudus",
    jabatan: "Sekretaris Daerah",
    name: "Ir. H. Basri Lamadjido, M.H.",
    pangkat: "Pembina Utama Muda",
    nip: "197001011990031001",
  };
  const rules = (r: Partial<SignerRules>): SignerRules => ({ sekdaShowsIdentity: true, gelarForOfficials: true, ...r });

  it("hides a Sekretaris Daerah's gelar, pangkat and NIP when the profile says so", () => {
    const b = signerBlock(sekda, { rules: rules({ sekdaShowsIdentity: false }) });
    expect(b).toMatchObject({ name: "H. BASRI LAMADJIDO", pangkat: null, nip: null });
    expect(signerBlock(sekda).nip).toBe("197001011990031001");
  });

  it("strips degrees for every signer when the profile signs without gelar, keeping pangkat and NIP", () => {
    const b = signerBlock(sekda, { rules: rules({ gelarForOfficials: false }) });
    expect(b).toMatchObject({ name: "H. BASRI LAMADJIDO", pangkat: "Pembina Utama Muda", nip: "197001011990031001" });
  });

  it("prints the name as written when the profile asks", () => {
    expect(signerBlock(sekda, { nameCase: "as-written" }).name).toBe("Ir. H. Basri Lamadjido, M.H.");
  });

  it("tells the drafter what the rules leave out instead of dropping it silently", () => {
    expect(signerRuleIssues(sekda, rules({ sekdaShowsIdentity: false })).map((i) => i.path)).toEqual([
      "issuer.pangkat",
      "issuer.nip",
      "issuer.name",
    ]);
    const gelar = signerRuleIssues(sekda, rules({ gelarForOfficials: false }));
    expect(gelar).toEqual([{ path: "issuer.name", message: expect.stringContaining("Ir., M.H.") }]);
    expect(signerRuleIssues(sekda, rules({}))).toEqual([]);
  });
});
