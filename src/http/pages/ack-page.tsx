/** @jsxImportSource hono/jsx */
// The OPD head's pages behind the personal link: acknowledge receipt (tanda terima), then report how the letter
// was passed on. Public (no login): the token in the URL is the credential.

import { type ReportMethod, reportMethods } from "../../domain/stored-report.js";
import { reportMethodLabel } from "../../track/follow-up-report.js";
import { type FieldErrors, FileField, SelectField, TextArea, TextField } from "./components/form-field.js";
import { tanggal, waktu } from "./format.js";
import { CsrfField, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface AckLetterSummary {
  nomor: string;
  tentang: string;
  /** "Pemerintah Kota Bengkulu". */
  government: string;
  signerJabatan: string;
  signedAt: string;
  /** ISO date. */
  ackDeadline: string | null;
  opdName: string;
}

/** The signed letter itself, shown on the page: its pages as SVG (the PDF's pages) and whether a PDF is stored. */
export interface AckLetterView {
  pages: string[];
  hasPdf: boolean;
}

export interface AckDone {
  at: string;
  name: string;
  position: string;
}

export interface AckReport {
  at: string;
  staffInformed: number | null;
  /** ISO date the staff were informed. */
  informedOn: string | null;
  note: string | null;
  /** How the staff were told (reportMethodLabel's key). */
  method?: ReportMethod | null;
  /** The attachment's file name, when the report has one. */
  attachment?: string | null;
}

/**
 * The states of the page:
 * - form: not yet acknowledged; shows the summary, the letter's pages, downloads and the one button.
 * - acknowledged: just acknowledged now (after POST); shows the report form.
 * - already: acknowledged earlier; keeps the first time and says so; shows the report form or the report.
 * - invalid: the token is unknown or malformed.
 * - withdrawn: the letter was withdrawn / revoked after sending.
 */
export type AckPageProps =
  | {
      state: "form";
      token: string;
      csrfToken: string;
      letter: AckLetterSummary;
      view?: AckLetterView | null;
      values?: { name?: string; position?: string };
      errors?: FieldErrors;
      flash?: FlashMessage[];
    }
  | {
      state: "acknowledged" | "already";
      token: string;
      csrfToken: string;
      letter: AckLetterSummary;
      view?: AckLetterView | null;
      ack: AckDone;
      report: AckReport | null;
      reportValues?: Record<string, string>;
      errors?: FieldErrors;
      flash?: FlashMessage[];
    }
  | { state: "invalid"; flash?: FlashMessage[] }
  | {
      state: "withdrawn";
      letter: Pick<AckLetterSummary, "nomor" | "tentang">;
      withdrawnAt: string;
      reason: string | null;
      flash?: FlashMessage[];
    };

// The letter beside the summary and form on a wide screen, above the form on a phone; each page scaled to its column.
const ACK_CSS = `
.ack-grid{display:grid;gap:0 1rem;grid-template-areas:"summary" "letter" "actions";max-width:72rem;margin:0 auto}
.ack-summary{grid-area:summary}.ack-letter{grid-area:letter;min-width:0}.ack-actions{grid-area:actions;min-width:0}
.letter-pages{display:grid;gap:.75rem;margin:0 0 1rem}
.letter-page{background:#fff;border:1px solid #dde3ea;box-shadow:0 1px 4px rgba(0,0,0,.08)}
.letter-page svg{display:block;width:100%;height:auto}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem;margin:0}
@media (min-width:64rem){.ack-grid{grid-template-columns:minmax(0,1fr) 24rem;grid-template-rows:auto 1fr;
grid-template-areas:"letter summary" "letter actions";align-items:start}}
`;

/** The signed letter's pages, as the PDF has them. */
function LetterPages(props: { view: AckLetterView }) {
  return (
    <section class="ack-letter" aria-label="Isi surat">
      <div class="letter-pages">
        {props.view.pages.map((svg) => (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: our SVG writer's output; every text in it went through escapeXml
          <div class="letter-page" dangerouslySetInnerHTML={{ __html: svg }} />
        ))}
      </div>
    </section>
  );
}

/** The summary, the letter and what follows it (the form or the report), laid out for a phone and a wide screen. */
function WithLetter(props: { summary: unknown; view: AckLetterView | null | undefined; children: unknown }) {
  if (!props.view)
    return (
      <>
        {props.summary}
        {props.children}
      </>
    );
  return (
    <div class="ack-grid">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet of ours, no user text */}
      <style dangerouslySetInnerHTML={{ __html: ACK_CSS }} />
      <div class="ack-summary">{props.summary}</div>
      <LetterPages view={props.view} />
      <div class="ack-actions">{props.children}</div>
    </div>
  );
}

function Summary(props: { letter: AckLetterSummary; token: string; hasPdf: boolean }) {
  const l = props.letter;
  return (
    <div class="card">
      <p class="muted" style="margin-top:0">
        {l.government}
      </p>
      <h1 class="break">{l.tentang}</h1>
      <dl class="kv">
        <dt>Nomor</dt>
        <dd>{l.nomor}</dd>
        <dt>Penandatangan</dt>
        <dd>{l.signerJabatan}</dd>
        <dt>Ditandatangani</dt>
        <dd>{waktu(l.signedAt)}</dd>
        <dt>Untuk</dt>
        <dd>{l.opdName}</dd>
        {l.ackDeadline ? (
          <>
            <dt>Batas tanda terima</dt>
            <dd>{tanggal(l.ackDeadline)}</dd>
          </>
        ) : null}
      </dl>
      <p class="downloads">
        {props.hasPdf ? (
          <a class="btn" href={paths.ackPdf(props.token)}>
            Unduh PDF bertanda tangan
          </a>
        ) : null}
        <a class="btn btn-secondary" href={paths.ackDocx(props.token)}>
          Unduh DOCX
        </a>
      </p>
    </div>
  );
}

function ReportSection(props: {
  token: string;
  csrfToken: string;
  report: AckReport | null;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  // A refused correction shows the form again with its messages, not the report it would have replaced.
  if (props.report && !props.errors) {
    const r = props.report;
    return (
      <div class="card">
        <h2 style="margin-top:0">Laporan penerusan</h2>
        <p>Laporan sudah dikirim pada {waktu(r.at)}. Terima kasih.</p>
        <dl class="kv">
          <dt>Pegawai diberi tahu</dt>
          <dd>{r.staffInformed ?? "–"}</dd>
          <dt>Tanggal</dt>
          <dd>{tanggal(r.informedOn) || "–"}</dd>
          <dt>Cara</dt>
          <dd>{r.method ? reportMethodLabel[r.method] : "–"}</dd>
          <dt>Catatan</dt>
          <dd class="break">{r.note ?? "–"}</dd>
          <dt>Lampiran</dt>
          <dd class="break">{r.attachment ?? "–"}</dd>
        </dl>
      </div>
    );
  }
  const v = props.values ?? {};
  return (
    <form class="card" method="post" action={paths.ackReport(props.token)} enctype="multipart/form-data">
      <CsrfField token={props.csrfToken} />
      <h2 style="margin-top:0">Laporan penerusan kepada pegawai</h2>
      <p class="muted">Laporkan bagaimana surat ini diteruskan kepada pegawai di perangkat daerah Anda.</p>
      <TextField
        name="staffInformed"
        label="Jumlah pegawai yang diberi tahu"
        inputmode="numeric"
        value={v.staffInformed}
        errors={props.errors}
        required
      />
      <TextField
        name="informedOn"
        label="Tanggal penyampaian"
        type="date"
        value={v.informedOn}
        errors={props.errors}
        required
      />
      <SelectField
        name="method"
        label="Cara penyampaian"
        value={v.method}
        errors={props.errors}
        required
        placeholder="— pilih —"
        options={reportMethods.map((m) => ({ value: m, label: reportMethodLabel[m] }))}
      />
      <TextArea
        name="note"
        label="Catatan"
        hint="Misalnya: apel pagi, grup WhatsApp dinas, surat internal"
        value={v.note}
        errors={props.errors}
        rows={3}
      />
      <FileField
        name="attachment"
        label="Lampiran (boleh kosong)"
        hint={
          v.attachmentName && !props.errors?.attachment
            ? `Berkas yang tadi dipilih (${v.attachmentName}) belum tersimpan karena laporan belum lengkap: pilih lagi sebelum mengirim.`
            : "PDF, JPG, PNG atau DOCX, paling besar 10 MB"
        }
        accept=".pdf,.jpg,.jpeg,.png,.docx"
        errors={props.errors}
      />
      <button class="btn btn-block" type="submit">
        Kirim laporan
      </button>
    </form>
  );
}

export function AckPage(props: AckPageProps) {
  if (props.state === "invalid") {
    return (
      <Layout title="Tautan tidak berlaku" narrow flash={props.flash}>
        <div class="card">
          <h1>Tautan tidak berlaku</h1>
          <p>
            Tautan tanda terima ini tidak dikenal atau tidak lengkap. Buka kembali tautan dari email surat edaran, atau
            hubungi Sekretariat Daerah.
          </p>
        </div>
      </Layout>
    );
  }
  if (props.state === "withdrawn") {
    return (
      <Layout title="Surat dicabut" narrow flash={props.flash}>
        <div class="card">
          <h1>Surat ini telah dicabut</h1>
          <dl class="kv">
            <dt>Nomor</dt>
            <dd>{props.letter.nomor}</dd>
            <dt>Tentang</dt>
            <dd class="break">{props.letter.tentang}</dd>
            <dt>Dicabut</dt>
            <dd>{waktu(props.withdrawnAt)}</dd>
            <dt>Alasan</dt>
            <dd class="break">{props.reason ?? "–"}</dd>
          </dl>
          <p>Tanda terima tidak diperlukan lagi.</p>
        </div>
      </Layout>
    );
  }
  if (props.state === "form") {
    const v = props.values ?? {};
    return (
      <Layout title="Tanda terima surat" narrow={!props.view} flash={props.flash}>
        <WithLetter
          view={props.view}
          summary={<Summary letter={props.letter} token={props.token} hasPdf={props.view?.hasPdf ?? false} />}
        >
          <form class="card" method="post" action={paths.ack(props.token)}>
            <CsrfField token={props.csrfToken} />
            <h2 style="margin-top:0">Tanda terima</h2>
            <p class="muted">Dengan menekan tombol di bawah, Anda menyatakan telah menerima surat edaran ini.</p>
            <TextField name="name" label="Nama" value={v.name} autocomplete="name" errors={props.errors} required />
            <TextField name="position" label="Jabatan" value={v.position} errors={props.errors} required />
            <button class="btn btn-success btn-block" type="submit">
              Saya telah menerima surat ini
            </button>
          </form>
        </WithLetter>
      </Layout>
    );
  }
  const now = props.state === "acknowledged";
  return (
    <Layout title="Tanda terima surat" narrow={!props.view} flash={props.flash}>
      <div class={now ? "flash flash-success" : "flash flash-info"} role="status">
        {now
          ? `Terima kasih, tanda terima tercatat pada ${waktu(props.ack.at)}.`
          : `Surat ini sudah dikonfirmasi pada ${waktu(props.ack.at)} oleh ${props.ack.name} (${props.ack.position}). Tanda terima pertama yang berlaku.`}
      </div>
      <WithLetter
        view={props.view}
        summary={<Summary letter={props.letter} token={props.token} hasPdf={props.view?.hasPdf ?? false} />}
      >
        <ReportSection
          token={props.token}
          csrfToken={props.csrfToken}
          report={props.report}
          values={props.reportValues}
          errors={props.errors}
        />
      </WithLetter>
    </Layout>
  );
}
