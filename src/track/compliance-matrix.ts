// The compliance matrix of one letter (the Inspektorat's screen, its CSV / XLSX exports and the printed
// report): every recipient OPD's delivery, acknowledgement and report, with the violations recorded under
// the letter and the report's attachment.
import type { Clock } from "../domain/clock.js";
import type { Lateness } from "../domain/recipient-status.js";
import type { Store } from "../store/store.js";
import { type LetterStatusView, letterStatus, type RecipientEscalation } from "./letter-status.js";
import { letterReports, type ReportAttachmentRef, type ReportSummary } from "./report-attachments.js";
import { violationCountsByOpd } from "./violations-repo.js";

export interface ComplianceRow {
  opdId: string;
  opdName: string;
  sentAt: string | null;
  deliveredAt: string | null;
  /** Bounced or failed delivery. */
  deliveryProblem: "bounced" | "failed" | null;
  acknowledgedAt: string | null;
  ackName: string | null;
  /** The jabatan the acknowledger gave. */
  ackPosition: string | null;
  reportedAt: string | null;
  /** The follow-up report: staff informed, when, how, the note (without its attachment). */
  report: Omit<ReportSummary, "attachment"> | null;
  overdue: boolean;
  lateness: Lateness | null;
  daysLate: number | null;
  /** Reminders stopped under the Pemda's policy: the Inspektorat follows this OPD up. */
  escalation: RecipientEscalation | null;
  remindersSent: number;
  lastRemindedAt: string | null;
  /** Violations recorded for this OPD under this letter. */
  violations: number;
  attachment: ReportAttachmentRef | null;
}

export interface ComplianceMatrix {
  letter: LetterStatusView["letter"];
  /** Unfiltered, in the order of letterStatus (by OPD name). */
  rows: ComplianceRow[];
}

/** Null when the letter does not exist. */
export async function complianceMatrix(store: Store, clock: Clock, letterId: string): Promise<ComplianceMatrix | null> {
  const view = await letterStatus(store, clock, letterId);
  if (!view) return null;
  const violations = await violationCountsByOpd(store, letterId);
  const reports = await letterReports(store, letterId);
  const rows = view.recipients.map(
    (r): ComplianceRow => ({
      opdId: r.opdId,
      opdName: r.opdName,
      sentAt: r.sentAt,
      deliveredAt: r.deliveredAt,
      deliveryProblem: r.bounced ? "bounced" : r.status === "failed" ? "failed" : null,
      acknowledgedAt: r.acknowledgedAt,
      ackName: r.acknowledgedBy?.name ?? null,
      ackPosition: r.acknowledgedBy?.position ?? null,
      reportedAt: r.reportedAt,
      report: reportWithoutFile(reports.get(r.opdId)),
      overdue: r.overdue,
      lateness: r.lateness,
      daysLate: r.daysLate,
      escalation: r.escalation,
      remindersSent: r.remindersSent,
      lastRemindedAt: r.lastRemindedAt,
      violations: violations.get(r.opdId) ?? 0,
      attachment: reports.get(r.opdId)?.attachment ?? null,
    }),
  );
  return { letter: view.letter, rows };
}

function reportWithoutFile(r: ReportSummary | undefined): ComplianceRow["report"] {
  if (!r) return null;
  const { attachment: _file, ...rest } = r;
  return rest;
}
