/** @jsxImportSource hono/jsx */
// The OPD × tracking-status matrix of one letter, with totals and percentages; shared by the screen and print views.

import { NOT_SENT_REASON_TEXT, type NotSentOpd } from "../../../domain/not-sent.js";
import { type Lateness, latenessLabel } from "../../../domain/recipient-status.js";
import type { ReportMethod } from "../../../domain/stored-report.js";
import { persen, waktu, waktuSingkat } from "../format.js";
import { Badge } from "./status-badge.js";
import { DataTable } from "./table.js";

export interface MatrixRow {
  opdId: string;
  opdName: string;
  sentAt: string | null;
  deliveredAt: string | null;
  /** Bounced or failed delivery: shown instead of "diterima server". */
  deliveryProblem?: "bounced" | "failed" | null;
  acknowledgedAt: string | null;
  ackName?: string | null;
  ackPosition?: string | null;
  reportedAt: string | null;
  /** The follow-up report, for the exports. */
  report?: { staffInformed: number; informedOn: string; method: ReportMethod; note: string } | null;
  /** Not acknowledged, past the deadline. */
  overdue: boolean;
  /** Terlambat: "overdue" (belum konfirmasi) or "acknowledged_late"; absent or null = on time (or only `overdue`). */
  lateness?: Lateness | null;
  /** Started days past the deadline (see recipientFlags). */
  daysLate?: number | null;
  /** Reminders stopped under the Pemda's policy (cap reached or too late). */
  escalation?: { at: string; label: string } | null;
  /** Reminders sent to this OPD head for this letter, and when the last one went. */
  remindersSent?: number;
  lastRemindedAt?: string | null;
  /** Violations recorded for this OPD under this letter. */
  violations?: number;
  /** The report's attachment (a download link), when the report has one. */
  attachment?: ReportAttachmentLink | null;
}

export interface ReportAttachmentLink {
  href: string;
  filename: string;
}

/** The download link of a report's attachment (the file itself is never shown inline). */
export function AttachmentLink(props: { attachment: ReportAttachmentLink | null | undefined }) {
  const a = props.attachment;
  return a ? (
    <div>
      <a class="break" href={a.href} title={`Unduh lampiran laporan: ${a.filename}`}>
        Lampiran: {a.filename}
      </a>
    </div>
  ) : null;
}

/** "Dieskalasi" with why and when, under a recipient's status (matrix and letter page). */
export function EscalationNote(props: { escalation: MatrixRow["escalation"] }) {
  const e = props.escalation;
  return e ? (
    <div data-escalated="true">
      <Badge tone="bad">Dieskalasi</Badge>
      <div class="muted">
        {e.label} ({waktuSingkat(e.at)})
      </div>
    </div>
  ) : null;
}

export interface MatrixTotals {
  total: number;
  sent: number;
  delivered: number;
  acknowledged: number;
  reported: number;
  /** Not acknowledged past the deadline. */
  overdue: number;
  /** Acknowledged after the deadline. */
  acknowledgedLate: number;
  /** Terlambat either way. */
  late: number;
}

/** The row's lateness, reading `overdue` for rows made without `lateness`. */
export function rowLateness(r: MatrixRow): Lateness | null {
  return r.lateness ?? (r.overdue ? "overdue" : null);
}

export function matrixTotals(rows: readonly MatrixRow[]): MatrixTotals {
  return {
    total: rows.length,
    sent: rows.filter((r) => r.sentAt).length,
    delivered: rows.filter((r) => r.deliveredAt).length,
    acknowledged: rows.filter((r) => r.acknowledgedAt).length,
    reported: rows.filter((r) => r.reportedAt).length,
    overdue: rows.filter((r) => rowLateness(r) === "overdue").length,
    acknowledgedLate: rows.filter((r) => rowLateness(r) === "acknowledged_late").length,
    late: rows.filter((r) => rowLateness(r) !== null).length,
  };
}

function Mark(props: { at: string | null }) {
  // The short form keeps a 40-row matrix readable; the full time is in the tooltip.
  return props.at ? (
    <span title={waktu(props.at)} style="white-space:nowrap">
      ✔ {waktuSingkat(props.at)}
    </span>
  ) : (
    <span class="muted">–</span>
  );
}

/**
 * The "Terlambat" cell: "belum konfirmasi" (with how long past the deadline) or "konfirmasi terlambat N hari";
 * a dash when on time.
 */
export function LatenessCell(props: { lateness: Lateness | null; daysLate: number | null }) {
  if (props.lateness === "overdue") {
    return (
      <span data-lateness="overdue">
        <Badge tone="bad">belum konfirmasi</Badge>
        {props.daysLate ? <div class="muted">lewat {props.daysLate} hari</div> : null}
      </span>
    );
  }
  const label = latenessLabel(props.lateness, props.daysLate);
  return label ? (
    <span data-lateness={props.lateness ?? undefined}>
      <Badge tone="warning">{label}</Badge>
    </span>
  ) : (
    <span class="muted">–</span>
  );
}

/** The OPDs the send left out, and why, beside the counts of those it reached. */
export function NotSentNotice(props: { notSent: readonly NotSentOpd[] | undefined }) {
  const list = props.notSent ?? [];
  if (list.length === 0) return null;
  return (
    <div class="flash flash-warning" role="note" data-not-sent={String(list.length)}>
      <strong>Tidak dikirim ke {list.length} perangkat daerah:</strong>
      <ul>
        {list.map((o) => (
          <li data-opd={o.opdId}>
            {o.name}: {NOT_SENT_REASON_TEXT[o.reason]}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MatrixStats(props: { totals: MatrixTotals }) {
  const t = props.totals;
  const items: [string, number][] = [
    ["Terkirim", t.sent],
    ["Diterima server", t.delivered],
    ["Dikonfirmasi", t.acknowledged],
    ["Dilaporkan", t.reported],
    ["Lewat batas, belum konfirmasi", t.overdue],
    ["Konfirmasi terlambat", t.acknowledgedLate],
  ];
  return (
    <div class="stats">
      <div class="stat">
        <b>{t.total}</b>
        <span>OPD dituju</span>
      </div>
      {items.map(([label, n]) => (
        <div class="stat">
          <b>
            {n} <small class="muted">({persen(n, t.total)})</small>
          </b>
          <span>{label}</span>
        </div>
      ))}
    </div>
  );
}

export function ComplianceMatrix(props: {
  rows: MatrixRow[];
  showViolations?: boolean;
  linkOpd?: (opdId: string) => string;
}) {
  const t = matrixTotals(props.rows);
  const cols = [
    "Perangkat daerah",
    "Terkirim",
    "Diterima server",
    "Dikonfirmasi pada",
    "Dilaporkan",
    "Terlambat",
    ...(props.showViolations ? [{ label: "Pelanggaran", numeric: true }] : []),
  ];
  return (
    <DataTable
      columns={cols}
      caption="Matriks kepatuhan"
      footer={
        <tr>
          <td>Jumlah ({t.total} OPD)</td>
          <td>
            {t.sent} ({persen(t.sent, t.total)})
          </td>
          <td>
            {t.delivered} ({persen(t.delivered, t.total)})
          </td>
          <td>
            {t.acknowledged} ({persen(t.acknowledged, t.total)})
          </td>
          <td>
            {t.reported} ({persen(t.reported, t.total)})
          </td>
          <td>
            {t.late} ({persen(t.late, t.total)})
          </td>
          {props.showViolations ? <td class="num">{props.rows.reduce((n, r) => n + (r.violations ?? 0), 0)}</td> : null}
        </tr>
      }
    >
      {props.rows.map((r) => (
        <tr>
          <td class="break">{props.linkOpd ? <a href={props.linkOpd(r.opdId)}>{r.opdName}</a> : r.opdName}</td>
          <td>
            <Mark at={r.sentAt} />
          </td>
          <td>
            {r.deliveryProblem === "bounced" ? (
              <Badge tone="bad">Ditolak (bounce)</Badge>
            ) : r.deliveryProblem === "failed" ? (
              <Badge tone="bad">Gagal</Badge>
            ) : (
              <Mark at={r.deliveredAt} />
            )}
          </td>
          <td>
            <Mark at={r.acknowledgedAt} />
            {r.ackName ? <div class="muted">{r.ackName}</div> : null}
          </td>
          <td>
            <Mark at={r.reportedAt} />
            <AttachmentLink attachment={r.attachment} />
          </td>
          <td>
            <LatenessCell lateness={rowLateness(r)} daysLate={r.daysLate ?? null} />
            <EscalationNote escalation={r.escalation} />
            {r.remindersSent ? (
              <div class="muted" data-reminders={String(r.remindersSent)}>
                {r.remindersSent}× pengingat{r.lastRemindedAt ? `, terakhir ${waktuSingkat(r.lastRemindedAt)}` : ""}
              </div>
            ) : null}
          </td>
          {props.showViolations ? <td class="num">{r.violations ?? 0}</td> : null}
        </tr>
      ))}
    </DataTable>
  );
}
