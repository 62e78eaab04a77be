// Issue #11, "done when": letters of three Pemda of different levels, each drafted in the app under its own
// profile (set and its images uploaded by the admin through the API), each with another kind of signer, taken
// through paraf, approval and signing, downloaded as the signed DOCX, opened in LibreOffice and read back page by
// page. One instance serves the three profiles one after another, so it also shows that each letter keeps the
// profile version it was drafted with. Every page is written as PNG to test-output/three-pemda/ to be looked at.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import opdList from "../../data/opd-kota-bengkulu.json" with { type: "json" };
import kotaBengkulu from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { type ApiFixture, makeApiFixture, SEED_PASSWORD } from "../support/api-fixture.js";
import { convertWithLibreOffice, pdfPagesText } from "../support/libreoffice.js";
import { makePng } from "../support/png-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";
import { SIGNING_PASSPHRASE, seedSigner, seedSigningPassphrase } from "../support/signer-fixture.js";

const OUT = new URL("../../test-output/three-pemda/", import.meta.url).pathname;

/** A gold emblem standing in for the Garuda (the repository ships no state emblem), as the admin uploads SVG. */
const EMBLEM_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 100 100">' +
  '<path d="M50 5 L62 35 L95 38 L70 60 L78 93 L50 76 L22 93 L30 60 L5 38 L38 35 Z" fill="#c9a227"/></svg>';

interface LetterRef {
  id: string;
  status: string;
}

interface Pemda {
  name: string;
  profile: Record<string, unknown>;
  images: { slot: "lambang" | "emblem"; type: string; bytes: Uint8Array<ArrayBuffer> }[];
  letter: () => Record<string, unknown>;
  /** Who signs: the username of a signer account (seeded below with his identity and capacity). */
  signer: string;
}

/** The signer accounts of the other two Pemda; the Kota's is the seeded sample signer. */
const SIGNERS = {
  "sekda-banggai": {
    identity: {
      name: "Ir. H. Basri Lamadjido, M.H.",
      jabatan: "Plh. Sekretaris Daerah",
      pangkat: "Pembina Utama Muda",
      nip: "197001011990031001",
    },
    capacity: { prefix: "a.n.", principal: "Bupati Banggai Kepulauan" },
  },
  "wagub-bengkulu": {
    identity: { name: "Rosjonsyah", jabatan: "Wakil Gubernur Bengkulu" },
    capacity: { prefix: "Plt.", principal: "Gubernur Bengkulu" },
  },
} as const;
const capacityOf = new Map<string, string>();

const PEMDA: Pemda[] = [
  {
    // A Kota, its Pj Wali Kota signs: the kop jabatan (emblem over "WALI KOTA BENGKULU"); A4.
    name: "kota-bengkulu-pj",
    profile: kotaBengkulu,
    images: [{ slot: "emblem", type: "image/svg+xml", bytes: new TextEncoder().encode(EMBLEM_SVG) }],
    letter: () => makeSampleBody(),
    signer: "penandatangan",
  },
  {
    // A Kabupaten on F4, signed "a.n. Bupati" by a Plh. Sekretaris Daerah: the kop instansi with its lambang.
    name: "kabupaten-banggai-kepulauan-an-f4",
    profile: {
      ...kotaBengkulu,
      level: "kabupaten",
      governmentName: "Pemerintah Kabupaten Banggai Kepulauan",
      kepalaDaerah: "Bupati Banggai Kepulauan",
      kopInstansi: { address: "Jalan Merdeka Nomor 1 Salakan, Banggai Kepulauan 94871", phone: "(0462) 2222" },
      kopJabatan: "BUPATI BANGGAI KEPULAUAN",
      page: { ...kotaBengkulu.page, paper: "F4" },
    },
    images: [{ slot: "lambang", type: "image/png", bytes: makePng(300, 360, [20, 90, 40]) }],
    signer: "sekda-banggai",
    letter: () => ({
      ...makeSampleBody(),
      signer: { capacityId: capacityOf.get("sekda-banggai") },
      place: "Salakan",
      tentang: "Penggunaan Kendaraan Dinas Menjelang Hari Raya",
      addressees: {
        yth: ["Kepala Perangkat Daerah", "Camat"],
        lingkungan: "di lingkungan Pemerintah Kabupaten Banggai Kepulauan",
        tempat: "Tempat",
      },
      tembusan: ["Bupati Banggai Kepulauan (sebagai laporan)"],
    }),
  },
  {
    // A Provinsi, the Wakil Gubernur signs as Plt. Gubernur, to 42 addressees: the list goes to a Lampiran.
    name: "provinsi-bengkulu-plt-42",
    profile: {
      ...kotaBengkulu,
      level: "provinsi",
      governmentName: "Pemerintah Provinsi Bengkulu",
      kepalaDaerah: "Gubernur Bengkulu",
      kopInstansi: { address: "Jalan Pembangunan Nomor 1 Padang Harapan, Bengkulu 38225" },
      kopJabatan: "GUBERNUR BENGKULU",
    },
    images: [],
    signer: "wagub-bengkulu",
    letter: () => ({
      ...makeSampleBody(),
      signer: { capacityId: capacityOf.get("wagub-bengkulu") },
      addressees: {
        yth: [...opdList.opd.map((o) => o.head_title), "Bupati se-Provinsi Bengkulu", "Wali Kota Bengkulu"],
        tempat: "Tempat",
      },
    }),
  },
];

interface Printed {
  pages: string[];
  pageSizePt: [number, number];
  profileVersion: number;
}

let fx: ApiFixture;
const printed = new Map<string, Printed>();

async function draftSignAndDownload(p: Pemda): Promise<Printed> {
  const saved = await fx.json<{ version: number }>("PUT", "/api/pemda-profile", 200, { as: "admin", body: p.profile });
  for (const img of p.images) {
    const res = await fx.call("PUT", `/api/pemda-profile/images/${img.slot}`, {
      as: "admin",
      raw: img.bytes,
      headers: { "content-type": img.type },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  const { version } = await fx.json<{ version: number }>("GET", "/api/pemda-profile", 200, { as: "sekretariat" });
  expect(version).toBeGreaterThanOrEqual(saved.version);

  const step = (
    id: string,
    as: "sekretariat" | "kepala_opd" | "penandatangan" | { cookie: string },
    body: Record<string, unknown>,
  ) => fx.json<LetterRef>("POST", `/api/letters/${id}/transitions`, 200, { as, body });
  const draft = await fx.json<LetterRef>("POST", "/api/letters", 201, { as: "sekretariat", body: p.letter() });
  await step(draft.id, "sekretariat", { action: "submit", reviewers: [await fx.userId("kepala-bkpsdm")] });
  await step(draft.id, "kepala_opd", { action: "paraf" });
  await step(draft.id, "penandatangan", { action: "approve" });
  // Signed by the signer the letter names, with his passphrase.
  const signer = { cookie: await fx.login(p.signer) };
  await seedSigningPassphrase(fx.rt.services, await fx.userId(p.signer));
  expect(await step(draft.id, signer, { action: "sign", passphrase: SIGNING_PASSPHRASE })).toMatchObject({
    status: "signed",
  });
  const res = await fx.call("GET", `/api/letters/${draft.id}/signed.docx`, { as: "sekretariat" });
  expect(res.status).toBe(200);

  const dir = join(OUT, p.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docx = join(dir, "surat.docx");
  writeFileSync(docx, new Uint8Array(await res.arrayBuffer()));
  const pdf = convertWithLibreOffice(docx, "pdf", dir);
  execFileSync("pdftoppm", ["-r", "60", "-png", pdf, join(dir, "halaman")]);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const [w = 0, h = 0] = (/Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? []).slice(1).map(Number);
  return { pages: pdfPagesText(pdf), pageSizePt: [w, h], profileVersion: version };
}

beforeAll(async () => {
  fx = await makeApiFixture();
  for (const [username, a] of Object.entries(SIGNERS)) {
    const seeded = await seedSigner(fx.rt.store, { username, password: SEED_PASSWORD, ...a });
    capacityOf.set(username, seeded.capacityId);
  }
  // One after another: each letter is drafted under the profile the admin has just saved.
  for (const p of PEMDA) printed.set(p.name, await draftSignAndDownload(p));
}, 240_000);
afterAll(async () => {
  await fx?.close();
});

const of = (name: string): Printed => {
  const p = printed.get(name);
  if (!p) throw new Error(`${name} was not printed`);
  return p;
};
const fold = (s: string) => s.replace(/\s+/g, " ");
/** The page holding the foot: the last one with "Ditetapkan di" on it. */
const lastWith = (pages: string[], text: string) => [...pages].reverse().find((t) => t.includes(text)) ?? "";
const footPage = (p: Printed) => lastWith(p.pages, "Ditetapkan di");
const A4: [number, number] = [595, 842];
const F4: [number, number] = [609, 935];
const near = ([w, h]: [number, number], [ew, eh]: [number, number]) => Math.abs(w - ew) < 2 && Math.abs(h - eh) < 2;

describe("three Pemda, three signers, drafted and signed in the app", () => {
  it("keeps each letter on the profile version it was drafted with", () => {
    const versions = PEMDA.map((p) => of(p.name).profileVersion);
    expect(new Set(versions).size).toBe(3);
  });

  it("prints the Kota's letter its Pj signs under the kop jabatan, on A4, without NIP or pangkat", () => {
    const p = of("kota-bengkulu-pj");
    expect(near(p.pageSizePt, A4)).toBe(true);
    const first = p.pages[0] ?? "";
    expect(first).toContain("WALI KOTA BENGKULU");
    expect(first).not.toMatch(/PEMERINTAH KOTA BENGKULU|Basuki Rahmat/);
    const foot = fold(footPage(p));
    expect(foot).toContain("PENJABAT WALI KOTA BENGKULU,");
    expect(foot).toContain("ARIF GUNADI");
    expect(foot).not.toContain("NIP");
    // The signature page carries the end of the letter's text.
    expect(foot).toContain("Demikian Surat Edaran ini disampaikan");
  });

  it("prints the Kabupaten's a.n. letter under the kop instansi on F4, naming the Bupati on whose behalf it is signed", () => {
    const p = of("kabupaten-banggai-kepulauan-an-f4");
    expect(near(p.pageSizePt, F4)).toBe(true);
    const first = fold(p.pages[0] ?? "");
    expect(first).toContain("PEMERINTAH KABUPATEN BANGGAI KEPULAUAN");
    expect(first).toContain("Jalan Merdeka Nomor 1 Salakan");
    const foot = fold(footPage(p));
    expect(foot).toMatch(/a\.n\. BUPATI BANGGAI KEPULAUAN, Plh\. SEKRETARIS DAERAH,/);
    expect(foot).toContain("Ir. H. BASRI LAMADJIDO, M.H.");
    expect(foot).toContain("Pembina Utama Muda");
    expect(foot).toContain("NIP 19700101 199003 1 001");
    expect(foot).toContain("Demikian Surat Edaran ini disampaikan");
    // The TTE box names the same capacity as the foot: "a.n." then the Plh. line, twice on the page.
    expect(foot.match(/a\.n\. BUPATI BANGGAI KEPULAUAN,/g)?.length).toBe(2);
  });

  it("prints the Provinsi's letter its Plt. Gubernur signs with the 42 addressees on a Lampiran", () => {
    const p = of("provinsi-bengkulu-plt-42");
    expect(near(p.pageSizePt, A4)).toBe(true);
    const first = fold(p.pages[0] ?? "");
    expect(first).toContain("GUBERNUR BENGKULU");
    expect(first).toContain("daftar terlampir");
    expect(first).toContain("SURAT EDARAN");
    const lampiranAt = p.pages.findIndex((t) => /^\s*LAMPIRAN\b/m.test(t));
    expect(lampiranAt).toBeGreaterThan(0);
    const lampiran = fold(p.pages.slice(lampiranAt).join(" "));
    expect(lampiran).toContain("DAFTAR TUJUAN SURAT EDARAN");
    expect(lampiran).toMatch(/42\. Wali Kota Bengkulu/);
    const foot = fold(lastWith(p.pages.slice(0, lampiranAt), "Ditetapkan di"));
    expect(foot).toMatch(/Plt\. GUBERNUR BENGKULU, WAKIL GUBERNUR BENGKULU,/);
    expect(foot).toContain("ROSJONSYAH");
    expect(foot).not.toContain("NIP");
  });
});
