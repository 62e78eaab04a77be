// What the account endpoints accept: changing one's own password, and the admin's user management.
// Messages are for the person filling the form (Bahasa Indonesia); every problem is reported with its path.
import { z } from "zod";
import { nipProblems, normalizeNip } from "../domain/edaran-input.js";
import { printable } from "../domain/printable-text.js";
import { roleSchema } from "../domain/roles.js";

type RawIssue = z.core.$ZodRawIssue;

const missingOr = (label: string, wrongType: string) => (iss: RawIssue) =>
  iss.input === undefined ? `${label} wajib diisi` : `${label} ${wrongType}`;

const unknownKeys = (iss: RawIssue) =>
  iss.code === "unrecognized_keys" ? `Kolom tidak dikenal: ${iss.keys.join(", ")}` : undefined;

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;

/** A new password's length rules; "not the username, not the current one" need the account (change-password.ts). */
export const newPasswordSchema = z
  .string({ error: missingOr("Kata sandi baru", "harus berupa teks") })
  .min(MIN_PASSWORD_LENGTH, `Kata sandi baru paling sedikit ${MIN_PASSWORD_LENGTH} karakter`)
  .max(MAX_PASSWORD_LENGTH, "Kata sandi baru terlalu panjang");

export const changePasswordBodySchema = z.strictObject(
  {
    currentPassword: z
      .string({ error: missingOr("Kata sandi saat ini", "harus berupa teks") })
      .min(1, "Kata sandi saat ini wajib diisi")
      .max(MAX_PASSWORD_LENGTH, "Kata sandi saat ini terlalu panjang"),
    newPassword: newPasswordSchema,
  },
  { error: unknownKeys },
);
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

// Lower case, so "Admin" and "admin" cannot be two accounts; the seed's names (kepala-bkpsdm) fit.
export const usernameSchema = z
  .string({ error: missingOr("Nama pengguna", "harus berupa teks") })
  .trim()
  .min(3, "Nama pengguna paling sedikit 3 karakter")
  .max(50, "Nama pengguna paling banyak 50 karakter")
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "Nama pengguna hanya boleh huruf kecil, angka, titik, garis bawah dan tanda hubung, diawali huruf atau angka",
  );

export const displayNameSchema = z
  .string({ error: missingOr("Nama lengkap", "harus berupa teks") })
  .trim()
  .min(1, "Nama lengkap wajib diisi")
  .max(120, "Nama lengkap paling banyak 120 karakter")
  .refine(...printable("Nama lengkap"));

/** Optional text: "" and null both mean "none". */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} harus berupa teks` })
    .trim()
    .max(max, `${label} paling banyak ${max} karakter`)
    .refine(...printable(label))
    .nullable()
    .transform((s) => (s ? s : null));

const nipSchema = z.preprocess(
  normalizeNip,
  z
    .string({ error: "NIP harus berupa teks 18 digit" })
    .nullable()
    .transform((s) => (s ? s : null))
    .superRefine((nip, ctx) => {
      if (nip === null) return;
      for (const message of nipProblems(nip)) ctx.addIssue({ code: "custom", message });
    }),
);

const userRoleSchema = z.enum(roleSchema.options, {
  error: "Peran harus salah satu dari: sekretariat, penandatangan, kepala_opd, inspektorat, admin",
});

const opdIdSchema = z
  .string({ error: "OPD harus berupa kode perangkat daerah" })
  .trim()
  .max(60, "Kode OPD terlalu panjang")
  .nullable()
  .transform((s) => (s ? s : null));

export const OPD_REQUIRED = "OPD wajib diisi untuk Kepala Perangkat Daerah";
export const OPD_ONLY_FOR_KEPALA = "OPD hanya diisi untuk Kepala Perangkat Daerah";

export const createUserBodySchema = z
  .strictObject(
    {
      username: usernameSchema,
      displayName: displayNameSchema,
      role: userRoleSchema,
      opdId: opdIdSchema.optional(),
      jabatan: optionalText("Jabatan", 200).optional(),
      nip: nipSchema.optional(),
    },
    { error: unknownKeys },
  )
  .superRefine((v, ctx) => {
    const opdId = v.opdId ?? null;
    if (v.role === "kepala_opd" && opdId === null)
      ctx.addIssue({ code: "custom", path: ["opdId"], message: OPD_REQUIRED });
    if (v.role !== "kepala_opd" && opdId !== null)
      ctx.addIssue({ code: "custom", path: ["opdId"], message: OPD_ONLY_FOR_KEPALA });
  });
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** Every field optional; the role/OPD pair is checked against the stored row in update-user.ts. */
export const updateUserBodySchema = z
  .strictObject(
    {
      displayName: displayNameSchema.optional(),
      jabatan: optionalText("Jabatan", 200).optional(),
      nip: nipSchema.optional(),
      role: userRoleSchema.optional(),
      opdId: opdIdSchema.optional(),
      disabled: z.boolean({ error: "Status nonaktif harus true atau false" }).optional(),
    },
    { error: unknownKeys },
  )
  // Only for an otherwise valid body: "nothing to change" next to an unknown field would mislead.
  .refine((v) => Object.keys(v).length > 0, { message: "Tidak ada yang diubah", when: (p) => p.issues.length === 0 });
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const listUsersQuerySchema = z.object({
  role: userRoleSchema.optional(),
  opd: z.string().trim().max(60).optional(),
  status: z.enum(["active", "disabled", "all"], { error: "Status harus active, disabled atau all" }).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;
