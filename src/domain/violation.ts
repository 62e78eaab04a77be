// A reported neutrality violation (from Bawaslu, the public or an internal finding), as the Inspektorat records
// it. Pure: the schema checks the form and says what is wrong in Bahasa Indonesia.
import { z } from "zod";
import { nipProblems, normalizeNip } from "./edaran-input.js";
import { printable } from "./printable-text.js";

export const employeeStatuses = ["PNS", "PPPK", "PTT"] as const;
export const violationSources = ["Bawaslu", "masyarakat", "internal"] as const;
export const violationStatuses = ["dilaporkan", "diperiksa", "dijatuhi_sanksi", "tidak_terbukti"] as const;
export type EmployeeStatus = (typeof employeeStatuses)[number];
export type ViolationSource = (typeof violationSources)[number];
export type ViolationStatus = (typeof violationStatuses)[number];

/** Empty form fields become absent, so optional ones stay optional. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (label: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} harus berupa teks` })
      .trim()
      .max(max, `${label} paling banyak ${max} karakter`)
      .refine(...printable(label))
      .optional(),
  );

export const violationFormSchema = z
  .object({
    employeeName: z
      .string({ error: "Nama pegawai wajib diisi" })
      .trim()
      .min(3, "Nama pegawai minimal 3 karakter")
      .max(120, "Nama pegawai paling banyak 120 karakter")
      .refine(...printable("Nama pegawai")),
    employeeNip: z.preprocess((v) => blankToUndefined(normalizeNip(v)), z.string().optional()),
    employeeStatus: z.enum(employeeStatuses, { error: "Pilih status kepegawaian: PNS, PPPK, atau PTT" }),
    opdId: z.string({ error: "Pilih perangkat daerah" }).trim().min(1, "Pilih perangkat daerah"),
    letterId: z.preprocess(blankToUndefined, z.string().trim().optional()),
    act: z
      .string({ error: "Uraian perbuatan wajib diisi" })
      .trim()
      .min(5, "Uraian perbuatan minimal 5 karakter")
      .max(2000, "Uraian perbuatan paling banyak 2.000 karakter")
      .refine(...printable("Uraian perbuatan")),
    evidence: optionalText("Bukti", 2000),
    source: z.preprocess(
      blankToUndefined,
      z.enum(violationSources, { error: "Sumber laporan harus Bawaslu, masyarakat, atau internal" }).optional(),
    ),
    clauseRef: optionalText("Ketentuan sanksi", 300),
    sanction: optionalText("Sanksi", 500),
    status: z.enum(violationStatuses, { error: "Pilih status penanganan" }),
  })
  .superRefine((v, ctx) => {
    // ASN (PNS, PPPK) always have a NIP; a PTT usually has none, so it is optional only for them.
    if (v.employeeNip === undefined) {
      if (v.employeeStatus !== "PTT")
        ctx.addIssue({ code: "custom", path: ["employeeNip"], message: "NIP wajib diisi untuk PNS dan PPPK" });
      return;
    }
    for (const message of nipProblems(v.employeeNip)) ctx.addIssue({ code: "custom", path: ["employeeNip"], message });
  });

export type ViolationForm = z.infer<typeof violationFormSchema>;

/** Where a case may go next. A decided case (sanction imposed, or not proven) is final: the log keeps who decided. */
export const NEXT_VIOLATION_STATUSES: Record<ViolationStatus, readonly ViolationStatus[]> = {
  dilaporkan: ["diperiksa", "dijatuhi_sanksi", "tidak_terbukti"],
  diperiksa: ["dijatuhi_sanksi", "tidak_terbukti"],
  dijatuhi_sanksi: [],
  tidak_terbukti: [],
};

export const isDecided = (s: ViolationStatus) => s === "dijatuhi_sanksi" || s === "tidak_terbukti";

/**
 * One step of a case: the next status; a sanction imposed names the sanction and the clause it rests on; a case
 * not proven says why.
 */
export const violationUpdateSchema = z
  .object({
    status: z.enum(violationStatuses, { error: "Pilih status penanganan" }),
    sanction: optionalText("Sanksi", 500),
    clauseRef: optionalText("Ketentuan sanksi", 300),
    note: optionalText("Catatan", 1000),
  })
  .superRefine((v, ctx) => {
    if (v.status === "dijatuhi_sanksi") {
      if (!v.sanction)
        ctx.addIssue({ code: "custom", path: ["sanction"], message: "Sanksi yang dijatuhkan wajib diisi" });
      if (!v.clauseRef)
        ctx.addIssue({
          code: "custom",
          path: ["clauseRef"],
          message: "Pilih ketentuan yang menjadi dasar sanksi",
        });
    }
    if (v.status === "tidak_terbukti" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "Tulis alasan pelanggaran tidak terbukti" });
  });
export type ViolationUpdate = z.infer<typeof violationUpdateSchema>;
