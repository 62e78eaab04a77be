/** @jsxImportSource hono/jsx */
// The hash-chained audit log, overall or for one letter, with the last recorded chain check (never run here)
// and the full re-check job: a button to start it and its progress while it runs.

import { AUDIT_ACTION_LABELS, type AuditDetail, auditActionLabel } from "../../audit/audit-labels.js";
import type { AuditFilter } from "../../audit/audit-page.js";
import { EmptyState } from "./components/empty-state.js";
import { SelectField, TextField } from "./components/form-field.js";
import { NextPage } from "./components/next-page.js";
import { DataTable } from "./components/table.js";
import { waktu, waktuSingkat } from "./format.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface AuditRow {
  seq: number;
  at: string;
  /** Display name of the actor (or "sistem", "penerima DINKES"). */
  actor: string;
  /** The raw action code ("letter.sign"); the page shows its Indonesian label with the code in small type. */
  action: string;
  letterId: string | null;
  subject: string | null;
  /** data_json as readable pairs (auditDetails). */
  details?: AuditDetail[];
  /** Free text shown under the subject (older callers). */
  detail?: string | null;
  hash: string;
}

/** The signed checkpoint outside the database the chain was checked against (refused: its signature failed). */
export type CheckpointCheck =
  | { status: "verified"; seq: number; at: string }
  | { status: "none" }
  | { status: "refused"; reason: string };

/**
 * The last recorded check. intact: every row it read links; broken: the first row whose hash or link does not
 * match (changed or removed before it). `kind`: a full re-check from the first row, or only the rows after the
 * latest checkpoint.
 */
export type ChainCheck = (
  | { intact: true; rows: number; checkedAt: string }
  | { intact: false; firstBadSeq: number; reason: string; checkedAt: string }
) & { checkpoint?: CheckpointCheck; kind?: "incremental" | "full"; headSeq?: number };

/** A full re-check job under way. */
export interface ChainJob {
  id: string;
  rowsRead: number;
  rowsTotal: number;
  startedAt: string;
}

function kindLabel(kind: ChainCheck["kind"]): string {
  return kind === "full"
    ? "Pemeriksaan penuh"
    : kind === "incremental"
      ? "Pemeriksaan sejak checkpoint"
      : "Pemeriksaan";
}

function JobProgress(props: { job: ChainJob }) {
  const { job } = props;
  const total = Math.max(job.rowsTotal, job.rowsRead, 1);
  return (
    <div class="verdict" role="status" data-job="berjalan" data-job-id={job.id}>
      Pemeriksaan penuh sedang berjalan
      <progress value={job.rowsRead} max={total} style="width:100%">
        {Math.floor((job.rowsRead / total) * 100)}%
      </progress>
      <small>
        {job.rowsRead} dari {job.rowsTotal} baris diperiksa; dimulai {waktu(job.startedAt)}.{" "}
        <a href={paths.audit}>Perbarui</a>
      </small>
    </div>
  );
}

function CheckpointLine(props: { checkpoint: CheckpointCheck }) {
  const cp = props.checkpoint;
  if (cp.status === "refused") {
    return (
      <div class="verdict verdict-bad" role="alert" data-checkpoint="ditolak">
        Checkpoint DITOLAK
        <small>{cp.reason}</small>
      </div>
    );
  }
  return (
    <p class="muted" data-checkpoint={cp.status === "verified" ? "cocok" : "belum-ada"}>
      {cp.status === "verified"
        ? `Dicocokkan dengan checkpoint bertanda tangan di luar basis data sampai baris #${cp.seq} (${waktu(cp.at)}).`
        : "Belum ada checkpoint bertanda tangan di luar basis data."}
    </p>
  );
}

export interface AuditLogPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  rows: AuditRow[];
  /** When showing one letter's log. */
  letter?: { id: string; tentang: string } | null;
  check?: ChainCheck | null;
  /** The full re-check job running now. */
  job?: ChainJob | null;
  /** The cursor of the next (older) page; null on the last one. */
  nextCursor: string | null;
  /** Whether this page came after a cursor (so "Halaman pertama" is offered). */
  paged: boolean;
  /** The filters in force (letter, action, actor, OPD, dates). */
  filter?: AuditFilter;
  opds?: { value: string; label: string }[];
  actors?: { value: string; label: string }[];
}

/** The filters as a query string ("" when none), the paging and export links carry them. */
export function auditFilterQuery(f: AuditFilter = {}): string {
  const q = new URLSearchParams();
  if (f.letterId) q.set("letter", f.letterId);
  if (f.action) q.set("action", f.action);
  if (f.actor) q.set("actor", f.actor);
  if (f.opdId) q.set("opd", f.opdId);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  return q.toString();
}

function AuditFilters(props: AuditLogPageProps) {
  const f = props.filter ?? {};
  return (
    <form class="card filters no-print" method="get" action={paths.audit} data-audit-filters="">
      {f.letterId ? <input type="hidden" name="letter" value={f.letterId} /> : null}
      <SelectField
        name="action"
        label="Tindakan"
        value={f.action}
        placeholder="Semua tindakan"
        options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <SelectField
        name="opd"
        label="Perangkat daerah"
        value={f.opdId}
        placeholder="Semua OPD"
        options={props.opds ?? []}
      />
      <SelectField
        name="actor"
        label="Pelaku"
        value={f.actor}
        placeholder="Semua pelaku"
        options={props.actors ?? []}
      />
      <TextField name="from" label="Dari tanggal" type="date" value={f.from} />
      <TextField name="to" label="Sampai tanggal" type="date" value={f.to} />
      <button class="btn" type="submit">
        Terapkan
      </button>
    </form>
  );
}

// Page-local: a compact list for the details, so a row stays a few lines high.
// The hash and the code never break inside (a hash split over two lines reads as two values).
const AUDIT_CSS =
  ".audit-details{list-style:none;margin:0;padding:0;font-size:.85rem}.audit-details li{overflow-wrap:anywhere}" +
  ".audit-code{white-space:nowrap;word-break:normal;font-size:.75rem}.audit-hash{white-space:nowrap;word-break:normal}";

export function AuditLogPage(props: AuditLogPageProps) {
  const qs = auditFilterQuery(props.filter ?? (props.letter ? { letterId: props.letter.id } : {}));
  const base = qs ? `${paths.audit}?${qs}` : paths.audit;
  const pageHref = (after: string) => `${base}${base.includes("?") ? "&" : "?"}after=${encodeURIComponent(after)}`;
  return (
    <Layout title="Log audit" user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="audit">
      <h1 class="break">{props.letter ? `Log audit: ${props.letter.tentang}` : "Log audit"}</h1>
      {props.check ? (
        props.check.intact ? (
          <div class="verdict verdict-ok" role="status" data-chain="utuh">
            Rantai UTUH
            <small>
              {kindLabel(props.check.kind)} terakhir, {waktu(props.check.checkedAt)}: {props.check.rows} baris diperiksa
              {props.check.headSeq ? ` sampai baris #${props.check.headSeq}` : ""}; tidak ada yang diubah atau dihapus.
            </small>
          </div>
        ) : (
          <div class="verdict verdict-bad" role="alert" data-chain="rusak">
            {props.check.firstBadSeq > 0
              ? `Rantai RUSAK mulai baris #${props.check.firstBadSeq}`
              : "Rantai tidak dapat dipastikan"}
            <small>
              {props.check.reason} ({kindLabel(props.check.kind).toLowerCase()}, {waktu(props.check.checkedAt)})
            </small>
          </div>
        )
      ) : (
        <p class="muted" data-chain="belum-diperiksa">
          Rantai belum pernah diperiksa.
        </p>
      )}
      {props.job ? <JobProgress job={props.job} /> : null}
      {props.check?.checkpoint ? <CheckpointLine checkpoint={props.check.checkpoint} /> : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet of ours, no user text */}
      <style dangerouslySetInnerHTML={{ __html: AUDIT_CSS }} />
      <AuditFilters {...props} />
      <p class="no-print">
        <a class="btn btn-secondary" href={qs ? `${paths.auditExport}?${qs}` : paths.auditExport}>
          Unduh log (CSV){qs ? ", sesuai saringan" : ""}
        </a>
      </p>
      <form method="post" action={paths.auditVerify} class="actions no-print" style="margin-bottom:1rem">
        <CsrfField token={props.csrfToken} />
        <button class="btn" type="submit">
          {props.job ? "Lihat pemeriksaan yang berjalan" : "Periksa ulang seluruh rantai"}
        </button>
      </form>
      {props.rows.length ? (
        <DataTable columns={[{ label: "#", numeric: true }, "Waktu (WIB)", "Pelaku", "Tindakan", "Rincian", "Hash"]}>
          {props.rows.map((r) => (
            <tr id={`seq-${r.seq}`}>
              <td class="num">{r.seq}</td>
              <td title={waktu(r.at)} style="white-space:nowrap">
                {waktuSingkat(r.at)}
              </td>
              <td class="break">{r.actor}</td>
              <td>
                {auditActionLabel(r.action)}
                <div>
                  <small class="mono muted audit-code" data-code={r.action}>
                    {r.action}
                  </small>
                </div>
              </td>
              <td class="break">
                {r.subject ? <div>{r.subject}</div> : null}
                {r.details?.length ? (
                  <ul class="audit-details">
                    {r.details.map((d) => (
                      <li>
                        <span class="muted">{d.label}:</span> {d.value}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {r.detail ? <div class="muted">{r.detail}</div> : null}
              </td>
              <td class="mono audit-hash" title={r.hash}>
                {r.hash.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <EmptyState title={qs ? "Tidak ada baris yang cocok dengan saringan ini." : "Log audit masih kosong."} />
      )}
      <NextPage nextHref={props.nextCursor ? pageHref(props.nextCursor) : null} firstHref={props.paged ? base : null} />
    </Layout>
  );
}
