import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LIST_LIMITS, nipProblems, parseEdaranInput } from "../../src/domain/edaran-input.js";

const SAMPLE = new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url);
type Json = Record<string, unknown>;
const sample = (): Json => JSON.parse(readFileSync(SAMPLE, "utf8")) as Json;

/** Sets (or, with undefined, deletes) the value at a dotted path of parsed JSON. */
function set(root: Json, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  let node = root as Record<string, unknown>;
  for (const k of keys) node = node[k] as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function issuesOf(mutate: (j: Json) => void) {
  const j = sample();
  mutate(j);
  const r = parseEdaranInput(j);
  if (r.ok) throw new Error("expected a refusal");
  return r.issues;
}

describe("edaranInputSchema", () => {
  it("accepts the netralitas sample", () => {
    const r = parseEdaranInput(sample());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.issuer.name).toBe("Arif Gunadi");
      expect(r.value.sections.dasar).toContain("pp-94-2021-disiplin-pns");
    }
  });

  it("accepts-nip-pangkat-and-gelar-for-a-sekretaris-daerah-who-signs-a-n", () => {
    const j = sample();
    set(j, "issuer", {
      prefix: "a.n.",
      principal: "Bupati Banggai Kepulauan",
      jabatan: "Plh. Sekretaris Daerah",
      name: "Ir. H. Basri Lamadjido, M.H.",
      pangkat: "Pembina Utama Muda",
      nip: "197001011990031001",
    });
    expect(parseEdaranInput(j).ok).toBe(true);
  });

  it("accepts a NIP typed with its usual spaces and keeps its 18 digits", () => {
    const j = sample();
    set(j, "issuer", {
      prefix: "a.n.",
      principal: "Bupati Banggai Kepulauan",
      jabatan: "Plh. Sekretaris Daerah",
      name: "Ir. H. Basri Lamadjido, M.H.",
      nip: " 19700101 199003 1 001 ",
    });
    const r = parseEdaranInput(j);
    expect(r.ok && r.value.issuer.nip).toBe("197001011990031001");
    // Spaces are presentation only: a digit too few is still refused.
    set(j, "issuer.nip", "19700101 199003 1 00");
    expect(parseEdaranInput(j).ok).toBe(false);
  });

  const cases: [string, (j: Json) => void, string, RegExp][] = [
    ["a NIP that is not 18 digits", (j) => set(j, "issuer.nip", "19700101199003100"), "issuer.nip", /18 digit/],
    [
      "a NIP whose birth date does not exist",
      (j) => set(j, "issuer.nip", "197002301990031001"),
      "issuer.nip",
      /tanggal lahir/,
    ],
    ["a NIP whose TMT month is 13", (j) => set(j, "issuer.nip", "197001011990131001"), "issuer.nip", /pengangkatan/],
    ["a NIP whose gender digit is 3", (j) => set(j, "issuer.nip", "197001011990033001"), "issuer.nip", /digit ke-15/],
    ["a missing tentang", (j) => set(j, "tentang", undefined), "tentang", /wajib diisi/],
    ["an empty jabatan", (j) => set(j, "issuer.jabatan", "  "), "issuer.jabatan", /tidak boleh kosong/],
    ["an a.n. prefix without the principal", (j) => set(j, "issuer.prefix", "a.n."), "issuer.principal", /a\.n\./],
    ["an unknown prefix", (j) => set(j, "issuer.prefix", "Pj."), "issuer.prefix", /Awalan/],
    [
      "a NIP for a Pj wali kota",
      (j) => set(j, "issuer.nip", "197001011990031001"),
      "issuer.nip",
      /NIP tidak dicantumkan untuk kepala daerah.*Pasal 44/,
    ],
    [
      "a pangkat for a Pj wali kota",
      (j) => set(j, "issuer.pangkat", "Pembina Utama Muda"),
      "issuer.pangkat",
      /Pangkat tidak dicantumkan untuk kepala daerah.*Pasal 44/,
    ],
    [
      "a NIP for a Plt. bupati who is the wakil",
      (j) => {
        set(j, "issuer", { prefix: "Plt.", principal: "Bupati Kudus", jabatan: "Wakil Bupati", name: "Hartopo" });
        set(j, "issuer.nip", "197001011990031001");
      },
      "issuer.nip",
      /NIP tidak dicantumkan/,
    ],
    [
      "a gelar for a Pj wali kota",
      (j) => set(j, "issuer.name", "Dr. Arif Gunadi, M.Si."),
      "issuer.name",
      /Gelar \(Dr\., M\.Si\.\)/,
    ],
    [
      "a dasar that is neither a catalogue code nor a citation",
      (j) => set(j, "sections.dasar.7", "PP 94/2021"),
      "sections.dasar.7",
      /huruf kecil, angka dan tanda -/,
    ],
    [
      "an inline dasar without its title",
      (j) => set(j, "sections.dasar.7", { singkat: "Peraturan Daerah Nomor 1 Tahun 2020" }),
      "sections.dasar.7",
      /^Judul lengkap dasar hukum wajib diisi$/,
    ],
    [
      "an inline dasar with an unknown field",
      (j) => set(j, "sections.dasar.7", { judul: "Peraturan Daerah Nomor 1 Tahun 2020 tentang X", nomor: "1" }),
      "sections.dasar.7",
      /Kolom tidak dikenal: nomor/,
    ],
    [
      "an inline dasar title past its length",
      (j) => set(j, "sections.dasar.7", { judul: "x".repeat(1001) }),
      "sections.dasar.7.judul",
      /paling banyak 1000 karakter/,
    ],
    [
      "an inline dasar title with a control character",
      (j) => set(j, "sections.dasar.7", { judul: "Peraturan\u0007 Daerah" }),
      "sections.dasar.7.judul",
      /karakter kendali/,
    ],
    [
      "an inline dasar given twice",
      (j) => {
        set(j, "sections.dasar.7", { judul: "Peraturan Daerah Nomor 1 Tahun 2020 tentang X" });
        set(j, "sections.dasar.8", { judul: "Peraturan Daerah Nomor 1 Tahun 2020 tentang X" });
      },
      "sections.dasar.8",
      /lebih dari sekali/,
    ],
    [
      "a dasar id listed twice",
      (j) => set(j, "sections.dasar.7", "uu-20-2023-asn"),
      "sections.dasar.7",
      /lebih dari sekali/,
    ],
    [
      "an inline sanction basis with an empty short name",
      (j) => set(j, "sanctions.1.basis", { judul: "Peraturan Daerah Nomor 1 Tahun 2020 tentang X", singkat: " " }),
      "sanctions.1.basis.singkat",
      /Nama singkat dasar hukum tidak boleh kosong/,
    ],
    [
      "a prohibited act without its class while classes are shown",
      (j) => set(j, "prohibitedActs.2.sanction", undefined),
      "prohibitedActs.2.sanction",
      /wajib diisi selama jenis sanksi dicantumkan/,
    ],
    [
      "a non-ASN name for a letter that leaves non-ASN staff out",
      (j) => set(j, "scope", { asn: { pns: true, pppk: true }, nonAsn: false, nonAsnName: "PTT/non-ASN" }),
      "scope.nonAsnName",
      /tidak termasuk cakupan/,
    ],
    ["an empty reporter", (j) => set(j, "reporting", { who: "  " }), "reporting.who", /tidak boleh kosong/],
    [
      "a sanction-class switch that is not a boolean",
      (j) => set(j, "display", { sanctionClassAfterActs: "ya" }),
      "display.sanctionClassAfterActs",
      /true atau false/,
    ],
    [
      "a fourth level of isi points",
      (j) => set(j, "sections.isi.0.points.2.points.0.points", [{ text: "x" }]),
      "sections.isi.0.points.2.points.0",
      /3 tingkat/,
    ],
    ["an empty isi point text", (j) => set(j, "sections.isi.1.text", ""), "sections.isi.1.text", /tidak boleh kosong/],
    [
      "a scope with nobody in it",
      (j) => set(j, "scope", { asn: { pns: false, pppk: false }, nonAsn: false }),
      "scope",
      /paling sedikit satu/,
    ],
    ["a scope flag that is not a boolean", (j) => set(j, "scope.nonAsn", "ya"), "scope.nonAsn", /true atau false/],
    [
      "an unknown sanction class",
      (j) => set(j, "prohibitedActs.3.sanction", "berat"),
      "prohibitedActs.3.sanction",
      /Jenis sanksi/,
    ],
    [
      "an ack deadline before the letter",
      (j) => set(j, "ackDeadline", "2024-10-01"),
      "ackDeadline",
      /sebelum tanggal surat/,
    ],
    [
      "a letter date that does not exist",
      (j) => set(j, "date", "2024-02-31"),
      "date",
      /^Tanggal surat 2024-02-31 bukan tanggal yang ada \(Februari 2024 hanya sampai tanggal 29\)$/,
    ],
    [
      "an ack deadline that does not exist",
      (j) => set(j, "ackDeadline", "2025-02-29"),
      "ackDeadline",
      /^Batas waktu tanda terima 2025-02-29 bukan tanggal yang ada \(Februari 2025 hanya sampai tanggal 28\)$/,
    ],
    ["a month that does not exist", (j) => set(j, "date", "2024-13-01"), "date", /bulan hanya 01 sampai 12/],
    ["a malformed letter date", (j) => set(j, "date", "2024-2-3"), "date", /format TTTT-BB-HH/],
    ["a malformed ack deadline", (j) => set(j, "ackDeadline", "31/10/2024"), "ackDeadline", /format TTTT-BB-HH/],
    ["a kode klasifikasi that is not a number", (j) => set(j, "nomor.kka", "KP"), "nomor.kka", /800/],
    ["a lower-case unit code", (j) => set(j, "nomor.unit", "bkpsdm"), "nomor.unit", /BKPSDM/],
    ["a nomor year other than the letter's", (j) => set(j, "nomor.year", 2023), "nomor.year", /tahun tanggal surat/],
    ["a pattern without {seq}", (j) => set(j, "nomor.pattern", "{kka}/{unit}/{year}"), "nomor.pattern", /\{seq\}/],
    ["a bad kop email", (j) => set(j, "government.kop.email", "setda-at-kota"), "government.kop.email", /Email/],
    [
      "a logo outside data/",
      (j) => set(j, "government.kop.logo", "../etc/passwd.png"),
      "government.kop.logo",
      /data\//,
    ],
    ["no addressees", (j) => set(j, "addressees.yth", []), "addressees.yth", /paling sedikit/],
    ["recipients that are neither all nor codes", (j) => set(j, "recipients", "semua"), "recipients", /"all"/],
    [
      "a recipient code in lower case",
      (j) => set(j, "recipients", ["DISKOMINFO", "inspektorat"]),
      "recipients.1",
      /huruf besar/,
    ],
    ["an unknown field (typo)", (j) => set(j, "tembusans", []), "(root)", /tembusans/],
  ];

  for (const [name, mutate, path, message] of cases) {
    it(`rejects ${name} at ${path}`, () => {
      const issues = issuesOf(mutate);
      const hit = issues.find((i) => i.path === path);
      expect(hit, JSON.stringify(issues)).toBeDefined();
      expect(hit?.message).toMatch(message);
    });
  }

  // Characters XML 1.0 cannot hold would make the DOCX unopenable; the secretary is told which field has one.
  const unprintable: [string, string][] = [
    ["U+0001", "\u0001"],
    ["U+FFFE", "\uFFFE"],
    ["U+FFFF", "\uFFFF"],
    ["a lone surrogate U+D800", "\uD800"],
  ];
  const unprintableFields: [string, string, RegExp][] = [
    ["tentang", "tentang", /^Tentang \(judul surat\) memuat karakter kendali yang tidak dapat dicetak$/],
    ["an isi point", "sections.isi.1.text", /^Teks butir memuat karakter kendali/],
    ["a nested isi point", "sections.isi.0.points.2.points.0.text", /^Teks butir memuat karakter kendali/],
    ["the government name", "government.name", /^Nama pemerintah daerah memuat karakter kendali/],
    ["the kop address", "government.kop.address", /^Alamat kop memuat karakter kendali/],
    ["the signer's name", "issuer.name", /^Nama penandatangan memuat karakter kendali/],
    ["an addressee", "addressees.yth.0", /^Tujuan \(Yth\.\) memuat karakter kendali/],
    ["a background paragraph", "sections.latarBelakang.0", /^Paragraf latar belakang memuat karakter kendali/],
    ["a tembusan line", "tembusan.0", /^Tembusan memuat karakter kendali/],
    ["a sanction", "sanctions.0.what", /^Uraian sanksi memuat karakter kendali/],
    ["the nomor pattern", "nomor.pattern", /^Pola nomor memuat karakter kendali/],
  ];
  const get = (root: Json, path: string): unknown =>
    path.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], root);
  for (const [charName, char] of unprintable)
    for (const [fieldName, path, message] of unprintableFields)
      it(`rejects ${charName} in ${fieldName} at ${path}`, () => {
        const issues = issuesOf((j) => {
          const before = path === "nomor.pattern" ? "{kka}/{seq}/{unit}/{year}" : String(get(j, path));
          set(j, path, `${before.slice(0, 5)}${char}${before.slice(5)}`);
        });
        expect(issues, JSON.stringify(issues)).toEqual([{ path, message: expect.stringMatching(message) }]);
      });

  it("accepts a letter without Latar Belakang, Maksud dan Tujuan and Ruang Lingkup, absent or empty", () => {
    const j = sample();
    set(j, "sections.latarBelakang", undefined);
    set(j, "sections.maksudTujuan", []);
    set(j, "sections.ruangLingkup", undefined);
    const r = parseEdaranInput(j);
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
  });

  it("still requires Dasar and Isi Edaran", () => {
    const issues = issuesOf((j) => {
      set(j, "sections.dasar", []);
      set(j, "sections.isi", undefined);
    });
    expect(issues.map((i) => i.path).sort()).toEqual(["sections.dasar", "sections.isi"]);
  });

  it("accepts prohibited acts without a class when the letter prints no class", () => {
    const j = sample();
    set(j, "display", { sanctionClassAfterActs: false });
    set(j, "prohibitedActs", [{ text: "menggunakan kendaraan dinas untuk mudik" }]);
    const r = parseEdaranInput(j);
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
  });

  it("accepts legal bases given with their full title, in Dasar and in a sanction clause", () => {
    const j = sample();
    const perda = { judul: "Peraturan Daerah Kota Bengkulu Nomor 1 Tahun 2020 tentang X", singkat: "Perda 1/2020" };
    set(j, "sections.dasar.7", perda);
    set(j, "sanctions.1.basis", { judul: perda.judul });
    const r = parseEdaranInput(j);
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
    if (r.ok) expect(r.value.sections.dasar[7]).toEqual(perda);
  });

  it("accepts tabs, line breaks and characters beyond the BMP in free text", () => {
    const j = sample();
    set(j, "sections.latarBelakang.0", "Baris pertama\n\tbaris kedua\r\nbaris ketiga 𝐀 ✓");
    set(j, "tentang", "Netralitas ASN — Pilkada 2024 😀");
    const r = parseEdaranInput(j);
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
  });

  it("lists every problem at once", () => {
    const issues = issuesOf((j) => {
      set(j, "tentang", undefined);
      set(j, "issuer.nip", "123");
      set(j, "scope.asn.pns", "ya");
      set(j, "ackDeadline", "2024-09-01");
    });
    expect(issues.map((i) => i.path).sort()).toEqual(["ackDeadline", "issuer.nip", "scope.asn.pns", "tentang"]);
  });

  it("refuses a non-object with one root problem", () => {
    const r = parseEdaranInput([1, 2]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toBe("(root)");
  });
});

describe("nipProblems", () => {
  it("accepts a well-formed NIP", () => {
    expect(nipProblems("198503152010012003")).toEqual([]);
  });
  it("refuses a TMT before the birth date", () => {
    expect(nipProblems("199001011985031001").join()).toMatch(/sesudah tanggal lahir/);
  });
});

describe("list limits", () => {
  it("accepts a list at its limit and refuses one past it with one message naming the limit", () => {
    const acts = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ text: `Larangan ${i}`, sanction: "disiplin-berat" }));
    expect(parseEdaranInput({ ...sample(), prohibitedActs: acts(LIST_LIMITS.prohibitedActs) }).ok).toBe(true);
    const r = parseEdaranInput({ ...sample(), prohibitedActs: acts(LIST_LIMITS.prohibitedActs + 1) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { path: "prohibitedActs", message: `Daftar larangan paling banyak ${LIST_LIMITS.prohibitedActs} butir` },
    ]);
  });

  it("checks at most one item past the limit of a hostile list of 100,000 bad items", () => {
    const bad = Array.from({ length: 100_000 }, () => ({ text: "", sanction: "bukan-jenis" }));
    const j = sample();
    set(j, "prohibitedActs", bad);
    set(j, "sections.isi", bad);
    const r = parseEdaranInput(j);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const acts = r.issues.filter((i) => i.path.startsWith("prohibitedActs"));
    expect(acts.some((i) => i.path === "prohibitedActs" && /paling banyak 100 butir/.test(i.message))).toBe(true);
    // Items 0..100 are checked (two problems each at most), item 101 onwards never.
    expect(
      acts.every((i) => i.path === "prohibitedActs" || Number(i.path.split(".")[1]) <= LIST_LIMITS.prohibitedActs),
    ).toBe(true);
    expect(r.issues.some((i) => i.path === "sections.isi" && /paling banyak/.test(i.message))).toBe(true);
  });
});
