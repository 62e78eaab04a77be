// One OPD's compliance record across letters, as the Inspektorat's page shows it: each letter's delivery,
// acknowledgement and report (with its attachment) within a period, the average time to acknowledge over
// those rows, and how many violations were recorded for the OPD.
import type { Clock } from "../domain/clock.js";
import { wibDateOf } from "../domain/indonesian-date.js";
import type { Lateness } from "../domain/recipient-status.js";
import type { Store } from "../store/store.js";
import { opdHistory } from "./letter-status.js";
import { opdReportAttachments, type ReportAttachmentRef } from "./report-attachments.js";
import { listViolations } from "./violations-repo.js";

const HOUR_MS = 3_600_000;

/** Calendar days in WIB (YYYY-MM-DD), both ends included; an absent end is open. */
export interface SentPeriod {
  from?: string;
  to?: string;
}

export interface OpdComplianceRow {
  letterId: string;
  nomor: string | null;
  tentang: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
  reportedAt: string | null;
  overdue: boolean;
  lateness: Lateness | null;
  daysLate: number | null;
  /** Hours from sent to acknowledged; null when not acknowledged. */
  hoursToAck: number | null;
  attachment: ReportAttachmentRef | null;
}

export interface OpdComplianceHistory {
  opd: { id: string; name: string; headName: string | null; email: string | null };
  /** Newest first, only letters sent within the period. */
  rows: OpdComplianceRow[];
  /** Mean of hoursToAck over the acknowledged rows; null when none. */
  averageHoursToAck: number | null;
  /** Every violation recorded for the OPD (not limited to the period). */
  violationCount: number;
}

/** Whether a letter sent at `sentAt` falls in the period; an unsent one falls in no bounded period. */
export function sentWithin(sentAt: string | null, period: SentPeriod): boolean {
  if (!period.from && !period.to) return true;
  const at = sentAt ? new Date(sentAt) : null;
  const day = at && !Number.isNaN(at.getTime()) ? wibDateOf(at) : null;
  if (!day) return false;
  return (!period.from || day >= period.from) && (!period.to || day <= period.to);
}

/** Null when the OPD does not exist. */
export async function opdComplianceHistory(
  store: Store,
  clock: Clock,
  opdId: string,
  period: SentPeriod = {},
): Promise<OpdComplianceHistory | null> {
  const history = await opdHistory(store, clock, opdId);
  if (!history) return null;
  const attachments = await opdReportAttachments(store, opdId);
  const rows = history.letters
    .filter((l) => sentWithin(l.recipient.sentAt, period))
    .map(
      (l): OpdComplianceRow => ({
        letterId: l.letterId,
        nomor: l.nomor,
        tentang: l.tentang,
        sentAt: l.recipient.sentAt,
        acknowledgedAt: l.recipient.acknowledgedAt,
        reportedAt: l.recipient.reportedAt,
        overdue: l.recipient.overdue,
        lateness: l.recipient.lateness,
        daysLate: l.recipient.daysLate,
        hoursToAck: l.recipient.timeToAcknowledgeMs === null ? null : l.recipient.timeToAcknowledgeMs / HOUR_MS,
        attachment: attachments.get(l.letterId) ?? null,
      }),
    );
  const acked = rows.map((r) => r.hoursToAck).filter((h): h is number => h !== null);
  const { id, name, headName, email } = history.opd;
  return {
    opd: { id, name, headName, email },
    rows,
    averageHoursToAck: acked.length ? acked.reduce((a, b) => a + b, 0) / acked.length : null,
    violationCount: (await listViolations(store, { opdId })).length,
  };
}
