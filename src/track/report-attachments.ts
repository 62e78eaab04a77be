// Which follow-up reports carry an attachment, for the views that link to it (the compliance matrix of a
// letter, an OPD's history). The link pins the file's SHA-256: a later report's file is another link.

import { parseStoredReport, type ReportMethod } from "../domain/stored-report.js";
import type { Store } from "../store/store.js";

export interface ReportAttachmentRef {
  filename: string;
  /** Absent on reports stored before attachments were content-addressed. */
  sha256?: string;
}

/** The attachment a stored report names, if any. */
export function attachmentOf(reportJson: string | null): ReportAttachmentRef | null {
  const a = parseStoredReport(reportJson)?.attachment;
  return a ? { filename: a.filename, sha256: a.sha256 } : null;
}

/** What the matrix and its exports show of a follow-up report: how the letter was passed on, and the file. */
export interface ReportSummary {
  staffInformed: number;
  informedOn: string;
  method: ReportMethod;
  note: string;
  attachment: ReportAttachmentRef | null;
}

/** The current report of each recipient of one letter, by OPD id (OPDs without one are absent). */
export async function letterReports(store: Store, letterId: string): Promise<Map<string, ReportSummary>> {
  const rows = await store.db
    .selectFrom("recipients")
    .select(["opd_id", "report_json"])
    .where("letter_id", "=", letterId)
    .execute();
  const out = new Map<string, ReportSummary>();
  for (const r of rows) {
    const report = parseStoredReport(r.report_json);
    if (!report) continue;
    const a = report.attachment;
    out.set(r.opd_id, {
      staffInformed: report.staffInformed,
      informedOn: report.informedOn,
      method: report.method,
      note: report.note,
      attachment: a ? { filename: a.filename, sha256: a.sha256 } : null,
    });
  }
  return out;
}
