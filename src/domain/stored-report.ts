// What a recipient's report_json holds: the OPD head's follow-up report (how the letter was passed on) as it
// was stored, with the attachment's blob key. Read by tracking, the acknowledgement page and the exports.
import { z } from "zod";

export const reportMethods = ["apel", "rapat", "surat", "grup_pesan", "lainnya"] as const;
export type ReportMethod = (typeof reportMethods)[number];

/** An attachment as report_json and the audit row describe it; the bytes live in the blob store under `key`. */
export const storedAttachmentSchema = z.object({
  key: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  /** Hex SHA-256 of the bytes; part of the key, so a later upload never overwrites this one. Absent on old rows. */
  sha256: z.string().optional(),
});

export type StoredAttachment = z.infer<typeof storedAttachmentSchema>;

/** What report_json holds. */
export const storedReportSchema = z.object({
  staffInformed: z.number(),
  informedOn: z.string(),
  method: z.enum(reportMethods),
  note: z.string(),
  attachment: storedAttachmentSchema.nullable(),
  submittedAt: z.string(),
});
export type StoredReport = z.infer<typeof storedReportSchema>;

/**
 * The report a row holds, or null when it holds none or one this version cannot read (a list of 60 OPDs
 * still shows the other 59; the row itself is left as it was for someone to look at).
 */
export function parseStoredReport(json: string | null): StoredReport | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = storedReportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
