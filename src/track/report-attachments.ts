// Which follow-up reports carry an attachment, for the views that link to it (the compliance matrix of a
// letter, an OPD's history). The link pins the file's SHA-256: a later report's file is another link.

import { parseStoredReport } from "../domain/stored-report.js";
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

/** The current report attachment of each recipient of one letter, by OPD id (OPDs without one are absent). */
export async function letterReportAttachments(
  store: Store,
  letterId: string,
): Promise<Map<string, ReportAttachmentRef>> {
  const rows = await store.db
    .selectFrom("recipients")
    .select(["opd_id", "report_json"])
    .where("letter_id", "=", letterId)
    .execute();
  return attachmentsBy(rows.map((r) => [r.opd_id, r.report_json]));
}

function attachmentsBy(pairs: [string, string | null][]): Map<string, ReportAttachmentRef> {
  const out = new Map<string, ReportAttachmentRef>();
  for (const [key, json] of pairs) {
    const a = attachmentOf(json);
    if (a) out.set(key, a);
  }
  return out;
}
