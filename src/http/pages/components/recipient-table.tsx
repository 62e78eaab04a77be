/** @jsxImportSource hono/jsx */
// Per-OPD delivery and acknowledgement of one sent letter, for the secretariat and the officials: who has not
// confirmed yet, whose email failed or bounced (with "Kirim ulang" and a link to fix the address).

import { waktuSingkat } from "../format.js";
import { CsrfField } from "../layout.js";
import { letterResendPath } from "../letter-actions.js";
import { paths } from "../page-paths.js";
import { EscalationNote } from "./compliance-matrix.js";
import { type RecipientStatus, RecipientStatusBadge } from "./status-badge.js";
import { DataTable } from "./table.js";

export interface RecipientRow {
  recipientId: string;
  opdId: string;
  opdName: string;
  email: string;
  status: RecipientStatus;
  acknowledgedAt: string | null;
  ackName: string | null;
  ackPosition: string | null;
  reportedAt: string | null;
  /** The address bounced at some point: it must be fixed in the OPD data. */
  bounced: boolean;
  /** The letter's failed outbox message for this OPD, which "Kirim ulang" re-queues; null when none. */
  retryOutboxId: string | null;
  /** Why the last attempt failed, as the mail provider said. */
  lastError?: string | null;
  /** Reminders sent so far, and whether the round stopped reminding (escalated). */
  remindersSent?: number;
  /** When the last reminder was queued. */
  lastRemindedAt?: string | null;
  escalation?: { at: string; label: string } | null;
}

export interface RecipientTableProps {
  letterId: string;
  csrfToken: string;
  rows: RecipientRow[];
  /** Sekretariat / admin: may re-send and edit OPD email addresses. */
  canManage: boolean;
}

/** The OPD admin page's card for one OPD (its form carries id="opd-<ID>"). */
export function opdAdminAnchor(opdId: string): string {
  return `${paths.opdAdmin}#opd-${encodeURIComponent(opdId)}`;
}

/** Problems first (failed, bounced, overdue), then waiting, then done, each by name. */
const ORDER: Record<RecipientStatus, number> = {
  failed: 0,
  bounced: 1,
  overdue: 2,
  queued: 3,
  sent: 4,
  delivered: 5,
  acknowledged: 6,
  reported: 7,
};

function Problem(props: { row: RecipientRow; letterId: string; csrfToken: string; canManage: boolean }) {
  const r = props.row;
  const failed = r.status === "failed" || r.status === "bounced" || r.bounced;
  if (!failed) return null;
  return (
    <div class="recipient-problem">
      {r.bounced ? (
        <p class="field-error" style="margin:0 0 .3rem">
          Alamat {r.email} menolak surat (bounce).{" "}
          {props.canManage ? (
            <a href={opdAdminAnchor(r.opdId)}>Perbaiki email OPD ini</a>
          ) : (
            "Sekretariat perlu memperbaiki alamat email OPD ini."
          )}
        </p>
      ) : r.status === "failed" ? (
        <p class="field-error" style="margin:0 0 .3rem">
          Email gagal dikirim{r.lastError ? <span class="muted"> ({r.lastError})</span> : null}.
        </p>
      ) : null}
      {props.canManage && r.retryOutboxId ? (
        <form method="post" action={letterResendPath(props.letterId, r.retryOutboxId)} style="margin:0">
          <CsrfField token={props.csrfToken} />
          <button class="btn btn-secondary btn-small" type="submit" aria-label={`Kirim ulang ke ${r.opdName}`}>
            Kirim ulang
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function RecipientTable(props: RecipientTableProps) {
  const rows = [...props.rows].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.opdName.localeCompare(b.opdName, "id"),
  );
  const waiting = rows.filter((r) => !r.acknowledgedAt).length;
  return (
    <section aria-labelledby="penerima-judul" id="penerima">
      <h2 id="penerima-judul">Penerima per perangkat daerah</h2>
      <p class="muted">
        {waiting === 0
          ? `Semua ${rows.length} perangkat daerah sudah mengonfirmasi.`
          : `${waiting} dari ${rows.length} perangkat daerah belum mengonfirmasi penerimaan.`}
      </p>
      <DataTable
        columns={["Perangkat daerah", "Email", "Status", "Dikonfirmasi", "Laporan"]}
        caption="Penerima per perangkat daerah"
        class="recipients"
      >
        {rows.map((r) => (
          <tr data-opd={r.opdId} data-status={r.status}>
            <td class="opd">
              <strong class="break">{r.opdName}</strong>
              <Problem row={r} letterId={props.letterId} csrfToken={props.csrfToken} canManage={props.canManage} />
            </td>
            <td class="email" data-label="Email">
              {r.email}
            </td>
            <td data-label="Status">
              <RecipientStatusBadge status={r.status} />
              {r.remindersSent ? (
                <div class="muted" data-reminders={String(r.remindersSent)}>
                  {r.remindersSent}× pengingat{r.lastRemindedAt ? `, terakhir ${waktuSingkat(r.lastRemindedAt)}` : ""}
                </div>
              ) : null}
              <EscalationNote escalation={r.escalation} />
            </td>
            <td data-label="Dikonfirmasi">
              {r.acknowledgedAt ? (
                <>
                  {waktuSingkat(r.acknowledgedAt)}
                  <div class="muted">
                    {r.ackName ?? ""}
                    {r.ackPosition ? `, ${r.ackPosition}` : ""}
                  </div>
                </>
              ) : (
                <span class="muted">belum</span>
              )}
            </td>
            <td data-label="Laporan">{r.reportedAt ? waktuSingkat(r.reportedAt) : <span class="muted">belum</span>}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
