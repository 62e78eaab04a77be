// Letters of every length: the sample cut to its shortest, then grown point by point in "Isi Edaran", alternating a
// plain point and a lead-in ("… wajib:") with its sub-points, so page breaks fall at every kind of paragraph.
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { makeSampleInput } from "./sample-input-fixture.js";

/** The sample letter with one short point and `points` more in "Isi Edaran" (each adds 3–8 lines). */
export function makeGrownInput(points: number): EdaranInput {
  const input = makeSampleInput();
  const [leadIn, plain] = input.sections.isi;
  if (!leadIn || !plain) throw new Error("the sample needs a lead-in point and a plain point");
  input.tentang = "Netralitas Aparatur Sipil Negara dalam Pemilihan Tahun 2024";
  input.addressees.yth = input.addressees.yth.slice(0, 1);
  input.sections.latarBelakang = [
    "Pemilihan Wali Kota dan Wakil Wali Kota dilaksanakan pada tanggal 27 November 2024.",
  ];
  input.sections.maksudTujuan = ["Surat Edaran ini menjadi pedoman dalam menjaga netralitas."];
  input.sections.ruangLingkup = ["Seluruh pegawai di lingkungan Pemerintah Kota Bengkulu."];
  input.sections.dasar = input.sections.dasar.slice(0, 1);
  input.sections.isi = [
    { text: "Setiap pegawai wajib menjaga netralitas." },
    ...Array.from({ length: points }, (_, i) => (i % 2 === 0 ? plain : leadIn)),
  ];
  input.prohibitedActs = [];
  input.sanctions = [];
  input.tembusan = input.tembusan.slice(0, 1);
  input.penutup = "Demikian untuk dilaksanakan dengan penuh tanggung jawab.";
  return input;
}
