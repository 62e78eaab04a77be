/** @jsxImportSource hono/jsx */
// One OPD across letters: when it acknowledged and reported each, its average time to acknowledge, its violations.

import type { Lateness } from "../../domain/recipient-status.js";
import { AttachmentLink, LatenessCell, type ReportAttachmentLink } from "./components/compliance-matrix.js";
import { EmptyState } from "./components/empty-state.js";
import { SelectField, TextField } from "./components/form-field.js";
import { DataTable } from "./components/table.js";
import { durasi, persen, waktu } from "./format.js";
import { type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface OpdHistoryRow {
  letterId: string;
  nomor: string | null;
  tentang: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
  reportedAt: string | null;
  overdue: boolean;
  /** Terlambat: "overdue" (belum konfirmasi) or "acknowledged_late"; absent = read from `overdue`. */
  lateness?: Lateness | null;
  daysLate?: number | null;
  /** Hours from sent to acknowledged; null when not acknowledged. */
  hoursToAck: number | null;
  /** The report's attachment, when it has one. */
  attachment?: ReportAttachmentLink | null;
}

export interface OpdHistoryPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  /** All OPDs for the selector. */
  opds: { id: string; name: string }[];
  /** The chosen OPD; null shows just the selector. */
  opd: { id: string; name: string; headName: string | null; email: string | null } | null;
  rows: OpdHistoryRow[];
  /** Mean of hoursToAck over acknowledged rows; null when none. */
  averageHoursToAck: number | null;
  violationCount: number;
  filters: { from?: string; to?: string };
}

export function averageHours(rows: readonly OpdHistoryRow[]): number | null {
  const done = rows.map((r) => r.hoursToAck).filter((h): h is number => h !== null);
  return done.length ? done.reduce((a, b) => a + b, 0) / done.length : null;
}

export function OpdHistoryPage(props: OpdHistoryPageProps) {
  const acked = props.rows.filter((r) => r.acknowledgedAt).length;
  const lateness = (r: OpdHistoryRow): Lateness | null => r.lateness ?? (r.overdue ? "overdue" : null);
  const overdue = props.rows.filter((r) => lateness(r) === "overdue").length;
  const ackLate = props.rows.filter((r) => lateness(r) === "acknowledged_late").length;
  return (
    <Layout
      title="Riwayat per OPD"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="opdHistory"
    >
      <h1>Riwayat per perangkat daerah</h1>
      <form class="card filters" method="get" action={paths.opdHistoryIndex}>
        <SelectField
          name="opd"
          label="Perangkat daerah"
          value={props.opd?.id}
          placeholder="— pilih —"
          options={props.opds.map((o) => ({ value: o.id, label: o.name }))}
        />
        <TextField name="from" label="Dari tanggal" type="date" value={props.filters.from} />
        <TextField name="to" label="Sampai tanggal" type="date" value={props.filters.to} />
        <button class="btn" type="submit">
          Tampilkan
        </button>
      </form>
      {props.opd ? (
        <>
          <h2 class="break">{props.opd.name}</h2>
          <p class="muted">
            {props.opd.headName ?? "Kepala belum tercatat"} · {props.opd.email ?? "tanpa email"}
          </p>
          <div class="stats">
            <div class="stat">
              <b>{props.rows.length}</b>
              <span>Surat diterima</span>
            </div>
            <div class="stat">
              <b>
                {acked} <small class="muted">({persen(acked, props.rows.length)})</small>
              </b>
              <span>Dikonfirmasi</span>
            </div>
            <div class="stat">
              <b>
                {ackLate} <small class="muted">({persen(ackLate, props.rows.length)})</small>
              </b>
              <span>Konfirmasi terlambat</span>
            </div>
            <div class="stat">
              <b>{overdue}</b>
              <span>Lewat batas, belum konfirmasi</span>
            </div>
            <div class="stat">
              <b>{durasi(props.averageHoursToAck)}</b>
              <span>Rata-rata waktu konfirmasi</span>
            </div>
            <div class="stat">
              <b>{props.violationCount}</b>
              <span>Pelanggaran tercatat</span>
            </div>
          </div>
          {props.rows.length ? (
            <DataTable columns={["Surat", "Dikirim", "Dikonfirmasi", "Waktu konfirmasi", "Dilaporkan", "Terlambat"]}>
              {props.rows.map((r) => (
                <tr>
                  <td class="break">
                    <a href={paths.complianceLetter(r.letterId)}>{r.tentang}</a>
                    <div class="muted">{r.nomor ?? ""}</div>
                  </td>
                  <td>{waktu(r.sentAt) || "–"}</td>
                  <td>{waktu(r.acknowledgedAt) || "–"}</td>
                  <td>{durasi(r.hoursToAck)}</td>
                  <td>
                    {waktu(r.reportedAt) || "–"}
                    <AttachmentLink attachment={r.attachment} />
                  </td>
                  <td>
                    <LatenessCell lateness={lateness(r)} daysLate={r.daysLate ?? null} />
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <EmptyState title="Belum ada surat untuk perangkat daerah ini pada periode tersebut." />
          )}
        </>
      ) : (
        <EmptyState title="Pilih perangkat daerah." />
      )}
    </Layout>
  );
}
