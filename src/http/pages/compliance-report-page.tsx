/** @jsxImportSource hono/jsx */
// A printable compliance report of one letter (A4, print CSS inline so "Simpan sebagai PDF" from the browser works).
import type { ComplianceReport } from "../../track/compliance-report.js";

import {
  ComplianceMatrix,
  type MatrixRow,
  MatrixStats,
  matrixTotals,
  NotSentNotice,
} from "./components/compliance-matrix.js";
import { DataTable } from "./components/table.js";
import { tanggal, waktu } from "./format.js";
import { Layout } from "./layout.js";
import { paths } from "./page-paths.js";
import type { ViolationItem } from "./violations-page.js";
import { VIOLATION_STATUS_LABELS } from "./violations-page.js";

export interface ReportChainCheck {
  intact: boolean;
  checkedAt: string;
  /** Intact: verified up to this row; broken: the first bad row. */
  seq: number;
}

function chainText(chain: ReportChainCheck | null): string {
  if (!chain) return "belum pernah diperiksa";
  return chain.intact
    ? `utuh sampai baris #${chain.seq} (pemeriksaan terakhir ${waktu(chain.checkedAt)})`
    : `RUSAK mulai baris #${chain.seq} — lihat log audit (pemeriksaan ${waktu(chain.checkedAt)})`;
}

export interface ComplianceReportPageProps {
  government: string;
  letter: ComplianceReport["letter"];
  rows: MatrixRow[];
  violations: ViolationItem[];
  /** ISO instant the report was made (from the Clock). */
  generatedAt: string;
  generatedBy: string;
  /** The last recorded audit chain check (none is run for the report); null before the first. */
  chain: ReportChainCheck | null;
}

/**
 * Print fixes for this report over the shared print CSS: a long table may break across pages (keeping it whole
 * pushed it to page 2 and left page 1 blank), the caption stays a caption above the table (as a block it printed
 * inside the first row), the header row repeats on every page, and the totals row prints once at the end.
 */
export const REPORT_PRINT_CSS = `@media print{
.table-wrap{break-inside:auto !important;overflow:visible}
table.data caption.print-only{display:table-caption !important;caption-side:top;text-align:left;font-weight:700;padding:0 0 .3rem}
table.data thead{display:table-header-group}
table.data tfoot{display:table-row-group}
table.data tr{break-inside:avoid}
table.data tbody td:first-child{width:30%}
h1,h2{break-after:avoid}
.stats{break-inside:avoid}
}`;

export function ComplianceReportPage(props: ComplianceReportPageProps) {
  const l = props.letter;
  return (
    <Layout title={`Laporan kepatuhan ${l.nomor ?? l.tentang}`} css="inline">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet of ours, no user text */}
      <style dangerouslySetInnerHTML={{ __html: REPORT_PRINT_CSS }} />
      <p class="no-print actions">
        <a class="btn btn-secondary" href={paths.complianceLetter(l.id)}>
          ‹ Kembali
        </a>
        <span class="muted">Cetak atau simpan sebagai PDF dengan menu Cetak peramban (Ctrl+P), kertas A4.</span>
      </p>
      <p class="muted" style="margin:0">
        {props.government} · Inspektorat
      </p>
      <h1 class="break">Laporan kepatuhan surat edaran</h1>
      <dl class="kv card">
        <dt>Nomor</dt>
        <dd>{l.nomor ?? "–"}</dd>
        <dt>Tentang</dt>
        <dd>{l.tentang}</dd>
        <dt>Penandatangan</dt>
        <dd>{l.signerJabatan}</dd>
        <dt>Ditandatangani</dt>
        <dd>{waktu(l.signedAt) || "–"}</dd>
        <dt>Dikirim</dt>
        <dd>{waktu(l.sentAt) || "–"}</dd>
        <dt>Batas tanda terima</dt>
        <dd>{tanggal(l.ackDeadline) || "–"}</dd>
        <dt>Rantai log audit</dt>
        <dd data-chain={props.chain ? (props.chain.intact ? "utuh" : "rusak") : "belum-diperiksa"}>
          {chainText(props.chain)}{" "}
          <a class="no-print" href={paths.audit}>
            Periksa ulang seluruh rantai
          </a>
        </dd>
      </dl>
      <MatrixStats totals={matrixTotals(props.rows)} />
      <NotSentNotice notSent={l.notSent} />
      <ComplianceMatrix rows={props.rows} showViolations />
      <h2>Pelanggaran tercatat</h2>
      {props.violations.length ? (
        <DataTable columns={["Pegawai", "OPD", "Perbuatan", "Sanksi", "Status"]}>
          {props.violations.map((v) => (
            <tr>
              <td>
                {v.employeeName} ({v.employeeStatus})
              </td>
              <td>{v.opdName}</td>
              <td class="break">{v.act}</td>
              <td class="break">{v.sanction ?? "–"}</td>
              <td>{VIOLATION_STATUS_LABELS[v.status][0]}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Tidak ada.</p>
      )}
      <p class="muted">
        Dibuat {waktu(props.generatedAt)} oleh {props.generatedBy}.
      </p>
    </Layout>
  );
}
