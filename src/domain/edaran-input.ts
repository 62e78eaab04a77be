// The policy input of one Surat Edaran: what a secretary writes, checked before anything is drafted or rendered.
// Every message is for the secretary (Bahasa Indonesia) and every problem is reported at once, with its path.
import { z } from "zod";
import { BULAN, compareIsoDates, isValidDate, parseIsoDate } from "./indonesian-date.js";
import { printable } from "./printable-text.js";
import { academicDegrees, isKepalaDaerahFamily } from "./signer-block.js";
import { toValidationIssues, type ValidationIssue } from "./validation-issues.js";

type RawIssue = z.core.$ZodRawIssue;
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const missingOr = (label: string, wrongType: string) => (iss: RawIssue) =>
  iss.input === undefined ? `${label} wajib diisi` : `${label} ${wrongType}`;

// Control characters cannot go into the DOCX (the renderer would drop them silently), so the secretary is told
// instead (printable-text.ts). Tab and newline are ordinary text and stay allowed.

export function teks(label: string, max = 3000) {
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

const ISO_DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a date of the right form is not a day of the calendar (2024-02-31), or null when it is one. */
export function missingDayReason(text: string): string | null {
  const m = ISO_DATE_FORM.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (isValidDate(year, month, day)) return null;
  if (month < 1 || month > 12) return "bulan hanya 01 sampai 12";
  if (day < 1) return "tanggal dimulai dari 01";
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${BULAN[month - 1]} ${year} hanya sampai tanggal ${last}`;
}

// A malformed date and a well-formed day that does not exist are different slips, so they get different answers.
export const isoDate = (label: string) =>
  z.string({ error: missingOr(label, "harus berupa teks tanggal TTTT-BB-HH") }).superRefine((s, ctx) => {
    if (parseIsoDate(s) !== null) return;
    const reason = missingDayReason(s);
    ctx.addIssue({
      code: "custom",
      message:
        reason === null
          ? `${label} harus tanggal yang valid dengan format TTTT-BB-HH, misalnya 2024-10-02`
          : `${label} ${s} bukan tanggal yang ada (${reason})`,
    });
  });

// --- NIP: 18 digits = birth date (8) + TMT CPNS year-month (6) + gender (1) + sequence (3).

/**
 * A NIP as people type it, "19700101 199503 1 001" (grouped as on an ID card or a decree), as its 18 digits: the
 * spaces are presentation. Anything but a string is left for the schema to refuse.
 */
export function normalizeNip(value: unknown): unknown {
  return typeof value === "string" ? value.replace(/\s+/gu, "") : value;
}

export function nipProblems(nip: string): string[] {
  if (!/^\d{18}$/.test(nip)) return ["NIP harus 18 digit angka"];
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

/** Catalogue ids are kebab-case ("pp-94-2021-disiplin-pns"); whether one exists is the drafting service's check. */
export const LEGAL_BASE_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

const legalBaseId = (label: string) =>
  z
    .string({ error: missingOr(label, "harus berupa kode dasar hukum atau { judul, singkat }") })
    .regex(
      LEGAL_BASE_ID,
      `Kode ${label.toLowerCase()} harus huruf kecil, angka dan tanda -, misalnya pp-94-2021-disiplin-pns`,
    );

/**
 * A legal basis as the letter prints it: the full title for Dasar, the short name for sanction clauses. Given
 * inline by the secretary ({ judul, singkat? }) or snapshotted from the catalogue when the letter is drafted
 * (then with its id), so the letter keeps the title it was drafted with whatever the catalogue later says.
 */
export const legalCitationSchema = objek(
  {
    id: legalBaseId("Dasar hukum").optional(),
    judul: teks("Judul lengkap dasar hukum", 1000),
    /** "Peraturan Pemerintah Nomor 94 Tahun 2021"; without it a sanction clause cites the full title. */
    singkat: teks("Nama singkat dasar hukum", 200).optional(),
  },
  "Dasar hukum",
);
export type LegalCitation = z.infer<typeof legalCitationSchema>;

/** A catalogue id, or the citation itself. */
const legalBaseRef = (label: string) =>
  z.union([legalBaseId(label), legalCitationSchema], {
    // The union answers at the item's path; for an object it says what the citation lacks (its field named).
    error: (iss) => {
      if (iss.input === undefined) return `${label} wajib diisi`;
      const asCitation = isObject(iss.input) ? legalCitationSchema.safeParse(iss.input) : null;
      const first = asCitation?.error?.issues[0]?.message;
      return first ?? `${label} harus berupa kode katalog dasar hukum atau objek { judul, singkat }`;
    },
  });
export type LegalBaseRef = string | LegalCitation;

/** The key two references to the same basis share: the id, else the full title. */
const citationKey = (ref: unknown): string | null =>
  typeof ref === "string"
    ? ref
    : isObject(ref) && typeof ref.judul === "string"
      ? typeof ref.id === "string"
        ? ref.id
        : ref.judul
      : null;

const uniqueCitations =
  (label: string) => (items: readonly LegalBaseRef[], ctx: z.core.$RefinementCtx<readonly LegalBaseRef[]>) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const key = citationKey(item);
      if (key === null) return;
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: [i], message: `${label} "${key}" tercantum lebih dari sekali` });
      seen.add(key);
    });
  };

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
    nip: z.preprocess(normalizeNip, z.string({ error: missingOr("NIP", "harus berupa teks 18 digit") })).optional(),
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

/**
 * Who signs, in the app: a capacity of a penandatangan account (src/signer/). Drafting fills `issuer` from it;
 * the CLI writes `issuer` itself and has no accounts.
 */
export const signerRefSchema = objek(
  {
    capacityId: teks("Kapasitas penandatangan", 100),
    userId: teks("Penandatangan", 100).optional(),
  },
  "Penandatangan",
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

/**
 * The batang tubuh. Dasar and Isi Edaran are what a Surat Edaran rests on and says, so they are required.
 * Latar Belakang, Maksud dan Tujuan and Ruang Lingkup may be absent or empty: the format notes
 * (design/surat-edaran-format.md) list all six parts of the Permendagri 1/2023 model but name no rule that
 * makes the first three binding, and circulars in use (BKN, Depok) often leave them out. The letter then numbers
 * the parts it has consecutively (render/wording.ts).
 */
export const sectionsSchema = objek(
  {
    latarBelakang: daftar(teks("Paragraf latar belakang"), "Latar belakang", "sections.latarBelakang", 0).optional(),
    maksudTujuan: daftar(
      teks("Paragraf maksud dan tujuan"),
      "Maksud dan tujuan",
      "sections.maksudTujuan",
      0,
    ).optional(),
    ruangLingkup: daftar(teks("Paragraf ruang lingkup"), "Ruang lingkup", "sections.ruangLingkup", 0).optional(),
    dasar: daftar(legalBaseRef("Dasar hukum"), "Dasar hukum", "sections.dasar").superRefine(
      uniqueCitations("Dasar hukum"),
    ),
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
    /**
     * What the letter calls its non-ASN staff ("PTT/non-ASN", "Tenaga Harian Lepas"); PNS and PPPK are named by
     * UU 20/2023 and need no choice. Default DEFAULT_NON_ASN_NAME.
     */
    nonAsnName: teks("Sebutan pegawai non-ASN", 120).optional(),
  },
  "Cakupan pegawai",
)
  .refine(
    (s) => s.asn.pns || s.asn.pppk || s.nonAsn,
    "Pilih paling sedikit satu kelompok pegawai: PNS, PPPK atau non-ASN/PTT",
  )
  .refine((s) => s.nonAsn || s.nonAsnName === undefined, {
    path: ["nonAsnName"],
    message: "Sebutan pegawai non-ASN diisi, tetapi pegawai non-ASN tidak termasuk cakupan surat ini",
  });

export const DEFAULT_NON_ASN_NAME = "Pegawai Tidak Tetap";

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
    // Required only while the letter prints the class after each act (display.sanctionClassAfterActs).
    sanction: z
      .enum(sanctionClassKeys, {
        error: `Jenis sanksi harus salah satu dari: ${sanctionClassKeys.join(", ")}`,
      })
      .optional(),
  },
  "Larangan",
);

export const displaySchema = objek(
  {
    /** "… akun media sosial pasangan calon (sanksi moral …);": the netralitas letters do, most others do not. */
    sanctionClassAfterActs: z
      .boolean({ error: "Jenis sanksi di belakang setiap larangan harus diisi true atau false" })
      .optional(),
  },
  "Tampilan surat",
);
/** Absent means shown, as the letters this product started from print it. */
export const showsSanctionClass = (display: { sanctionClassAfterActs?: boolean | undefined } | undefined): boolean =>
  display?.sanctionClassAfterActs ?? true;

export const DEFAULT_REPORTER = "Kepala Perangkat Daerah";

export const reportingSchema = objek(
  {
    /** Who passes the letter on, oversees it and sends the acknowledgement: "Camat", "Kepala Sekolah". */
    who: teks("Pihak yang menyampaikan tanda terima", 200).optional(),
  },
  "Tanda terima",
);

export const sanctionClauseSchema = objek(
  {
    who: teks("Pihak yang dikenai sanksi", 200),
    what: teks("Uraian sanksi"),
    basis: legalBaseRef("Dasar sanksi"),
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
    signer: signerRefSchema.optional(),
    nomor: nomorPartsSchema,
    tentang: teks("Tentang (judul surat)", 300),
    addressees: addresseesSchema,
    sections: sectionsSchema,
    scope: scopeSchema,
    display: displaySchema.optional(),
    prohibitedActs: daftar(prohibitedActSchema, "Daftar larangan", "prohibitedActs", 0).default([]),
    sanctions: daftar(sanctionClauseSchema, "Ketentuan sanksi", "sanctions", 0).default([]),
    reporting: reportingSchema.optional(),
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
    const raw: {
      date?: unknown;
      ackDeadline?: unknown;
      nomor?: { year?: unknown };
      display?: unknown;
      prohibitedActs?: unknown;
    } = v;
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
    const shown = !isObject(raw.display) || raw.display.sanctionClassAfterActs !== false;
    if (shown && Array.isArray(raw.prohibitedActs))
      raw.prohibitedActs.forEach((act, i) => {
        if (isObject(act) && act.sanction === undefined)
          ctx.addIssue({
            code: "custom",
            path: ["prohibitedActs", i, "sanction"],
            message:
              "Jenis sanksi larangan wajib diisi selama jenis sanksi dicantumkan di belakang setiap larangan (display.sanctionClassAfterActs)",
          });
      });
  },
  { when: (payload) => typeof payload.value === "object" && payload.value !== null },
);

export type EdaranInput = z.infer<typeof edaranInputSchema>;
/** What the JSON file may contain (defaults not yet applied). */
export type EdaranInputJson = z.input<typeof edaranInputSchema>;

export type ParseResult = { ok: true; value: EdaranInput } | { ok: false; issues: ValidationIssue[] };

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
