/** @jsxImportSource hono/jsx */
// One letter: status, nomor, the letter itself, review chain, revisions, events, the actions the user may take
// now, and once sent, each OPD's delivery and acknowledgement (or, for an OPD head, their own).

import type { Child } from "hono/jsx";
import { isRemindable, recipientStatuses } from "../../domain/recipient-status.js";
import { ErrorSummary, type FieldErrors, TextArea } from "./components/form-field.js";
import { LetterPreview } from "./components/letter-preview.js";
import { opdAdminAnchor, type RecipientRow, RecipientTable } from "./components/recipient-table.js";
import { type SignConfirmedBy, SignCredentialFields } from "./components/sign-credential-fields.js";
import {
  type LetterStatus,
  LetterStatusBadge,
  RECIPIENT_STATUS_LABELS,
  type RecipientStatus,
  RecipientStatusBadge,
} from "./components/status-badge.js";
import { DataTable } from "./components/table.js";
import { tanggal, waktu } from "./format.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { availableActions, type LetterButton } from "./letter-actions.js";
import { paths } from "./page-paths.js";

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
  /** The letter has a signed PDF beside the DOCX (its download is offered unless withdrawn). */
  hasPdf?: boolean;
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
  /** The deadline has passed or ends within a day: approval is refused until it is changed. */
  deadlineTooSoon?: boolean;
  /** A sent letter's OPDs not reached yet, for "Kirim ke OPD yang belum" (secretariat and admin only). */
  remainingOpds?: SendOpdOption[];
  signature?: SignatureInfo | null;
  /** Counts per recipient status once sent. */
  recipientCounts?: Partial<Record<RecipientStatus, number>>;
  /** Messages of a failed action form, keyed by field (comment, reason, reviewers, opds). */
  errors?: FieldErrors;
  /** Buttons to show; default availableActions(status, role, isCurrentReviewer, reviewComplete). */
  actions?: LetterButton[];
  /** The letter rendered as HTML for the sandboxed preview; null when it cannot be rendered. */
  letterHtml?: string | null;
  /** Each OPD's delivery and acknowledgement once sent (sekretariat, admin, penandatangan, inspektorat). */
  recipients?: RecipientRow[] | null;
  /** Sekretariat / admin: "Kirim ulang" and the links to fix an OPD's email. */
  canManageRecipients?: boolean;
  /** The signed-in OPD head's own recipient row, when their OPD received the letter. */
  ownAck?: OwnAck | null;
  /** The reviewers chosen in a refused submit form, in order, to show them again. */
  reviewerChoice?: string[];
  /** Who checks the sign form's credential: edaran (signing passphrase) or BSrE (passphrase or TOTP). */
  signConfirmedBy?: SignConfirmedBy;
  /** Whether the sign step also makes the PAdES-signed PDF (a PDF signer is configured). */
  signMakesPdf?: boolean;
}

export interface OwnAck {
  opdName: string;
  status: RecipientStatus;
  acknowledgedAt: string | null;
  ackName: string | null;
  ackPosition: string | null;
  reportedAt: string | null;
  /** The head's personal /tanda-terima/<token> page. */
  ackUrl: string;
  /** The letter was withdrawn: nothing to confirm any more. */
  withdrawn: boolean;
}

/** How many ordered "Pemaraf n" selects the submit form offers. */
export const REVIEWER_SLOTS = 3;

const EVENT_LABELS: Record<string, string> = {
  submit: "Diajukan untuk paraf",
  paraf: "Paraf",
  return: "Dikembalikan",
  approve: "Disetujui",
  sign: "Ditandatangani",
  send: "Dikirim",
  close: "Ditutup",
  withdraw: "Dicabut",
  revoke: "Dicabut",
};

function ActionForm(props: {
  letterId: string;
  action: Parameters<typeof paths.letterAction>[1];
  csrfToken: string;
  children?: Child;
  title: string;
}) {
  return (
    <form
      class="card action"
      method="post"
      action={paths.letterAction(props.letterId, props.action)}
      id={`form-${props.action}`}
    >
      <CsrfField token={props.csrfToken} />
      <h3 style="margin-top:0">{props.title}</h3>
      {props.children}
    </form>
  );
}

// What the error summary calls each action form's field, and where its link jumps to.
const ERROR_LABELS: Record<string, string> = {
  reviewers: "Pemaraf",
  "reviewers.0": "Pemaraf 1",
  "reviewers.1": "Pemaraf 2",
  "reviewers.2": "Pemaraf 3",
  parafComment: "Catatan paraf",
  comment: "Alasan / catatan perbaikan",
  approveComment: "Catatan persetujuan",
  reason: "Alasan",
  opds: "Penerima",
  remainingOpds: "Penerima yang belum",
};
const ERROR_ANCHORS: Record<string, string> = {
  parafComment: "#form-paraf",
  comment: "#form-kembalikan",
  approveComment: "#form-setujui",
  opds: "#form-kirim",
  remainingOpds: "#form-kirim-sisa",
};

export function LetterDetailPage(props: LetterDetailPageProps) {
  const l = props.letter;
  const errors = props.errors ?? {};
  const actions = new Set(
    props.actions ??
      availableActions({
        status: l.status,
        role: props.user.role,
        isCurrentReviewer: props.isCurrentReviewer,
        reviewComplete: props.reviewComplete,
      }),
  );
  const f = { letterId: l.id, csrfToken: props.csrfToken };
  const remindable = (props.recipients ?? []).filter((r) => isRemindable(r.status)).length;
  return (
    <Layout title={l.tentang} user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="letters">
      <p class="muted">
        <a href={paths.letters}>‹ Daftar surat</a>
      </p>
      <h1 class="break">{l.tentang}</h1>
      {/* Also when the refused form is not on the page for this user or state: the reason is always shown. */}
      <ErrorSummary errors={props.errors} labels={ERROR_LABELS} anchors={ERROR_ANCHORS} />
      <div class="letter-grid">
        <div class="g-info">
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
                  <dt>Dicabut</dt>
                  <dd>
                    {waktu(l.withdrawnAt)} — {l.withdrawnReason ?? ""}
                  </dd>
                </>
              ) : null}
            </dl>
          </div>

          {props.ownAck ? <OwnAckCard ack={props.ownAck} /> : null}

          {props.recipientCounts ? (
            <section class="stats" aria-label="Status penerima">
              {recipientStatuses
                .flatMap((s) => {
                  const n = props.recipientCounts?.[s];
                  return n === undefined ? [] : [[s, n] as const];
                })
                .map(([s, n]) => (
                  <div class="stat">
                    <b>{n}</b>
                    <span>{RECIPIENT_STATUS_LABELS[s][0]}</span>
                  </div>
                ))}
            </section>
          ) : null}
        </div>
        <section class="card g-letter" aria-labelledby="isi-surat">
          <h2 id="isi-surat" style="margin-top:0">
            Isi surat
          </h2>
          {props.letterHtml ? (
            <LetterPreview html={props.letterHtml} title={`Isi surat: ${l.tentang}`} />
          ) : (
            <p class="muted">Isi surat tidak dapat ditampilkan.</p>
          )}
        </section>
        <div class="g-acts">
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
                <ReviewerSelects options={props.reviewerOptions} chosen={props.reviewerChoice ?? []} errors={errors} />
                <button class="btn" type="submit">
                  Ajukan untuk paraf
                </button>
              </ActionForm>
            ) : null}
            {actions.has("paraf") ? (
              <ActionForm {...f} action="paraf" title="Paraf">
                <TextArea
                  id="f-paraf-comment"
                  name="comment"
                  label="Catatan (boleh kosong)"
                  rows={2}
                  errors={errors.parafComment ? { comment: errors.parafComment } : {}}
                />
                <button class="btn btn-success" type="submit">
                  Beri paraf
                </button>
              </ActionForm>
            ) : null}
            {actions.has("return") ? (
              <ActionForm {...f} action="kembalikan" title="Kembalikan untuk perbaikan">
                <TextArea
                  id="f-return-comment"
                  name="comment"
                  label="Alasan / catatan perbaikan"
                  rows={2}
                  required
                  errors={errors}
                />
                <button class="btn btn-secondary" type="submit">
                  Kembalikan
                </button>
              </ActionForm>
            ) : null}
            {actions.has("approve") ? (
              <ActionForm {...f} action="setujui" title="Setujui surat">
                <p class="muted">
                  Surat mendapat nomor dari buku agenda saat disetujui. Persetujuan tidak dapat dibatalkan.
                </p>
                {props.deadlineTooSoon ? (
                  <div class="flash flash-warning" role="alert" data-deadline-too-soon="">
                    <strong>Batas waktu tanda terima sudah lewat atau kurang dari sehari lagi.</strong> Surat ini tidak
                    dapat disetujui: semua perangkat daerah akan langsung terlambat. Kembalikan surat ke konseptor untuk
                    mengubah batas waktunya.
                  </div>
                ) : null}
                <TextArea
                  id="f-approve-comment"
                  name="comment"
                  label="Catatan (boleh kosong)"
                  rows={2}
                  errors={errors.approveComment ? { comment: errors.approveComment } : {}}
                />
                <ConfirmBox
                  id="f-confirm-approve"
                  text="Saya telah membaca surat ini dan menyetujuinya"
                  error={errors.confirmApprove}
                />
                <button class="btn btn-success" type="submit">
                  Setujui
                </button>
              </ActionForm>
            ) : null}
            {actions.has("sign") ? (
              <ActionForm {...f} action="tandatangani" title="Tanda tangani secara elektronik">
                <p class="muted">
                  {props.signConfirmedBy === "bsre"
                    ? "Berkas DOCX dan PDF final dibubuhi tanda tangan elektronik dan kode QR; PDF ditandatangani dengan sertifikat elektronik BSrE Anda. Berkas itu tidak dapat diubah lagi."
                    : props.signMakesPdf
                      ? "Berkas DOCX dan PDF final dibubuhi tanda tangan elektronik dan kode QR; PDF ditandatangani dengan sertifikat elektronik Anda sendiri. Berkas itu tidak dapat diubah lagi."
                      : "Berkas DOCX final dibubuhi tanda tangan elektronik dan kode QR; berkas itu tidak dapat diubah lagi."}
                </p>
                <SignCredentialFields confirmedBy={props.signConfirmedBy ?? "edaran"} errors={errors} />
                <ConfirmBox
                  id="f-confirm-sign"
                  text="Saya telah membaca surat ini dan menandatanganinya"
                  error={errors.confirmSign}
                />
                <button class="btn btn-success" type="submit">
                  Tanda tangani
                </button>
              </ActionForm>
            ) : null}
            {actions.has("send") ? (
              <ActionForm {...f} action="kirim" title="Kirim ke perangkat daerah">
                <NoEmailWarning opds={props.sendOpds} />
                <OpdChecks opds={props.sendOpds} error={errors.opds} />
                <button class="btn" type="submit">
                  Kirim sekarang
                </button>
              </ActionForm>
            ) : null}
            {props.canManageRecipients && l.status === "sent" && remindable > 0 ? (
              <ActionForm {...f} action="ingatkan" title="Kirim pengingat sekarang">
                <p class="muted">
                  Mengirim pengingat kepada setiap kepala perangkat daerah yang sudah menerima surat ini tetapi belum
                  mengonfirmasi ({remindable} OPD). Yang sudah diingatkan dalam satu jam terakhir dilewati.
                </p>
                <button class="btn btn-secondary" type="submit">
                  Kirim pengingat sekarang
                </button>
              </ActionForm>
            ) : null}
            {props.remainingOpds?.length ? (
              <ActionForm {...f} action="kirim-sisa" title="Kirim ke OPD yang belum">
                <p class="muted">
                  Surat ini belum dikirim ke {props.remainingOpds.length} perangkat daerah. Setelah alamat emailnya
                  diisi, kirimkan ke mereka di sini; yang sudah menerima tidak dikirimi lagi.
                </p>
                <NoEmailWarning opds={props.remainingOpds} />
                <OpdChecks opds={props.remainingOpds} error={errors.remainingOpds} name="opds" />
                <button class="btn" type="submit">
                  Kirim ke OPD yang belum
                </button>
              </ActionForm>
            ) : null}
            {actions.has("close") ? (
              <ActionForm {...f} action="selesai" title="Tandai selesai">
                <p class="muted">
                  Surat yang selesai tidak lagi mengirim pengingat. Tanda terima, laporan tindak lanjut dan jejak audit
                  tetap tersimpan dan dapat diperiksa.
                </p>
                <TextArea
                  id="f-close-comment"
                  name="comment"
                  label="Catatan (boleh kosong)"
                  rows={2}
                  errors={errors.closeComment ? { comment: errors.closeComment } : {}}
                />
                <button class="btn btn-secondary" type="submit">
                  Tandai selesai
                </button>
              </ActionForm>
            ) : null}
            {actions.has("withdraw") ? (
              <ActionForm {...f} action="tarik" title="Cabut surat">
                <p class="muted">Surat ini belum ditandatangani: pencabutan menghentikannya di sini.</p>
                <TextArea name="reason" label="Alasan pencabutan" rows={2} required errors={errors} />
                <ConfirmBox
                  id="f-confirm-withdraw"
                  text="Saya memahami bahwa surat yang dicabut tidak dapat diberlakukan kembali"
                  error={errors.confirmWithdraw}
                />
                <button class="btn btn-danger" type="submit">
                  Cabut surat
                </button>
              </ActionForm>
            ) : null}
            {actions.has("revoke") ? (
              <ActionForm {...f} action="cabut" title="Cabut surat">
                <p class="muted">
                  Surat yang dicabut tidak berlaku lagi. Halaman verifikasi menyebutnya dicabut
                  {props.letter.status === "signed"
                    ? "."
                    : ", dan setiap kepala perangkat daerah penerimanya diberi tahu melalui email beserta alasannya."}
                </p>
                <TextArea name="reason" label="Alasan pencabutan" rows={2} required errors={errors} />
                <ConfirmBox
                  id="f-confirm-revoke"
                  text="Saya memahami bahwa surat yang dicabut tidak dapat diberlakukan kembali"
                  error={errors.confirmRevoke}
                />
                <button class="btn btn-danger" type="submit">
                  Cabut surat
                </button>
              </ActionForm>
            ) : null}
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
              {props.signature.hasPdf && l.status !== "withdrawn" ? (
                <p style="margin-bottom:0">
                  <a class="btn btn-secondary" href={paths.letterPdf(l.id)} data-signed-pdf>
                    Unduh PDF bertanda tangan
                  </a>
                </p>
              ) : null}
            </div>
          ) : null}

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
        </div>
      </div>

      {props.canManageRecipients && (props.recipients?.filter((r) => r.retryOutboxId).length ?? 0) > 1 ? (
        <form
          class="card no-print"
          method="post"
          action={paths.letterAction(l.id, "kirim-ulang-semua")}
          id="form-kirim-ulang-semua"
        >
          <CsrfField token={props.csrfToken} />
          <p style="margin-top:0">
            {props.recipients?.filter((r) => r.retryOutboxId).length} email surat ini gagal atau ditolak. Periksa alamat
            email OPD yang ditolak, lalu kirim ulang semuanya sekaligus.
          </p>
          <button class="btn btn-secondary" type="submit">
            Kirim ulang semua yang gagal
          </button>
        </form>
      ) : null}
      {props.recipients ? (
        <RecipientTable
          letterId={l.id}
          csrfToken={props.csrfToken}
          rows={props.recipients}
          canManage={props.canManageRecipients ?? false}
        />
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

/** "I have read this letter and approve / sign it": required by the browser and checked again by the route. */
/** The OPDs a send cannot reach until their address is filled in, each linked to where it is filled in. */
function NoEmailWarning(props: { opds: readonly SendOpdOption[] }) {
  const noEmail = props.opds.filter((o) => !o.email);
  if (!noEmail.length) return null;
  return (
    <div class="flash flash-warning" role="alert">
      <strong>OPD tanpa email ({noEmail.length}):</strong> surat tidak dapat dikirim ke perangkat daerah berikut sampai
      alamat emailnya diisi. Klik nama OPD untuk mengisi emailnya.
      <ul>
        {noEmail.map((o) => (
          <li>
            <a href={opdAdminAnchor(o.id)}>{o.name}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One checkbox per OPD; one without an address cannot be ticked. */
function OpdChecks(props: { opds: readonly SendOpdOption[]; error?: string | undefined; name?: string }) {
  return (
    <div class={props.error ? "field field-invalid" : "field"}>
      <span class="label">Penerima</span>
      <div class="checks" style="flex-direction:column">
        {props.opds.map((o) => (
          <label class={o.email ? undefined : "disabled"}>
            <input
              type="checkbox"
              name={props.name ?? "opds"}
              value={o.id}
              checked={Boolean(o.email) && o.selected}
              disabled={!o.email}
            />
            <span>
              {o.name} {o.email ? <span class="muted">({o.email})</span> : <span class="muted">(belum ada email)</span>}
            </span>
          </label>
        ))}
      </div>
      {props.error ? <span class="field-error">{props.error}</span> : null}
    </div>
  );
}

function ConfirmBox(props: { id: string; text: string; error?: string | undefined }) {
  return (
    <div class={props.error ? "field field-invalid" : "field"}>
      <label class="confirm" for={props.id}>
        <input
          id={props.id}
          type="checkbox"
          name="confirm"
          value="ya"
          required
          aria-describedby={props.error ? `${props.id}-error` : undefined}
        />
        <span>{props.text}</span>
      </label>
      {props.error ? (
        <span class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

/** Pemaraf 1..3 in paraf order: the first is required, the others optional. */
function ReviewerSelects(props: { options: { id: string; label: string }[]; chosen: string[]; errors: FieldErrors }) {
  return (
    <>
      <p class="muted">Surat diparaf berurutan: Pemaraf 1 lebih dahulu, lalu Pemaraf 2, lalu Pemaraf 3.</p>
      {Array.from({ length: REVIEWER_SLOTS }, (_, i) => {
        const id = `f-reviewer-${i + 1}`;
        const error = props.errors[`reviewers.${i}`] ?? (i === 0 ? props.errors.reviewers : undefined);
        return (
          <div class={error ? "field field-invalid" : "field"}>
            <label for={id}>
              Pemaraf {i + 1}
              {i === 0 ? <span aria-hidden="true"> *</span> : <span class="muted"> (boleh kosong)</span>}
            </label>
            <select
              id={id}
              name="reviewers"
              required={i === 0}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            >
              <option value="">{i === 0 ? "— pilih pemaraf —" : "— tidak ada —"}</option>
              {props.options.map((r) => (
                <option value={r.id} selected={props.chosen[i] === r.id}>
                  {r.label}
                </option>
              ))}
            </select>
            {error ? (
              <span class="field-error" id={`${id}-error`} role="alert">
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
    </>
  );
}

/** The OPD head's own acknowledgement: its state and the way to their personal acknowledgement page. */
function OwnAckCard(props: { ack: OwnAck }) {
  const a = props.ack;
  return (
    <div class="card" id="tanda-terima">
      <h2 style="margin-top:0">Tanda terima {a.opdName}</h2>
      <p>
        <RecipientStatusBadge status={a.status} />
      </p>
      {a.acknowledgedAt ? (
        <p>
          Penerimaan dikonfirmasi {waktu(a.acknowledgedAt)}
          {a.ackName ? ` oleh ${a.ackName}` : ""}
          {a.ackPosition ? `, ${a.ackPosition}` : ""}.
        </p>
      ) : (
        <p>Perangkat daerah Anda belum mengonfirmasi penerimaan surat ini.</p>
      )}
      {a.reportedAt ? <p>Laporan tindak lanjut dikirim {waktu(a.reportedAt)}.</p> : null}
      {a.withdrawn ? null : !a.acknowledgedAt ? (
        <a class="btn btn-success" href={a.ackUrl}>
          Konfirmasi penerimaan
        </a>
      ) : !a.reportedAt ? (
        <a class="btn" href={a.ackUrl}>
          Kirim laporan tindak lanjut
        </a>
      ) : (
        <a class="btn btn-secondary" href={a.ackUrl}>
          Buka halaman tanda terima
        </a>
      )}
    </div>
  );
}
