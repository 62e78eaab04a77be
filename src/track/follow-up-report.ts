// Laporan tindak lanjut: after acknowledging, the OPD head reports how the letter was passed on to staff.
// Re-submitting replaces the report (a correction), but reported_at keeps the FIRST submission: that is
// the moment the OPD complied, and an edit later must not move it. report_json.submittedAt holds the
// latest version's time.

import { z } from "zod";
import { atomicWithAudit } from "../audit/audit-log.js";
import type { Clock } from "../domain/clock.js";
import { sha256Hex } from "../domain/encoding.js";
import { parseIsoDate, wibDateOf } from "../domain/indonesian-date.js";
import { DOCX_CONTENT_TYPE } from "../domain/letter-file-name.js";
import { printable } from "../domain/printable-text.js";
import {
  parseStoredReport,
  type ReportMethod,
  reportMethods,
  type StoredAttachment,
  type StoredReport,
  storedAttachmentSchema,
} from "../domain/stored-report.js";
import { toValidationIssues, type ValidationIssue } from "../domain/validation-issues.js";
import type { BlobStore } from "../store/blob-store.js";
import { encodeJson } from "../store/json-text.js";
import type { Store } from "../store/store.js";
import { findRecipientByToken } from "./acknowledge.js";

export const reportMethodLabel: Record<ReportMethod, string> = {
  apel: "Apel",
  rapat: "Rapat",
  surat: "Surat / nota dinas",
  grup_pesan: "Grup pesan (WhatsApp dan sejenisnya)",
  lainnya: "Lainnya",
};

/** Digits as text (what an HTML form sends, and what the API has always taken) become the number they spell. */
const digitsToNumber = (v: unknown) => (typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v);

/**
 * The report. Typed strictly: the count is a number or its digits, so `true` or `[[5]]` is refused rather than
 * coerced to 1 or 5; the note is printable text.
 */
export const followUpReportSchema = z.object({
  staffInformed: z.preprocess(
    digitsToNumber,
    z
      .number({ error: "Jumlah pegawai wajib diisi dengan angka" })
      .int("Jumlah pegawai harus bilangan bulat")
      .min(1, "Jumlah pegawai yang diberi tahu minimal 1")
      .max(100_000, "Jumlah pegawai paling banyak 100.000"),
  ),
  informedOn: z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? "Tanggal penyampaian wajib diisi"
          : "Tanggal penyampaian harus berupa teks TTTT-BB-HH",
    })
    .refine((v) => parseIsoDate(v) !== null, "Tanggal penyampaian harus berformat TTTT-BB-HH dan valid"),
  method: z.enum(reportMethods, { error: "Pilih cara penyampaian: apel, rapat, surat, grup pesan, atau lainnya" }),
  note: z
    .string({ error: "Catatan harus berupa teks" })
    .trim()
    .max(2000, "Catatan paling banyak 2.000 karakter")
    .refine(...printable("Catatan"))
    .optional()
    .default(""),
});
export type FollowUpReportForm = z.infer<typeof followUpReportSchema>;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const attachmentContentTypes = ["application/pdf", "image/jpeg", "image/png", DOCX_CONTENT_TYPE] as const;

export interface ReportAttachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The part of an audit row's data_json the attachment history reads: the attachment it recorded, if any. */
const auditAttachmentSchema = z.object({ attachment: z.unknown() });

export type SubmitReportResult =
  | { status: "reported"; reportedAt: string; submittedAt: string; replaced: boolean; report: StoredReport }
  | { status: "not_acknowledged" }
  | { status: "invalid_token" }
  | { status: "letter_withdrawn" }
  | { status: "invalid"; issues: ValidationIssue[] };

/** A file name safe as the last part of a blob key: no path, no odd characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(-100);
  return cleaned.length > 0 ? cleaned : "lampiran";
}

function checkAttachment(a: ReportAttachment): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!attachmentContentTypes.some((t) => t === a.contentType)) {
    issues.push({ path: "attachment", message: "Lampiran harus berupa PDF, JPG, PNG, atau DOCX" });
  }
  if (a.bytes.byteLength === 0) issues.push({ path: "attachment", message: "Lampiran kosong" });
  if (a.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    issues.push({ path: "attachment", message: "Lampiran paling besar 10 MB" });
  }
  return issues;
}

export interface SubmitReportInput {
  staffInformed: unknown;
  informedOn: unknown;
  method: unknown;
  note?: unknown;
  attachment?: ReportAttachment | null;
}

export async function submitReport(
  store: Store,
  blobs: BlobStore,
  clock: Clock,
  token: string,
  input: SubmitReportInput,
): Promise<SubmitReportResult> {
  const found = await findRecipientByToken(store, token);
  if (!found) return { status: "invalid_token" };
  if (found.letter.status === "withdrawn") return { status: "letter_withdrawn" };
  if (!found.recipient.acknowledged_at) return { status: "not_acknowledged" };

  const parsed = followUpReportSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success ? [] : toValidationIssues(parsed.error);
  if (parsed.success && parsed.data.informedOn > wibDateOf(clock.now())) {
    issues.push({ path: "informedOn", message: "Tanggal penyampaian tidak boleh di masa depan" });
  }
  if (input.attachment) issues.push(...checkAttachment(input.attachment));
  if (!parsed.success || issues.length > 0) return { status: "invalid", issues };

  const recipientId = found.recipient.id;
  const submittedAt = clock.now().toISOString();
  let attachment: StoredReport["attachment"] = null;
  if (input.attachment) {
    const filename = safeFilename(input.attachment.filename);
    const sha256 = await sha256Hex(input.attachment.bytes);
    // Content-addressed: a corrected report with a file of the same name gets its own key, so the file an
    // earlier audit row names stays as it was. Bytes first: if the row update below fails, a retry writes
    // the same bytes to the same key; no row points nowhere.
    const key = `reports/${recipientId}/${sha256}-${filename}`;
    await blobs.put(key, input.attachment.bytes, input.attachment.contentType);
    attachment = {
      key,
      filename,
      contentType: input.attachment.contentType,
      size: input.attachment.bytes.byteLength,
      sha256,
    };
  }
  const report: StoredReport = { ...parsed.data, attachment, submittedAt };

  const update = store.db
    .updateTable("recipients")
    .set((eb) => ({
      report_json: encodeJson(report),
      reported_at: eb.fn.coalesce("reported_at", eb.val(submittedAt)),
    }))
    .where("id", "=", recipientId)
    .where("acknowledged_at", "is not", null)
    .where("letter_id", "in", (eb) => eb.selectFrom("letters").select("id").where("status", "!=", "withdrawn"));
  const replaced = found.recipient.reported_at !== null;
  const { results } = await atomicWithAudit(
    store,
    clock,
    [update],
    {
      actor: `recipient:${recipientId}`,
      action: replaced ? "recipient.report_replaced" : "recipient.reported",
      letterId: found.recipient.letter_id,
      subject: found.recipient.opd_id,
      data: {
        staffInformed: report.staffInformed,
        informedOn: report.informedOn,
        method: report.method,
        attachment,
      },
    },
    { onlyIfLastChanged: true },
  );
  if ((results[0]?.numAffectedRows ?? 0n) === 0n) return { status: "letter_withdrawn" };

  const row = await store.db
    .selectFrom("recipients")
    .select("reported_at")
    .where("id", "=", recipientId)
    .executeTakeFirstOrThrow();
  return {
    status: "reported",
    reportedAt: row.reported_at ?? submittedAt,
    submittedAt,
    replaced,
    report,
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The attachment of an OPD's report on a letter: the current one, or with `sha256` any version a report
 * ever carried (the audit rows of recipient.reported / report_replaced keep each one's key). Null when
 * there is none.
 */
export async function findReportAttachment(
  store: Store,
  letterId: string,
  opdId: string,
  sha256?: string,
): Promise<StoredAttachment | null> {
  const row = await store.db
    .selectFrom("recipients")
    .select("report_json")
    .where("letter_id", "=", letterId)
    .where("opd_id", "=", opdId)
    .executeTakeFirst();
  const current = parseStoredReport(row?.report_json ?? null)?.attachment ?? null;
  if (sha256 === undefined) return current;
  if (!SHA256_HEX.test(sha256)) return null;
  if (current?.sha256 === sha256) return current;
  const audits = await store.db
    .selectFrom("audit_log")
    .select("data_json")
    .where("letter_id", "=", letterId)
    .where("subject", "=", opdId)
    .where("action", "in", ["recipient.reported", "recipient.report_replaced"])
    .orderBy("seq", "desc")
    .execute();
  for (const a of audits) {
    const parsed = storedAttachmentSchema.safeParse(
      auditAttachmentSchema.safeParse(JSON.parse(a.data_json)).data?.attachment,
    );
    if (parsed.success && parsed.data.sha256 === sha256) return parsed.data;
  }
  return null;
}
