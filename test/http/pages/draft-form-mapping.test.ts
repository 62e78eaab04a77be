import { describe, expect, it } from "vitest";
import { type EdaranInputJson, parseEdaranInput } from "../../../src/domain/edaran-input.js";
import {
  type FormData,
  formToInput,
  inputToForm,
  issuesToFieldErrors,
} from "../../../src/http/pages/draft-form-mapping.js";

// No government block: the form has no kop fields, the kop comes from the Pemda profile.
const sample: EdaranInputJson = {
  // An a.n. Sekretaris Daerah, so every issuer field (pangkat and NIP too, refused for a Pj) goes round the form.
  issuer: {
    prefix: "a.n.",
    principal: "Wali Kota Bengkulu",
    jabatan: "Sekretaris Daerah",
    name: "Dr. H. Arif Gunadi, S.E., M.Si.",
    pangkat: "Pembina Utama Muda",
    nip: "197001011990031001",
  },
  // In the app the issuer above is filled from this account capacity; the form carries the capacity alone.
  signer: { capacityId: "sekda-an-wali-kota", userId: "u-sekda" },
  nomor: { kka: "800.1.4", unit: "BKPSDM.II", year: 2024 },
  tentang: "Netralitas ASN dan PTT pada Pilkada 2024",
  addressees: {
    yth: ["Kepala Perangkat Daerah", "Camat se-Kota Bengkulu"],
    lingkungan: "di lingkungan Pemerintah Kota Bengkulu",
    tempat: "Tempat",
  },
  sections: {
    latarBelakang: ["Pilkada serentak dilaksanakan 27 November 2024."],
    maksudTujuan: ["Menjaga netralitas ASN."],
    ruangLingkup: ["ASN dan PTT di lingkungan Pemerintah Kota Bengkulu."],
    dasar: ["uu-20-2023-asn", "pp-94-2021-disiplin-pns"],
    isi: [
      {
        text: "ASN wajib netral.",
        points: [
          { text: "Tidak berkampanye.", points: [{ text: "termasuk di media sosial." }] },
          { text: "Tidak memasang atribut." },
        ],
      },
      { text: "Kepala perangkat daerah mengawasi bawahannya." },
    ],
  },
  scope: { asn: { pns: true, pppk: true }, nonAsn: false },
  prohibitedActs: [{ text: "Menjadi anggota partai politik", sanction: "disiplin-berat" }],
  sanctions: [
    { who: "PNS", what: "dijatuhi hukuman disiplin", basis: "pp-94-2021-disiplin-pns", pasal: "Pasal 5 huruf n" },
    { who: "PPPK", what: "diberhentikan", basis: "pp-49-2018-pppk" },
  ],
  ackDeadline: "2024-10-09",
  place: "Bengkulu",
  date: "2024-10-02",
  tembusan: ["Menteri Dalam Negeri", "Gubernur Bengkulu"],
  recipients: ["DINKES", "BKPSDM"],
};

describe("formToInput", () => {
  it("round-trips-a-valid-input-through-the-form-fields", () => {
    const expected = parseEdaranInput({ ...sample, signer: { capacityId: "sekda-an-wali-kota" } });
    // The issuer is no field of the form (drafting fills it from the chosen capacity), so it is given back here.
    const back = parseEdaranInput({ ...formToInput(inputToForm(sample)), issuer: sample.issuer });
    expect(expected.ok).toBe(true);
    expect(back).toEqual(expected);
  });

  it("round-trips-the-wording-fields-snapshots-and-inline-legal-bases", () => {
    const wording: EdaranInputJson = {
      ...sample,
      sections: {
        dasar: [
          {
            id: "uu-20-2023-asn",
            judul: "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
            singkat: "UU 20/2023",
          },
          { judul: "Peraturan Wali Kota Bengkulu Nomor 3 Tahun 2021 tentang Jam Kerja", singkat: "Perwal 3/2021" },
        ],
        isi: [{ text: "Satu" }],
      },
      scope: { asn: { pns: true, pppk: false }, nonAsn: true, nonAsnName: "PTT/non-ASN" },
      display: { sanctionClassAfterActs: false },
      prohibitedActs: [{ text: "menggunakan kendaraan dinas untuk mudik" }],
      sanctions: [{ who: "Pegawai", what: "dikenai sanksi", basis: { judul: "Perwal 3/2021" }, pasal: "Pasal 4" }],
      reporting: { who: "Camat" },
    };
    const back = formToInput(inputToForm(wording));
    // A catalogue citation comes back as its id (drafting resolves it again, keeping the snapshot); the rest as given.
    expect(back.sections?.dasar).toEqual([
      "uu-20-2023-asn",
      { judul: "Peraturan Wali Kota Bengkulu Nomor 3 Tahun 2021 tentang Jam Kerja", singkat: "Perwal 3/2021" },
    ]);
    expect(back.sections?.latarBelakang).toBeUndefined();
    expect(back.scope).toEqual(wording.scope);
    expect(back.display).toEqual(wording.display);
    expect(back.prohibitedActs).toEqual(wording.prohibitedActs);
    expect(back.sanctions).toEqual(wording.sanctions);
    expect(back.reporting).toEqual(wording.reporting);
  });

  it("puts a non-ASN name's message beside its own field", () => {
    const form = { "scope.asn.pns": "on", "scope.nonAsnName": "PTT" };
    const errors = issuesToFieldErrors([{ path: "scope.nonAsnName", message: "Sebutan …" }], form);
    expect(errors).toEqual({ "scope.nonAsnName": "Sebutan …" });
  });

  it("reads-one-item-per-line-and-ignores-blank-lines", () => {
    const input = formToInput({ "addressees.yth": "Kepala Dinas\r\n\r\n  Camat  \n", tembusan: "" });
    expect(input.addressees?.yth).toEqual(["Kepala Dinas", "Camat"]);
    expect(input.tembusan).toEqual([]);
  });

  it("nests-isi-points-by-leading-dashes-and-lifts-an-orphan-sub-point", () => {
    const input = formToInput({ "sections.isi": "-- yatim\nSatu\n- satu a\n-- satu a i\n--dua tanpa spasi\nDua" });
    expect(input.sections?.isi).toEqual([
      { text: "yatim" },
      { text: "Satu", points: [{ text: "satu a", points: [{ text: "satu a i" }, { text: "dua tanpa spasi" }] }] },
      { text: "Dua" },
    ]);
  });

  it("splits-prohibited-acts-and-sanctions-on-pipes", () => {
    const input = formToInput({
      prohibitedActs: "Memasang spanduk | disiplin-sedang\nTanpa jenis",
      sanctions:
        "PNS | hukuman disiplin | pp-94-2021-disiplin-pns | Pasal 5\nPTT | diputus kontraknya | se-menpanrb-1-2023-non-asn",
    });
    expect(input.prohibitedActs).toEqual([
      { text: "Memasang spanduk", sanction: "disiplin-sedang" },
      { text: "Tanpa jenis" },
    ]);
    expect(input.sanctions).toEqual([
      { who: "PNS", what: "hukuman disiplin", basis: "pp-94-2021-disiplin-pns", pasal: "Pasal 5" },
      { who: "PTT", what: "diputus kontraknya", basis: "se-menpanrb-1-2023-non-asn" },
    ]);
  });

  it("turns-checkboxes-into-booleans-and-lists", () => {
    const input = formToInput({
      "scope.asn.pns": "on",
      "sections.dasar": "uu-20-2023-asn",
      "recipients.mode": "list",
      "recipients.list": ["DINKES", "BKPSDM"],
    });
    expect(input.scope).toEqual({ asn: { pns: true, pppk: false }, nonAsn: false });
    expect(input.sections?.dasar).toEqual(["uu-20-2023-asn"]);
    expect(input.recipients).toEqual(["DINKES", "BKPSDM"]);
    expect(formToInput({ "recipients.mode": "all", "recipients.list": "DINKES" }).recipients).toBe("all");
  });

  it("leaves-empty-scalars-out-and-keeps-a-non-numeric-year-as-text", () => {
    const input = formToInput({
      "issuer.pangkat": "Pembina",
      "signer.capacityId": "  ",
      "nomor.year": "2O24",
      tentang: " Netralitas ",
      _csrf: "abc",
    });
    // A field of the old free-text issuer is no field of the form any more: it is ignored, not sent.
    expect(input.issuer).toBeUndefined();
    expect(input.signer).toBeUndefined();
    expect(input.nomor).toEqual({ year: "2O24" });
    expect(input.tentang).toBe("Netralitas");
    expect(input).not.toHaveProperty("_csrf");
    expect(formToInput({ "nomor.year": "2024" }).nomor).toEqual({ year: 2024 });
  });
});

describe("issuesToFieldErrors", () => {
  const form: FormData = { ...inputToForm(sample) };

  it("puts-each-message-on-its-field-and-says-the-line-of-list-items", () => {
    const bad: FormData = {
      ...form,
      "signer.capacityId": "",
      "sections.isi": "Satu\n\n- sub satu\n-  \nDua",
      prohibitedActs: "Memasang spanduk | disiplin-sedang\nBerkampanye | salah",
      "scope.asn.pns": "",
      "scope.asn.pppk": "",
    };
    delete bad.tentang;
    const parsed = parseEdaranInput({ ...formToInput(bad), issuer: { ...sample.issuer, nip: "12345" } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const errors = issuesToFieldErrors(parsed.issues, bad);
    // What is wrong with the issuer (filled from the account) is told at the signer choice.
    expect(errors["signer.capacityId"]).toBe("NIP harus 18 digit angka");
    expect(errors.tentang).toBe("Tentang (judul surat) wajib diisi");
    expect(errors.prohibitedActs).toMatch(/^Baris 2: Jenis sanksi harus salah satu dari/);
    expect(errors.scope).toContain("Pilih paling sedikit satu kelompok pegawai");
  });

  it("finds-the-line-of-a-nested-isi-point", () => {
    const f: FormData = { "sections.isi": "Satu\n- a\n\n- b\n-- i" };
    const errors = issuesToFieldErrors(
      [{ path: "sections.isi.0.points.1.points.0.text", message: "Teks butir terlalu panjang" }],
      f,
    );
    expect(errors).toEqual({ "sections.isi": "Baris 5: Teks butir terlalu panjang" });
  });

  it("joins-several-messages-of-one-field", () => {
    const errors = issuesToFieldErrors(
      [
        { path: "issuer.nip", message: "A" },
        { path: "signer.userId", message: "B" },
        { path: "government", message: "Kop surat diatur di Profil Pemda" },
      ],
      {},
    );
    expect(errors).toEqual({ "signer.capacityId": "A; B", government: "Kop surat diatur di Profil Pemda" });
  });
});
