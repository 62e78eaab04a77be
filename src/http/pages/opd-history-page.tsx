/** @jsxImportSource hono/jsx */
// One OPD across letters: when it acknowledged and reported each, its average time to acknowledge, its violations.

import type { Lateness } from "../../domain/recipient-status.js";
import { AttachmentLink, LatenessCell, type ReportAttachmentLink } from "./components/compliance-matrix.js";
import { EmptyState } from "./components/empty-state.js";
import { SelectField, TextField } from "./components/form-field.js";
import { NextPage } from "./components/next-page.js";
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
  /** Over the whole period (rows is one page of it); absent: counted from rows. */
  totals?: { received: number; acknowledged: number; acknowledgedLate: number; overdue: number };
  /** The `after` of the next page; null or absent on the last one. */
  nextCursor?: string | null;
  /** Past the first page. */
  paged?: boolean;
}

export function averageHours(rows: readonly OpdHistoryRow[]): number | null {
  const done = rows.map((r) => r.hoursToAck).filter((h): h is number => h !== null);
  return done.length ? done.reduce((a, b) => a + b, 0) / done.length : null;
}

/** The page's address for this OPD and period, starting after `after` when given. */
function historyHref(opdId: string, filters: OpdHistoryPageProps["filters"], after?: string): string {
  const q = new URLSearchParams({ opd: opdId, ...filters, ...(after ? { after } : {}) });
  return `${paths.opdHistoryIndex}?${q.toString()}`;
}

export function OpdHistoryPage(props: OpdHistoryPageProps) {
  const lateness = (r: OpdHistoryRow): Lateness | null => r.lateness ?? (r.overdue ? "overdue" : null);
  const totals = props.totals ?? {
    received: props.rows.length,
    acknowledged: props.rows.filter((r) => r.acknowledgedAt).length,
    acknowledgedLate: props.rows.filter((r) => lateness(r) === "acknowledged_late").length,
    overdue: props.rows.filter((r) => lateness(r) === "overdue").length,
  };
  const { received, acknowledged: acked, acknowledgedLate: ackLate, overdue } = totals;
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
              <b>{received}</b>
              <span>Surat diterima</span>
            </div>
            <div class="stat">
              <b>
                {acked} <small class="muted">({persen(acked, received)})</small>
              </b>
              <span>Dikonfirmasi</span>
            </div>
            <div class="stat">
              <b>
                {ackLate} <small class="muted">({persen(ackLate, received)})</small>
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
          <NextPage
            nextHref={props.nextCursor ? historyHref(props.opd.id, props.filters, props.nextCursor) : null}
            firstHref={props.paged ? historyHref(props.opd.id, props.filters) : null}
          />
        </>
      ) : (
        <EmptyState title="Pilih perangkat daerah." />
      )}
    </Layout>
  );
}
