// The policy input of one Surat Edaran: what a secretary writes, checked before anything is drafted or rendered.
// Every message is for the secretary (Bahasa Indonesia) and every problem is reported at once, with its path.
import { z } from "zod";
import { compareIsoDates, isValidDate, parseIsoDate } from "./indonesian-date.js";
import { findLegalBase } from "./legal-bases.js";
import { printable } from "./printable-text.js";
import { academicDegrees, isKepalaDaerahFamily } from "./signer-block.js";
import { toValidationIssues, type ValidationIssue } from "./validation-issues.js";

type RawIssue = z.core.$ZodRawIssue;

const missingOr = (label: string, wrongType: string) => (iss: RawIssue) =>
  iss.input === undefined ? `${label} wajib diisi` : `${label} ${wrongType}`;

// Control characters cannot go into the DOCX (the renderer would drop them silently), so the secretary is told
// instead (printable-text.ts). Tab and newline are ordinary text and stay allowed.

function teks(label: string, max = 3000) {
  return z
    .string({ error: missingOr(label, "harus berupa teks") })
    .trim()
    .min(1, `${label} tidak boleh kosong`)
    .max(max, `${label} terlalu panjang (paling banyak ${max} karakter)`)
    .refine(...printable(label));
}

/**
 * The most items each list may hold: far above any real letter (Kota Bengkulu's sample has 12 prohibited acts,
 * 40 OPDs), low enough that a hostile post is refused in bounded time with one clear message.
 */
export const LIST_LIMITS = {
  "addressees.yth": 60,
  "sections.latarBelakang": 30,
  "sections.maksudTujuan": 30,
  "sections.ruangLingkup": 30,
  "sections.dasar": 60,
  "sections.isi": 100,
  points: 50,
  recipients: 500,
  prohibitedActs: 100,
  sanctions: 50,
  tembusan: 30,
} as const;
export type LimitedList = keyof typeof LIST_LIMITS;

function daftar<T extends z.ZodType>(item: T, label: string, list: LimitedList, min = 1) {
  const max = LIST_LIMITS[list];
  return z
    .array(item, { error: missingOr(label, "harus berupa daftar") })
    .min(min, `${label} paling sedikit berisi ${min} butir`)
    .max(max, `${label} paling banyak ${max} butir`);
}

function objek<S extends z.core.$ZodLooseShape>(shape: S, label: string) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `Kolom tidak dikenal: ${iss.keys.join(", ")}`
        : missingOr(label, "harus berupa objek { … }")(iss),
  });
}

const isoDate = (label: string) =>
  z
    .string({ error: missingOr(label, "harus berupa teks tanggal TTTT-BB-HH") })
    .refine(
      (s) => parseIsoDate(s) !== null,
      `${label} harus tanggal yang valid dengan format TTTT-BB-HH, misalnya 2024-10-02`,
    );

// --- NIP: 18 digits = birth date (8) + TMT CPNS year-month (6) + gender (1) + sequence (3).
export function nipProblems(nip: string): string[] {
  if (!/^\d{18}$/.test(nip)) return ["NIP harus 18 digit angka tanpa spasi"];
  const problems: string[] = [];
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const ty = Number(nip.slice(8, 12));
  const tm = Number(nip.slice(12, 14));
  const birthOk = by >= 1900 && isValidDate(by, bm, bd);
  if (!birthOk) problems.push("NIP tidak valid: digit 1–8 harus tanggal lahir (TTTTBBHH)");
  const tmtOk = ty >= 1900 && tm >= 1 && tm <= 12;
  if (!tmtOk) problems.push("NIP tidak valid: digit 9–14 harus tahun dan bulan pengangkatan (TTTTBB)");
  if (birthOk && tmtOk && ty * 100 + tm <= by * 100 + bm)
    problems.push("NIP tidak valid: bulan pengangkatan (digit 9–14) harus sesudah tanggal lahir (digit 1–8)");
  const g = nip[14];
  if (g !== "1" && g !== "2") problems.push("NIP tidak valid: digit ke-15 harus 1 (laki-laki) atau 2 (perempuan)");
  return problems;
}

const legalBaseId = (label: string) =>
  z
    .string({ error: missingOr(label, "harus berupa kode dasar hukum") })
    .refine((id) => findLegalBase(id) !== undefined, {
      error: (iss) => `${label} "${String(iss.input)}" tidak ada dalam katalog dasar hukum (data/legal-bases.json)`,
    });

const uniqueItems = (label: string) => (items: readonly string[], ctx: z.core.$RefinementCtx<readonly string[]>) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item))
      ctx.addIssue({ code: "custom", path: [i], message: `${label} "${item}" tercantum lebih dari sekali` });
    seen.add(item);
  });
};

// --- Parts of the letter.

export const governmentSchema = objek(
  {
    name: teks("Nama pemerintah daerah", 120),
    kop: objek(
      {
        address: teks("Alamat kop", 300),
        phone: teks("Telepon kop", 80).optional(),
        email: z.email({ error: "Email kop tidak valid, contoh: setda@bengkulukota.go.id" }).optional(),
        website: teks("Laman kop", 120).optional(),
        logo: z
          .string({ error: missingOr("Berkas logo", "harus berupa teks") })
          .regex(
            /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._\-/]*\.png$/,
            "Berkas logo harus berkas .png di dalam folder data/, misalnya logo-kota-bengkulu.png",
          )
          .optional(),
      },
      "Kop surat",
    ),
  },
  "Pemerintah daerah",
);

export const ISSUER_PREFIXES = ["a.n.", "Plt.", "Plh."] as const;

export const issuerSchema = objek(
  {
    prefix: z.enum(ISSUER_PREFIXES, { error: 'Awalan jabatan harus "a.n.", "Plt." atau "Plh."' }).optional(),
    /**
     * For "a.n.": the jabatan on whose behalf the signer signs, e.g. "Bupati Kudus". For "Plt."/"Plh.": the
     * jabatan the signer stands in for ("Bupati Kudus" over the jabatan "Wakil Bupati"); without it the prefix
     * goes before the jabatan. See domain/signer-block.ts.
     */
    principal: teks("Jabatan yang diwakili (a.n.)", 150).optional(),
    jabatan: teks("Jabatan penandatangan", 150),
    name: teks("Nama penandatangan", 120),
    pangkat: teks("Pangkat penandatangan", 120).optional(),
    // Its digits are checked below, with the Pasal 44 rule, so a NIP gets one kind of answer at a time.
    nip: z.string({ error: missingOr("NIP", "harus berupa teks 18 digit") }).optional(),
  },
  "Penandatangan",
).superRefine(
  (issuer, ctx) => {
    // Runs even when other issuer fields failed, so every problem is listed at once; hence the raw reads.
    const raw: Partial<Record<"prefix" | "principal" | "jabatan" | "name" | "pangkat" | "nip", unknown>> = issuer;
    const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
    const prefix = ISSUER_PREFIXES.find((p) => p === raw.prefix);
    const principal = text(raw.principal);
    const jabatan = text(raw.jabatan);
    const nip = typeof raw.nip === "string" ? raw.nip : undefined;
    if (prefix === "a.n." && !principal)
      ctx.addIssue({
        code: "custom",
        path: ["principal"],
        message: 'Dengan awalan "a.n." isi juga jabatan yang diwakili',
      });
    // Pasal 44 Permendagri 1/2023: no gelar, pangkat or NIP for the kepala daerah family. Told, not dropped.
    const family = jabatan !== undefined && isKepalaDaerahFamily({ prefix, principal, jabatan });
    const who = "kepala daerah, wakil kepala daerah, atau Pj/Plt./Plh. kepala daerah";
    const pasal44 = "(Pasal 44 Permendagri 1/2023)";
    if (family && text(raw.pangkat))
      ctx.addIssue({
        code: "custom",
        path: ["pangkat"],
        message: `Pangkat tidak dicantumkan untuk ${who} ${pasal44}; kosongkan kolom ini`,
      });
    // Wrong digits are named first (a NIP mistyped is the likelier slip); a well-formed one is refused by the rule.
    const nipIssues = nip === undefined ? [] : nipProblems(nip);
    for (const message of nipIssues) ctx.addIssue({ code: "custom", path: ["nip"], message });
    if (family && nip !== undefined && nipIssues.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["nip"],
        message: `NIP tidak dicantumkan untuk ${who} ${pasal44}; kosongkan kolom ini`,
      });
    const name = text(raw.name);
    const degrees = family && name !== undefined ? academicDegrees(name) : [];
    if (degrees.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: `Gelar (${degrees.join(", ")}) tidak dicantumkan untuk ${who} ${pasal44}; tulis nama tanpa gelar`,
      });
  },
  { when: (payload) => typeof payload.value === "object" && payload.value !== null },
);

export const nomorPartsSchema = objek(
  {
    kka: z
      .string({ error: missingOr("Kode klasifikasi arsip", "harus berupa teks") })
      .regex(/^\d{3}(\.\d{1,3}){0,3}$/, "Kode klasifikasi arsip harus seperti 800 atau 800.1.4"),
    unit: z
      .string({ error: missingOr("Kode unit pengolah", "harus berupa teks") })
      .regex(/^[A-Z0-9][A-Z0-9.-]*$/, "Kode unit pengolah harus huruf besar/angka, misalnya BKPSDM.II"),
    year: z
      .number({ error: missingOr("Tahun nomor surat", "harus berupa angka") })
      .int("Tahun nomor surat harus bilangan bulat")
      .min(2000, "Tahun nomor surat tidak masuk akal")
      .max(2100, "Tahun nomor surat tidak masuk akal"),
    pattern: z
      .string({ error: missingOr("Pola nomor", "harus berupa teks") })
      .refine((p) => p.includes("{seq}"), "Pola nomor harus memuat {seq} untuk nomor urut")
      .refine(...printable("Pola nomor"))
      .optional(),
  },
  "Bagian nomor surat",
);

export const addresseesSchema = objek(
  {
    yth: daftar(teks("Tujuan (Yth.)", 200), "Tujuan (Yth.)", "addressees.yth"),
    /** Line after the list, e.g. "di lingkungan Pemerintah Kota Bengkulu". */
    lingkungan: teks("Keterangan tujuan", 200).optional(),
    /** "Tempat" or a town: printed as "di -" then this word. */
    tempat: teks("Tempat tujuan", 80),
  },
  "Tujuan surat",
);

// Nested numbered points of "Isi Edaran", at most three levels (a. / 1) / a)).
const pointLevel3 = z.strictObject(
  { text: teks("Teks butir") },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? iss.keys.includes("points")
          ? "Butir isi edaran paling banyak 3 tingkat (a. / 1) / a)); tingkat ke-4 tidak diperbolehkan"
          : `Kolom tidak dikenal: ${iss.keys.join(", ")}`
        : missingOr("Butir", "harus berupa objek { … }")(iss),
  },
);
const pointLevel2 = objek(
  { text: teks("Teks butir"), points: daftar(pointLevel3, "Sub-butir", "points").optional() },
  "Butir",
);
const pointLevel1 = objek(
  { text: teks("Teks butir"), points: daftar(pointLevel2, "Sub-butir", "points").optional() },
  "Butir",
);
export type IsiPoint = z.infer<typeof pointLevel1>;

export const sectionsSchema = objek(
  {
    latarBelakang: daftar(teks("Paragraf latar belakang"), "Latar belakang", "sections.latarBelakang"),
    maksudTujuan: daftar(teks("Paragraf maksud dan tujuan"), "Maksud dan tujuan", "sections.maksudTujuan"),
    ruangLingkup: daftar(teks("Paragraf ruang lingkup"), "Ruang lingkup", "sections.ruangLingkup"),
    dasar: daftar(legalBaseId("Dasar hukum"), "Dasar hukum", "sections.dasar").superRefine(uniqueItems("Dasar hukum")),
    isi: daftar(pointLevel1, "Isi edaran", "sections.isi"),
  },
  "Bagian isi surat",
);

export const scopeSchema = objek(
  {
    asn: objek(
      {
        pns: z.boolean({ error: "Berlaku untuk PNS harus diisi true atau false" }),
        pppk: z.boolean({ error: "Berlaku untuk PPPK harus diisi true atau false" }),
      },
      "Cakupan ASN",
    ),
    nonAsn: z.boolean({ error: "Berlaku untuk non-ASN/PTT harus diisi true atau false" }),
  },
  "Cakupan pegawai",
).refine(
  (s) => s.asn.pns || s.asn.pppk || s.nonAsn,
  "Pilih paling sedikit satu kelompok pegawai: PNS, PPPK atau non-ASN/PTT",
);

export const SANCTION_CLASSES = {
  etik: "sanksi moral atas pelanggaran kode etik",
  disiplin: "hukuman disiplin",
  "disiplin-ringan": "hukuman disiplin ringan",
  "disiplin-sedang": "hukuman disiplin sedang",
  "disiplin-berat": "hukuman disiplin berat",
  "disiplin-pidana": "hukuman disiplin dan ancaman pidana",
  pemberhentian: "pemberhentian",
} as const;
export type SanctionClass = keyof typeof SANCTION_CLASSES;
// cast: Object.keys widens to string[]; z.enum needs the keys as a non-empty tuple of the union
const sanctionClassKeys = Object.keys(SANCTION_CLASSES) as [SanctionClass, ...SanctionClass[]];

export const prohibitedActSchema = objek(
  {
    text: teks("Uraian larangan"),
    sanction: z.enum(sanctionClassKeys, {
      error: `Jenis sanksi harus salah satu dari: ${sanctionClassKeys.join(", ")}`,
    }),
  },
  "Larangan",
);

export const sanctionClauseSchema = objek(
  {
    who: teks("Pihak yang dikenai sanksi", 200),
    what: teks("Uraian sanksi"),
    basis: legalBaseId("Dasar sanksi"),
    /** Article within the basis, e.g. "Pasal 5 huruf n". */
    pasal: teks("Pasal dasar sanksi", 120).optional(),
  },
  "Ketentuan sanksi",
);

const opdCode = z
  .string({ error: missingOr("Kode perangkat daerah", "harus berupa teks") })
  .regex(/^[A-Z0-9][A-Z0-9.-]*$/, "Kode perangkat daerah harus huruf besar/angka, misalnya DISKOMINFO");

export const recipientsSchema = z.union(
  [
    z.literal("all"),
    daftar(opdCode, "Daftar penerima", "recipients").superRefine(uniqueItems("Kode perangkat daerah")),
  ],
  { error: 'Penerima harus "all" (semua perangkat daerah) atau daftar kode perangkat daerah' },
);

export const DEFAULT_PENUTUP = "Demikian Surat Edaran ini disampaikan untuk dilaksanakan dengan penuh tanggung jawab.";

export const edaranInputSchema = objek(
  {
    // Optional: in the app the kop comes from the Pemda profile (src/pemda/); the CLI may still give it here.
    government: governmentSchema.optional(),
    issuer: issuerSchema,
    nomor: nomorPartsSchema,
    tentang: teks("Tentang (judul surat)", 300),
    addressees: addresseesSchema,
    sections: sectionsSchema,
    scope: scopeSchema,
    prohibitedActs: daftar(prohibitedActSchema, "Daftar larangan", "prohibitedActs", 0).default([]),
    sanctions: daftar(sanctionClauseSchema, "Ketentuan sanksi", "sanctions", 0).default([]),
    ackDeadline: isoDate("Batas waktu tanda terima"),
    place: teks("Tempat penetapan", 80),
    date: isoDate("Tanggal surat"),
    tembusan: daftar(teks("Tembusan", 200), "Tembusan", "tembusan", 0).default([]),
    recipients: recipientsSchema,
    penutup: teks("Kalimat penutup", 1000).default(DEFAULT_PENUTUP),
  },
  "Data surat edaran",
).superRefine(
  (v, ctx) => {
    // Runs even when other fields failed, so the secretary sees this problem in the same list.
    const raw: { date?: unknown; ackDeadline?: unknown; nomor?: { year?: unknown } } = v;
    const date = typeof raw.date === "string" && parseIsoDate(raw.date) ? raw.date : null;
    const ack = typeof raw.ackDeadline === "string" && parseIsoDate(raw.ackDeadline) ? raw.ackDeadline : null;
    if (date && ack && compareIsoDates(ack, date) < 0)
      ctx.addIssue({
        code: "custom",
        path: ["ackDeadline"],
        message: "Batas waktu tanda terima tidak boleh sebelum tanggal surat",
      });
    const year = raw.nomor?.year;
    if (date && typeof year === "number" && Number(date.slice(0, 4)) !== year)
      ctx.addIssue({
        code: "custom",
        path: ["nomor", "year"],
        message: "Tahun nomor surat harus sama dengan tahun tanggal surat",
      });
  },
  { when: (payload) => typeof payload.value === "object" && payload.value !== null },
);

export type EdaranInput = z.infer<typeof edaranInputSchema>;
/** What the JSON file may contain (defaults not yet applied). */
export type EdaranInputJson = z.input<typeof edaranInputSchema>;

export type ParseResult = { ok: true; value: EdaranInput } | { ok: false; issues: ValidationIssue[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** One item past the limit is enough for the schema to say "paling banyak N butir"; the rest is never checked. */
function clip(list: unknown, limit: number): unknown {
  return Array.isArray(list) && list.length > limit + 1 ? list.slice(0, limit + 1) : list;
}

function clipPoints(points: unknown, limit: number): unknown {
  const clipped = clip(points, limit);
  if (!Array.isArray(clipped)) return clipped;
  return clipped.map((p) =>
    isObject(p) && "points" in p ? { ...p, points: clipPoints(p.points, LIST_LIMITS.points) } : p,
  );
}

/**
 * A copy of the raw input whose lists hold at most one item past their limit, so a hostile post of 100,000
 * bad items costs the same as one of 101: the schema's max message is the answer either way.
 */
function clipLists(json: unknown): unknown {
  if (!isObject(json)) return json;
  const out: Json = { ...json };
  for (const [path, limit] of Object.entries(LIST_LIMITS)) {
    if (path === "points") continue;
    const [head = "", tail] = path.split(".");
    if (tail === undefined) out[head] = clip(out[head], limit);
    else if (isObject(out[head])) {
      const inner: Json = { ...out[head] };
      inner[tail] = path === "sections.isi" ? clipPoints(inner[tail], limit) : clip(inner[tail], limit);
      out[head] = inner;
    }
  }
  return out;
}

export function parseEdaranInput(json: unknown): ParseResult {
  const result = edaranInputSchema.safeParse(clipLists(json));
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toValidationIssues(result.error) };
}
