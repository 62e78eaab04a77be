// A penandatangan as a person (issue #12): his identity (name, jabatan, NIP, pangkat, NIK for BSrE) and the
// capacities he signs in, and how a letter's issuer block is filled from them. Pure: the store and the services
// live in src/signer/.
//
// Pasal 44 (Permendagri 1/2023): the kepala daerah family prints no gelar, pangkat or NIP. The account keeps
// them all (a Wakil Bupati who is also a PNS has a NIP, and BSrE needs the NIK whatever is printed); only the
// issuer filled for a kepala daerah family capacity leaves them out, so the letter never prints them and the
// input schema's own Pasal 44 check is satisfied by construction.
import { z } from "zod";
import { ISSUER_PREFIXES, isoDate, issuerSchema, nipProblems, normalizeNip, teks } from "./edaran-input.js";
import { compareIsoDates } from "./indonesian-date.js";
import type { SignerRules } from "./pemda-profile.js";
import { isKepalaDaerahFamily, isSekretarisDaerah, type SignerInput, withoutDegrees } from "./signer-block.js";

export type IssuerPrefix = (typeof ISSUER_PREFIXES)[number];

export const NIK_PATTERN = /^\d{16}$/;
export const PASSPHRASE_MIN = 10;
export const PASSPHRASE_MAX = 200;

/** An optional text field of a PUT body: absent, null or blank all mean "none". */
const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v),
    teks(label, max).optional(),
  );

export const signerProfileBodySchema = z.strictObject(
  {
    name: teks("Nama penandatangan", 120),
    jabatan: teks("Jabatan penandatangan", 150),
    nip: z
      .preprocess(
        (v) => {
          const nip = normalizeNip(v);
          return nip === null || nip === "" ? undefined : nip;
        },
        z
          .string({ error: "NIP harus berupa teks 18 digit" })
          .superRefine((nip, ctx) => {
            for (const message of nipProblems(nip)) ctx.addIssue({ code: "custom", message });
          })
          .optional(),
      )
      .optional(),
    pangkat: optionalText("Pangkat penandatangan", 120),
    nik: z
      .preprocess((v) => {
        const nip = normalizeNip(v);
        return nip === null || nip === "" ? undefined : nip;
      }, z
        .string({ error: "NIK harus berupa teks 16 digit" })
        .regex(NIK_PATTERN, "NIK harus 16 digit angka tanpa spasi (NIK pada KTP, dipakai BSrE)")
        .optional())
      .optional(),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? `Kolom tidak dikenal: ${iss.keys.join(", ")}` : undefined) },
);
export type SignerProfileBody = z.infer<typeof signerProfileBodySchema>;

export const capacityBodySchema = z
  .strictObject(
    {
      prefix: z.enum(ISSUER_PREFIXES, { error: 'Awalan jabatan harus "a.n.", "Plt." atau "Plh."' }).optional(),
      principal: optionalText("Jabatan yang diwakili", 150),
      /** His own jabatan when left out; for a Plh. of the Sekretaris Daerah signing a.n., "Plh. Sekretaris Daerah". */
      jabatan: optionalText("Jabatan penandatangan", 150),
      validFrom: isoDate("Berlaku mulai").optional(),
      validUntil: isoDate("Berlaku sampai").optional(),
    },
    { error: (iss) => (iss.code === "unrecognized_keys" ? `Kolom tidak dikenal: ${iss.keys.join(", ")}` : undefined) },
  )
  .superRefine((c, ctx) => {
    if (c.prefix === "a.n." && !c.principal)
      ctx.addIssue({
        code: "custom",
        path: ["principal"],
        message: 'Dengan awalan "a.n." isi juga jabatan yang diwakili',
      });
    // A delegation is given for a period (the surat perintah Plt./Plh. names it); his own jabatan needs none.
    if (c.prefix !== undefined && c.validFrom === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["validFrom"],
        message: "Pelimpahan (a.n., Plt., Plh.) wajib berisi tanggal mulai berlaku",
      });
    if (c.prefix !== undefined && c.validUntil === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["validUntil"],
        message: "Pelimpahan (a.n., Plt., Plh.) wajib berisi tanggal akhir berlaku",
      });
    if (c.validFrom && c.validUntil && compareIsoDates(c.validUntil, c.validFrom) < 0)
      ctx.addIssue({
        code: "custom",
        path: ["validUntil"],
        message: "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai",
      });
  });
export type CapacityBody = z.infer<typeof capacityBodySchema>;

export const endCapacityBodySchema = z.strictObject({ until: isoDate("Berakhir pada").optional() });

export const passphraseBodySchema = z.strictObject({
  passphrase: z
    .string({ error: "Frasa sandi tanda tangan wajib diisi" })
    .min(PASSPHRASE_MIN, `Frasa sandi tanda tangan paling sedikit ${PASSPHRASE_MIN} karakter`)
    .max(PASSPHRASE_MAX, `Frasa sandi tanda tangan paling banyak ${PASSPHRASE_MAX} karakter`),
  /** Required when one is set already: a stolen session alone must not replace it. */
  currentPassphrase: z.string().max(PASSPHRASE_MAX).optional(),
});

/** The identity the account holds, whatever a letter prints of it. */
export interface SignerIdentity {
  userId: string;
  name: string;
  jabatan: string;
  nip: string | null;
  pangkat: string | null;
  nik: string | null;
}

export interface SignerCapacity {
  id: string;
  userId: string;
  prefix: IssuerPrefix | null;
  principal: string | null;
  jabatan: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** Whether the capacity holds on `date` (TTTT-BB-HH): an open end holds for ever. */
export function capacityValidOn(c: Pick<SignerCapacity, "validFrom" | "validUntil">, date: string): boolean {
  if (c.validFrom !== null && compareIsoDates(date, c.validFrom) < 0) return false;
  if (c.validUntil !== null && compareIsoDates(date, c.validUntil) > 0) return false;
  return true;
}

/** "Plt. Bupati Kudus (Wakil Bupati), 2024-09-01 s.d. 2024-12-01": a capacity as a select option names it. */
export function capacityLabel(c: SignerCapacity): string {
  const what =
    c.prefix === null
      ? c.jabatan
      : c.principal
        ? `${c.prefix} ${c.principal} (${c.jabatan})`
        : `${c.prefix} ${c.jabatan}`;
  const period = c.validFrom || c.validUntil ? `, ${c.validFrom ?? "…"} s.d. ${c.validUntil ?? "…"}` : "";
  return `${what}${period}`;
}

/**
 * The letter's issuer block filled from the account in this capacity. What Pasal 44 and the profile's signer
 * rules leave out of the foot is left out here, so the input schema and signerRuleIssues accept it as it is.
 */
export function issuerFromAccount(who: SignerIdentity, c: SignerCapacity, rules: SignerRules): SignerInput {
  const base = {
    ...(c.prefix !== null ? { prefix: c.prefix } : {}),
    ...(c.principal !== null ? { principal: c.principal } : {}),
    jabatan: c.jabatan,
  };
  const sekdaHidden = !rules.sekdaShowsIdentity && isSekretarisDaerah(c.jabatan);
  if (isKepalaDaerahFamily(base) || sekdaHidden) return { ...base, name: withoutDegrees(who.name) };
  return {
    ...base,
    name: rules.gelarForOfficials ? who.name : withoutDegrees(who.name),
    ...(who.pangkat !== null ? { pangkat: who.pangkat } : {}),
    ...(who.nip !== null ? { nip: who.nip } : {}),
  };
}

/** letters.signer_json: who signed in which capacity, the identity then and the issuer printed. */
export const signerSnapshotSchema = z.object({
  userId: z.string(),
  /** Null for a letter drafted before signer accounts, whose own issuer was signed. */
  capacityId: z.string().nullable(),
  identity: z.object({
    name: z.string(),
    jabatan: z.string(),
    nip: z.string().nullable(),
    pangkat: z.string().nullable(),
    nik: z.string().nullable(),
  }),
  issuer: issuerSchema,
  at: z.string(),
});
export type SignerSnapshot = z.infer<typeof signerSnapshotSchema>;
