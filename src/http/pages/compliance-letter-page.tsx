/** @jsxImportSource hono/jsx */
// The Inspektorat's per-letter matrix: OPD × (terkirim, diterima server, dikonfirmasi, dilaporkan, terlambat).

import { type CellValue, instantCell } from "../../audit/export-csv.js";
import { NOT_SENT_REASON_TEXT, type NotSentOpd } from "../../domain/not-sent.js";
import { latenessLabel } from "../../domain/recipient-status.js";
import { reportMethodLabel } from "../../track/follow-up-report.js";
import {
  ComplianceMatrix,
  type MatrixRow,
  MatrixStats,
  matrixTotals,
  NotSentNotice,
  rowLateness,
} from "./components/compliance-matrix.js";
import { EmptyState } from "./components/empty-state.js";
import { SelectField, TextField } from "./components/form-field.js";
import { type LetterStatus, LetterStatusBadge } from "./components/status-badge.js";
import { tanggal, wibDate } from "./format.js";
import { type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export const MATRIX_FILTERS = [
  "all",
  "acknowledged",
  "not_acknowledged",
  "reported",
  "late",
  "overdue",
  "acknowledged_late",
  "delivery_problem",
] as const;
export type MatrixFilter = (typeof MATRIX_FILTERS)[number];

export const MATRIX_FILTER_LABELS: Record<MatrixFilter, string> = {
  all: "Semua",
  acknowledged: "Sudah dikonfirmasi",
  not_acknowledged: "Belum dikonfirmasi",
  reported: "Sudah melapor",
  late: "Terlambat (semua)",
  overdue: "Lewat batas, belum konfirmasi",
  acknowledged_late: "Konfirmasi terlambat",
  delivery_problem: "Gagal terkirim",
};

export interface ComplianceLetterSummary {
  id: string;
  nomor: string | null;
  tentang: string;
  status: LetterStatus;
  sentAt: string | null;
  ackDeadline: string | null;
  /** The OPDs the send left out, and why. */
  notSent?: NotSentOpd[];
}

export interface ComplianceLetterPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  letter: ComplianceLetterSummary;
  /** Rows already filtered by the route (the totals are of these rows). */
  rows: MatrixRow[];
  /** The active filters, echoed into the filter form and the export links. */
  filters: { status: MatrixFilter; from?: string; to?: string };
}

/** Applies the filters to rows (pure; the route may call it before rendering). Dates compare acknowledgedAt / sentAt as WIB days. */
export function filterMatrix(rows: readonly MatrixRow[], f: ComplianceLetterPageProps["filters"]): MatrixRow[] {
  return rows.filter((r) => {
    if (f.status === "acknowledged" && !r.acknowledgedAt) return false;
    if (f.status === "not_acknowledged" && r.acknowledgedAt) return false;
    if (f.status === "reported" && !r.reportedAt) return false;
    const late = rowLateness(r);
    if (f.status === "late" && !late) return false;
    if (f.status === "overdue" && late !== "overdue") return false;
    if (f.status === "acknowledged_late" && late !== "acknowledged_late") return false;
    if (f.status === "delivery_problem" && !r.deliveryProblem) return false;
    const day = wibDate(r.acknowledgedAt ?? r.sentAt);
    if (f.from && (!day || day < f.from)) return false;
    if (f.to && (!day || day > f.to)) return false;
    return true;
  });
}

function query(f: ComplianceLetterPageProps["filters"]): string {
  const q = new URLSearchParams();
  if (f.status !== "all") q.set("status", f.status);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function ComplianceLetterPage(props: ComplianceLetterPageProps) {
  const l = props.letter;
  const qs = query(props.filters);
  return (
    <Layout
      title={`Kepatuhan: ${l.tentang}`}
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="compliance"
    >
      <p class="muted">
        <a href={paths.compliance}>‹ Semua surat</a>
      </p>
      <h1 class="break">{l.tentang}</h1>
      <p>
        <LetterStatusBadge status={l.status} /> {l.nomor ?? ""}
        {l.ackDeadline ? <span class="muted"> · batas tanda terima {tanggal(l.ackDeadline)}</span> : null}
      </p>
      <form class="card filters" method="get" action={paths.complianceLetter(l.id)}>
        <SelectField
          name="status"
          label="Status"
          value={props.filters.status}
          options={Object.entries(MATRIX_FILTER_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="from" label="Dari tanggal" type="date" value={props.filters.from} />
        <TextField name="to" label="Sampai tanggal" type="date" value={props.filters.to} />
        <button class="btn" type="submit">
          Terapkan
        </button>
      </form>
      <MatrixStats totals={matrixTotals(props.rows)} />
      <NotSentNotice notSent={l.notSent} />
      <div class="actions no-print" style="margin-bottom:1rem">
        {/* The whole matrix by default, OPDs not sent to included; the filtered view only when asked for. */}
        <a class="btn btn-secondary" href={paths.complianceExport(l.id, "csv")}>
          Unduh seluruh matriks (CSV)
        </a>
        <a class="btn btn-secondary" href={paths.complianceExport(l.id, "xlsx")}>
          Unduh seluruh matriks (XLSX)
        </a>
        {qs ? (
          <a class="btn btn-secondary" href={`${paths.complianceExport(l.id, "xlsx")}${qs}&saring=1`}>
            Unduh hasil saringan (XLSX)
          </a>
        ) : null}
        <a class="btn btn-secondary" href={paths.complianceReport(l.id)}>
          Laporan cetak
        </a>
      </div>
      {props.rows.length ? (
        <ComplianceMatrix rows={props.rows} showViolations linkOpd={paths.opdHistory} />
      ) : (
        <EmptyState title="Tidak ada perangkat daerah yang cocok dengan saringan ini." />
      )}
    </Layout>
  );
}

const DELIVERY_PROBLEM_TEXT = { bounced: "ditolak (bounce)", failed: "gagal dikirim" } as const;

/**
 * Header and rows of the matrix for CSV / XLSX export: the screen's columns, the acknowledger's jabatan and the
 * follow-up report, then one row per OPD the letter was not sent to, saying why. Times are Date cells: the CSV
 * writes them as WIB "25/11/2026 16.03", the XLSX as date cells showing the same.
 */
export function matrixExportRows(rows: readonly MatrixRow[], notSent: readonly NotSentOpd[] = []): CellValue[][] {
  return [
    [
      "Kode OPD",
      "Perangkat daerah",
      "Terkirim (WIB)",
      "Diterima server (WIB)",
      "Masalah pengiriman",
      "Dikonfirmasi pada (WIB)",
      "Dikonfirmasi oleh",
      "Jabatan yang mengonfirmasi",
      "Dilaporkan (WIB)",
      "Pegawai yang diberi tahu",
      "Diberitahukan pada",
      "Cara memberitahukan",
      "Catatan laporan",
      "Lampiran laporan",
      "Terlambat",
      "Hari terlambat",
      "Pengingat terkirim",
      "Pengingat terakhir (WIB)",
      "Pelanggaran",
    ],
    ...rows.map((r) => {
      const late = rowLateness(r);
      return [
        r.opdId,
        r.opdName,
        instantCell(r.sentAt),
        instantCell(r.deliveredAt),
        r.deliveryProblem ? DELIVERY_PROBLEM_TEXT[r.deliveryProblem] : null,
        instantCell(r.acknowledgedAt),
        r.ackName ?? null,
        r.ackPosition ?? null,
        instantCell(r.reportedAt),
        r.report?.staffInformed ?? null,
        r.report ? tanggal(r.report.informedOn) : null,
        r.report ? reportMethodLabel[r.report.method] : null,
        r.report?.note || null,
        r.attachment?.filename ?? null,
        latenessLabel(late, r.daysLate) ?? "tidak",
        late ? (r.daysLate ?? null) : null,
        r.remindersSent ?? 0,
        instantCell(r.lastRemindedAt ?? null),
        r.violations ?? 0,
      ];
    }),
    ...notSent.map((o) => [
      o.opdId,
      o.name,
      null,
      null,
      `tidak dikirim: ${NOT_SENT_REASON_TEXT[o.reason]}`,
      ...Array.from({ length: 14 }, () => null),
    ]),
  ];
}
