// The Pemda profile: everything about a letter that belongs to the Pemda rather than to one letter (level,
// names, both kops, images, paper, type, nomor pattern, how names are cased, the signer rules it follows).
// Data, not code: the admin edits it, each edit is a new version, and a letter keeps the version it was drafted
// with so a re-render gives the same bytes. Rules and their sources: README "Letter rules".
import { z } from "zod";
import { printable } from "./printable-text.js";
import { reminderPolicySchema } from "./reminder-policy.js";

export const PEMDA_LEVELS = ["provinsi", "kabupaten", "kota"] as const;
export type PemdaLevel = (typeof PEMDA_LEVELS)[number];

/**
 * by-signer: the kop jabatan (emblem over "WALI KOTA BENGKULU") when the kepala daerah, his wakil or a
 * Pj/Plt./Plh. of the kepala daerah signs, the kop instansi otherwise (a.n. and other officials).
 * instansi: always the kop instansi (a Pemda whose pedoman has no kop jabatan for a Surat Edaran).
 */
export const KOP_RULES = ["by-signer", "instansi"] as const;
export type KopRule = (typeof KOP_RULES)[number];

/** upper: the name in capitals with degrees and titles as written ("Dr. H. ARIF GUNADI, S.E., M.Si."). */
export const NAME_CASES = ["upper", "as-written"] as const;
export type NameCase = (typeof NAME_CASES)[number];

export const PAPERS = ["A4", "F4"] as const;

/** How the letter reaches each OPD head: personal links (batch-sendable) or the signed files attached. */
export const DELIVERY_MODES = ["link", "attach"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** The image slots of a profile; each holds a PNG (an uploaded SVG is kept with a PNG rendition beside it). */
export const PROFILE_IMAGE_SLOTS = ["lambang", "emblem"] as const;
export type ProfileImageSlot = (typeof PROFILE_IMAGE_SLOTS)[number];

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} wajib diisi` })
    .trim()
    .min(1, `${label} tidak boleh kosong`)
    .max(max, `${label} terlalu panjang (paling banyak ${max} karakter)`)
    .refine(...printable(label));

const cmValue = (label: string) =>
  z
    .number({ error: `${label} harus berupa angka (cm)` })
    .min(0.5, `${label} paling kecil 0,5 cm`)
    .max(6, `${label} paling besar 6 cm`);

/** A stored image: its blob key and what the renderer needs without reading it. */
export const profileImageSchema = z.strictObject({
  /** Blob key of the PNG the letter embeds. */
  pngKey: z.string().min(1),
  /** Blob key of the uploaded SVG, when the upload was SVG. */
  svgKey: z.string().min(1).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
});
export type ProfileImage = z.infer<typeof profileImageSchema>;

export const pemdaProfileSchema = z.strictObject(
  {
    level: z.enum(PEMDA_LEVELS, { error: 'Tingkat pemerintah daerah harus "provinsi", "kabupaten" atau "kota"' }),
    /** "Pemerintah Kota Bengkulu": the kop instansi's name line (printed in capitals). */
    governmentName: text("Nama pemerintah daerah", 120),
    /** "Wali Kota Bengkulu", "Bupati Banggai Kepulauan", "Gubernur Bengkulu". */
    kepalaDaerah: text("Jabatan kepala daerah", 120),
    kopInstansi: z.strictObject(
      {
        address: text("Alamat kop", 300),
        phone: text("Telepon kop", 80).optional(),
        email: z.email({ error: "Email kop tidak valid, contoh: setda@bengkulukota.go.id" }).optional(),
        website: text("Laman kop", 120).optional(),
      },
      { error: "Kop instansi harus berupa objek { address, phone?, email?, website? }" },
    ),
    /** "WALI KOTA BENGKULU": the kop jabatan's one line under the emblem. */
    kopJabatan: text("Teks kop jabatan", 120),
    kopRule: z.enum(KOP_RULES, { error: 'Aturan kop harus "by-signer" atau "instansi"' }).default("by-signer"),
    images: z
      .strictObject({ lambang: profileImageSchema.nullable(), emblem: profileImageSchema.nullable() })
      .default({ lambang: null, emblem: null }),
    page: z
      .strictObject({
        paper: z.enum(PAPERS, { error: 'Ukuran kertas harus "A4" atau "F4"' }),
        marginsCm: z.strictObject({
          top: cmValue("Margin atas"),
          bottom: cmValue("Margin bawah"),
          left: cmValue("Margin kiri"),
          right: cmValue("Margin kanan"),
        }),
        font: text("Jenis huruf", 60),
        fontSizePt: z
          .number({ error: "Ukuran huruf harus berupa angka (pt)" })
          .min(9, "Ukuran huruf paling kecil 9 pt")
          .max(14, "Ukuran huruf paling besar 14 pt"),
      })
      .default({ paper: "A4", marginsCm: { top: 2.5, bottom: 3, left: 3, right: 2.5 }, font: "Arial", fontSizePt: 12 }),
    nomorPattern: z
      .string({ error: "Pola nomor wajib diisi" })
      .refine((p) => p.includes("{seq}"), "Pola nomor harus memuat {seq} untuk nomor urut")
      .refine(...printable("Pola nomor"))
      .default("{kka}/{seq}/{unit}/{year}"),
    nameCase: z.enum(NAME_CASES, { error: 'Penulisan nama harus "upper" atau "as-written"' }).default("upper"),
    signerRules: z
      .strictObject({
        /**
         * Pasal 44 as published lists the Sekretaris Daerah with the kepala daerah among those shown without
         * gelar, NIP and pangkat; the forms in use (Perbup Kudus) print them. Not settled: a setting.
         */
        sekdaShowsIdentity: z.boolean().default(true),
        /**
         * Naskah pengaturan are signed without gelar, penugasan/korespondensi/khusus with gelar; whether a Surat
         * Edaran is pengaturan is not settled in public sources. false = no gelar for any signer.
         */
        gelarForOfficials: z.boolean().default(true),
      })
      .default({ sekdaShowsIdentity: true, gelarForOfficials: true }),
    /** What the email to each OPD head carries. */
    delivery: z
      .strictObject({
        /**
         * "link" (the default, #13, also for profiles stored before the setting): no files, the OPD head's personal
         * links to the acknowledgement page and its downloads, so messages go through Resend's batch endpoint.
         * "attach": the signed files attached (#12), one provider call per message.
         */
        mode: z.enum(DELIVERY_MODES, { error: 'Cara pengiriman harus "link" atau "attach"' }).default("link"),
        /** In attach mode, the signed DOCX beside the PDF: true keeps what installs sent before the PDF existed. */
        attachDocx: z.boolean({ error: "Lampiran DOCX harus ya atau tidak" }).default(true),
      })
      .default({ mode: "link", attachDocx: true }),
    /** How often and how long unacknowledged OPD heads are reminded before they are escalated. */
    reminders: reminderPolicySchema,
  },
  { error: "Profil pemda harus berupa objek" },
);

export type PemdaProfile = z.infer<typeof pemdaProfileSchema>;
export type PemdaProfileJson = z.input<typeof pemdaProfileSchema>;
export type SignerRules = PemdaProfile["signerRules"];

/** A Kota/Kabupaten/Provinsi read from a government name, for inputs that carry no profile (CLI, old letters). */
export function levelFromName(name: string): PemdaLevel {
  if (/\bprovinsi\b/i.test(name)) return "provinsi";
  if (/\bkabupaten\b/i.test(name)) return "kabupaten";
  return "kota";
}
