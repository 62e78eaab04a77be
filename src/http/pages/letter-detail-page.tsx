/** @jsxImportSource hono/jsx */
// One letter: status, nomor, review chain, revisions, events, and the actions the user may take now.
import type { Child } from "hono/jsx";
import { CsrfField, Layout, type CurrentUser, type FlashMessage } from "./layout.js";
import { DataTable } from "./components/table.js";
import { LetterStatusBadge, RECIPIENT_STATUS_LABELS, type LetterStatus, type RecipientStatus } from "./components/status-badge.js";
import { TextArea, type FieldErrors } from "./components/form-field.js";
import { availableActions, type LetterButton } from "./letter-actions.js";
import { paths } from "./page-paths.js";
import { tanggal, waktu } from "./format.js";

export interface LetterDetail {
  id: string;
  status: LetterStatus;
  tentang: string;
  nomor: string | null;
  revision: number;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  approvedAt?: string | null;
  signedAt?: string | null;
  sentAt?: string | null;
  withdrawnAt?: string | null;
  withdrawnReason?: string | null;
  /** ISO date. */
  ackDeadline?: string | null;
}

export interface ReviewerItem {
  id: string;
  name: string;
  jabatan?: string | null;
  /** When this reviewer gave paraf; null while pending. */
  parafAt?: string | null;
}

export interface RevisionItem {
  revision: number;
  createdAt: string;
  createdByName: string;
}

export interface LetterEventItem {
  /** submit | paraf | return | approve | sign | send | close | withdraw | revoke */
  action: string;
  fromStatus: string;
  toStatus: string;
  actorName: string;
  comment?: string | null;
  createdAt: string;
}

export interface SendOpdOption {
  id: string;
  name: string;
  email: string | null;
  /** Pre-ticked (from the letter's recipients). */
  selected: boolean;
}

export interface SignatureInfo {
  sha256: string;
  keyId: string;
  signedAt: string;
  /** Absolute /v/:id URL (the QR code's target). */
  verifyUrl: string;
}

export interface LetterDetailPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  letter: LetterDetail;
  /** Paraf chain in order. */
  reviewers: ReviewerItem[];
  revisions: RevisionItem[];
  events: LetterEventItem[];
  isCurrentReviewer: boolean;
  reviewComplete: boolean;
  /** Users who may be chosen as reviewers when submitting (drafts only). */
  reviewerOptions: { id: string; label: string }[];
  /** OPDs for the send form (signed letters only). */
  sendOpds: SendOpdOption[];
  signature?: SignatureInfo | null;
  /** Counts per recipient status once sent. */
  recipientCounts?: Partial<Record<RecipientStatus, number>>;
  /** Messages of a failed action form, keyed by field (comment, reason, reviewers, opds). */
  errors?: FieldErrors;
  /** Buttons to show; default availableActions(status, role, isCurrentReviewer, reviewComplete). */
  actions?: LetterButton[];
}

const EVENT_LABELS: Record<string, string> = {
  submit: "Diajukan untuk paraf",
  paraf: "Paraf",
  return: "Dikembalikan",
  approve: "Disetujui",
  sign: "Ditandatangani",
  send: "Dikirim",
  close: "Ditutup",
  withdraw: "Ditarik",
  revoke: "Dicabut",
};

function ActionForm(props: { letterId: string; action: Parameters<typeof paths.letterAction>[1]; csrfToken: string; children?: Child; title: string }) {
  return (
    <form class="card action" method="post" action={paths.letterAction(props.letterId, props.action)}>
      <CsrfField token={props.csrfToken} />
      <h3 style="margin-top:0">{props.title}</h3>
      {props.children}
    </form>
  );
}

export function LetterDetailPage(props: LetterDetailPageProps) {
  const l = props.letter;
  const errors = props.errors ?? {};
  const actions = new Set(
    props.actions ??
      availableActions({ status: l.status, role: props.user.role, isCurrentReviewer: props.isCurrentReviewer, reviewComplete: props.reviewComplete }),
  );
  const noEmail = props.sendOpds.filter((o) => !o.email);
  const f = { letterId: l.id, csrfToken: props.csrfToken };
  return (
    <Layout title={l.tentang} user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="letters">
      <p class="muted">
        <a href={paths.letters}>‹ Daftar surat</a>
      </p>
      <h1 class="break">{l.tentang}</h1>
      <div class="card">
        <dl class="kv">
          <dt>Status</dt>
          <dd>
            <LetterStatusBadge status={l.status} />
          </dd>
          <dt>Nomor</dt>
          <dd>{l.nomor ?? <span class="muted">belum bernomor</span>}</dd>
          <dt>Revisi</dt>
          <dd>ke-{l.revision}</dd>
          <dt>Disusun</dt>
          <dd>
            {l.createdByName}, {waktu(l.createdAt)}
          </dd>
          {l.approvedAt ? (
            <>
              <dt>Disetujui</dt>
              <dd>{waktu(l.approvedAt)}</dd>
            </>
          ) : null}
          {l.signedAt ? (
            <>
              <dt>Ditandatangani</dt>
              <dd>{waktu(l.signedAt)}</dd>
            </>
          ) : null}
          {l.sentAt ? (
            <>
              <dt>Dikirim</dt>
              <dd>{waktu(l.sentAt)}</dd>
            </>
          ) : null}
          {l.ackDeadline ? (
            <>
              <dt>Batas tanda terima</dt>
              <dd>{tanggal(l.ackDeadline)}</dd>
            </>
          ) : null}
          {l.withdrawnAt ? (
            <>
              <dt>Ditarik</dt>
              <dd>
                {waktu(l.withdrawnAt)} — {l.withdrawnReason ?? ""}
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      {props.signature ? (
        <div class="card">
          <h2 style="margin-top:0">Tanda tangan elektronik</h2>
          <dl class="kv">
            <dt>Waktu</dt>
            <dd>{waktu(props.signature.signedAt)}</dd>
            <dt>ID kunci</dt>
            <dd class="mono">{props.signature.keyId}</dd>
            <dt>SHA-256</dt>
            <dd class="mono">{props.signature.sha256}</dd>
            <dt>Verifikasi</dt>
            <dd>
              <a href={props.signature.verifyUrl}>{props.signature.verifyUrl}</a>
            </dd>
          </dl>
        </div>
      ) : null}

      {props.recipientCounts ? (
        <div class="stats" aria-label="Status penerima">
          {(Object.entries(props.recipientCounts) as [RecipientStatus, number][]).map(([s, n]) => (
            <div class="stat">
              <b>{n}</b>
              <span>{RECIPIENT_STATUS_LABELS[s][0]}</span>
            </div>
          ))}
        </div>
      ) : null}

      <h2>Tindakan</h2>
      <div class="actions">
        {actions.has("edit") ? (
          <a class="btn btn-secondary" href={paths.editLetter(l.id)}>
            Ubah konsep
          </a>
        ) : null}
        {actions.has("docx") ? (
          <a class="btn btn-secondary" href={paths.letterDocx(l.id)}>
            Unduh DOCX
          </a>
        ) : null}
      </div>
      <div class="actions" style="margin-top:.75rem">
        {actions.has("submit") ? (
          <ActionForm {...f} action="ajukan" title="Ajukan untuk paraf">
            <div class={errors.reviewers ? "field field-invalid" : "field"}>
              <label for="f-reviewers">Pemaraf (berurutan)</label>
              <span class="hint">Tahan Ctrl / ketuk untuk memilih lebih dari satu.</span>
              <select id="f-reviewers" name="reviewers" multiple size={Math.min(5, Math.max(2, props.reviewerOptions.length))}>
                {props.reviewerOptions.map((r) => (
                  <option value={r.id}>{r.label}</option>
                ))}
              </select>
              {errors.reviewers ? <span class="field-error">{errors.reviewers}</span> : null}
            </div>
            <button class="btn" type="submit">
              Ajukan
            </button>
          </ActionForm>
        ) : null}
        {actions.has("paraf") ? (
          <ActionForm {...f} action="paraf" title="Paraf">
            <TextArea name="comment" label="Catatan (boleh kosong)" rows={2} errors={errors} />
            <button class="btn btn-success" type="submit">
              Beri paraf
            </button>
          </ActionForm>
        ) : null}
        {actions.has("return") ? (
          <ActionForm {...f} action="kembalikan" title="Kembalikan untuk perbaikan">
            <TextArea name="comment" label="Alasan / catatan perbaikan" rows={2} required errors={errors} />
            <button class="btn btn-secondary" type="submit">
              Kembalikan
            </button>
          </ActionForm>
        ) : null}
        {actions.has("approve") ? (
          <ActionForm {...f} action="setujui" title="Setujui surat">
            <p class="muted">Surat mendapat nomor dari buku agenda saat disetujui.</p>
            <button class="btn btn-success" type="submit">
              Setujui
            </button>
          </ActionForm>
        ) : null}
        {actions.has("sign") ? (
          <ActionForm {...f} action="tandatangani" title="Tanda tangani secara elektronik">
            <p class="muted">Berkas DOCX final dibubuhi tanda tangan elektronik dan kode QR; berkas itu tidak dapat diubah lagi.</p>
            <button class="btn btn-success" type="submit">
              Tanda tangani
            </button>
          </ActionForm>
        ) : null}
        {actions.has("send") ? (
          <ActionForm {...f} action="kirim" title="Kirim ke perangkat daerah">
            {noEmail.length ? (
              <div class="flash flash-warning" role="alert">
                <strong>OPD tanpa email ({noEmail.length}):</strong> surat tidak dapat dikirim ke perangkat daerah berikut sampai
                alamat emailnya diisi.
                <ul>
                  {noEmail.map((o) => (
                    <li>{o.name}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div class={errors.opds ? "field field-invalid" : "field"}>
              <span class="label">Penerima</span>
              <div class="checks" style="flex-direction:column">
                {props.sendOpds.map((o) => (
                  <label>
                    <input type="checkbox" name="opds" value={o.id} checked={o.selected} disabled={!o.email} />
                    <span>
                      {o.name} {o.email ? <span class="muted">({o.email})</span> : <span class="badge tone-warning">tanpa email</span>}
                    </span>
                  </label>
                ))}
              </div>
              {errors.opds ? <span class="field-error">{errors.opds}</span> : null}
            </div>
            <button class="btn" type="submit">
              Kirim sekarang
            </button>
          </ActionForm>
        ) : null}
        {actions.has("withdraw") ? (
          <ActionForm {...f} action="tarik" title="Tarik surat">
            <TextArea name="reason" label="Alasan penarikan" rows={2} required errors={errors} />
            <button class="btn btn-danger" type="submit">
              Tarik surat
            </button>
          </ActionForm>
        ) : null}
        {actions.has("revoke") ? (
          <ActionForm {...f} action="cabut" title="Cabut surat (pencabutan)">
            <TextArea name="reason" label="Alasan pencabutan" rows={2} required errors={errors} />
            <button class="btn btn-danger" type="submit">
              Cabut surat
            </button>
          </ActionForm>
        ) : null}
      </div>

      {props.reviewers.length ? (
        <>
          <h2>Paraf</h2>
          <DataTable columns={["#", "Pemaraf", "Paraf"]}>
            {props.reviewers.map((r, i) => (
              <tr>
                <td>{i + 1}</td>
                <td>
                  {r.name}
                  {r.jabatan ? <div class="muted">{r.jabatan}</div> : null}
                </td>
                <td>{r.parafAt ? waktu(r.parafAt) : <span class="muted">menunggu</span>}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}

      <h2>Riwayat</h2>
      {props.events.length ? (
        <ol class="timeline">
          {props.events.map((e) => (
            <li>
              <strong>{EVENT_LABELS[e.action] ?? e.action}</strong> oleh {e.actorName}
              <div class="muted">{waktu(e.createdAt)}</div>
              {e.comment ? <div class="break">“{e.comment}”</div> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">Belum ada tindakan.</p>
      )}

      <h2>Revisi</h2>
      <DataTable columns={["Revisi", "Oleh", "Waktu"]}>
        {props.revisions.map((r) => (
          <tr>
            <td>ke-{r.revision}</td>
            <td>{r.createdByName}</td>
            <td>{waktu(r.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
