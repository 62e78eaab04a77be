// Letters of three Pemda of different levels, each signed by another kind of signer, built from the netralitas
// sample: the inputs and profiles the page-by-page LibreOffice tests (test/render/pemda-letters.test.ts) read back.
import opdList from "../../data/opd-kota-bengkulu.json" with { type: "json" };
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { pemdaFromInput } from "../../src/domain/pemda-from-input.js";
import { type PemdaProfile, type PemdaProfileJson, pemdaProfileSchema } from "../../src/domain/pemda-profile.js";
import { makeCliSampleBody, makeSampleLogo, parseAsStored } from "./sample-input-fixture.js";

export interface PemdaLetter {
  input: EdaranInput;
  pemda: PemdaProfile;
  images: { lambang?: Uint8Array; emblem?: Uint8Array };
  signed: boolean;
}

/** Text a letter must keep exactly: markup characters, quotes, a 60-letter word and non-Latin letters. */
export const TRICKY_WORD = "Pertanggungjawaban".repeat(3).concat("Keuangannya").slice(0, 60);
export const TRICKY_TEXT = `Kutipan "ganda" & 'tunggal', <sudut> & a > b, Jum'at; ${TRICKY_WORD} Ḥaḍramawt 中文 Ёлка`;

const parsed = (body: Record<string, unknown>): EdaranInput => parseAsStored(body);

const profile = (json: PemdaProfileJson) => pemdaProfileSchema.parse(json);

/** The sample's Kota Bengkulu, as the profile store will hold it (from the input, then a setting changed). */
function kotaProfile(input: EdaranInput, page: Partial<PemdaProfile["page"]> = {}): PemdaProfile {
  const p = pemdaFromInput(input);
  return { ...p, page: { ...p.page, ...page } };
}

const banggai = (page: PemdaProfileJson["page"]): PemdaProfile =>
  profile({
    level: "kabupaten",
    governmentName: "Pemerintah Kabupaten Banggai Kepulauan",
    kepalaDaerah: "Bupati Banggai Kepulauan",
    kopInstansi: {
      address: "Jalan Merdeka Nomor 1 Salakan, Banggai Kepulauan 94871",
      phone: "(0462) 2222",
      website: "bangkepkab.go.id",
    },
    kopJabatan: "BUPATI BANGGAI KEPULAUAN",
    ...(page ? { page } : {}),
  });

const F4 = {
  paper: "F4",
  marginsCm: { top: 2.5, bottom: 3, left: 3, right: 2.5 },
  font: "Arial",
  fontSizePt: 12,
} as const;

function banggaiBody(issuer: Record<string, unknown>): Record<string, unknown> {
  const body = makeCliSampleBody();
  body.government = {
    name: "Pemerintah Kabupaten Banggai Kepulauan",
    kop: { address: "Jalan Merdeka Nomor 1 Salakan, Banggai Kepulauan 94871" },
  };
  body.issuer = issuer;
  body.place = "Salakan";
  body.addressees = {
    yth: ["Kepala Perangkat Daerah", "Camat"],
    lingkungan: "di lingkungan Pemerintah Kabupaten Banggai Kepulauan",
    tempat: "Tempat",
  };
  return body;
}

export const PEMDA_LETTERS = {
  /** Kota Bengkulu, the Pj Wali Kota signs: kop jabatan with the emblem; signed; A4. */
  kotaPj: (): PemdaLetter => {
    const input = parsed(makeCliSampleBody());
    return { input, pemda: kotaProfile(input), images: { emblem: makeSampleLogo() }, signed: true };
  },
  /** Kabupaten Banggai Kepulauan, the Bupati signs: kop jabatan without an emblem image; unsigned; A4. */
  kabupatenBupati: (): PemdaLetter => ({
    input: parsed(banggaiBody({ jabatan: "Bupati Banggai Kepulauan", name: "Rusli Moidady" })),
    pemda: banggai(undefined),
    images: {},
    signed: false,
  }),
  /** The same Kabupaten, "a.n. Bupati" by a Plh. Sekretaris Daerah: kop instansi without a lambang; signed; F4. */
  kabupatenAnF4: (): PemdaLetter => ({
    input: parsed(
      banggaiBody({
        prefix: "a.n.",
        principal: "Bupati Banggai Kepulauan",
        jabatan: "Plh. Sekretaris Daerah",
        name: "Ir. H. Basri Lamadjido, M.H.",
        pangkat: "Pembina Utama Muda",
        nip: "197001011990031001",
      }),
    ),
    pemda: banggai(F4),
    images: {},
    signed: true,
  }),
  /** Provinsi Bengkulu, the Wakil Gubernur signs as Plt. Gubernur; the tricky text throughout; unsigned; A4. */
  provinsiPlt: (): PemdaLetter => {
    const body = makeCliSampleBody();
    body.government = {
      name: "Pemerintah Provinsi Bengkulu",
      kop: { address: "Jalan Pembangunan Nomor 1 Padang Harapan, Bengkulu 38225" },
    };
    body.issuer = {
      prefix: "Plt.",
      principal: "Gubernur Bengkulu",
      jabatan: "Wakil Gubernur Bengkulu",
      name: "Rosjonsyah",
    };
    body.tentang = `Uji Teks ${TRICKY_TEXT}`;
    body.tembusan = [`Menteri Dalam Negeri di Jakarta & ${TRICKY_TEXT}`];
    const input = parsed(body);
    input.sections.latarBelakang = [TRICKY_TEXT, ...(input.sections.latarBelakang ?? [])];
    return { input, pemda: pemdaFromInput(input), images: {}, signed: false };
  },
  /** Kota Bengkulu to 42 addressees (its 40 OPD heads, camat and lurah): the list goes to a Lampiran; signed. */
  kota42: (): PemdaLetter => {
    const body = makeCliSampleBody();
    body.addressees = {
      yth: [...opdList.opd.map((o) => o.head_title), "Camat se-Kota Bengkulu", "Lurah se-Kota Bengkulu"],
      lingkungan: "di lingkungan Pemerintah Kota Bengkulu",
      tempat: "Tempat",
    };
    const input = parsed(body);
    return { input, pemda: kotaProfile(input), images: { emblem: makeSampleLogo() }, signed: true };
  },
} as const;
export type PemdaLetterName = keyof typeof PEMDA_LETTERS;
