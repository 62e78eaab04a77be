/** @jsxImportSource hono/jsx */
// Public verification of a signed letter (/v/:id): its record, its status, and an upload to compare a file.

import type { LetterRecord, SignerCertificate } from "../../sign/verify-letter.js";
import { waktu } from "./format.js";
import { type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

/** The signed letter's public record, as src/sign/verify-letter.ts reads it. */
export type VerifyRecord = LetterRecord;

/**
 * The outcome of an upload: the signed file itself (a DOCX, or a PDF whose signer its certificate names), or not.
 * A file with no signature to check (a scan, a DOCX saved again, a printed PDF) is "not_signed", and a file
 * that is neither DOCX nor PDF is "unsupported": neither says anything about its content, unlike "changed".
 */
export type VerifyResult =
  | { match: true; fileName: string; format?: "docx" | "pdf"; certificate?: SignerCertificate }
  | {
      match: false;
      fileName: string;
      uploadedSha256: string;
      kind?: "changed" | "not_signed" | "unsupported";
      /** Why, in one sentence (the check's message). */
      reason?: string;
    };

export type VerifyPageProps =
  | {
      found: true;
      record: VerifyRecord;
      result?: VerifyResult | null;
      csrfToken: string;
      error?: string;
      flash?: FlashMessage[];
    }
  | {
      found: false;
      letterId: string;
      csrfToken: string;
      result?: VerifyResult | null;
      error?: string;
      flash?: FlashMessage[];
    };

// The "not a signed DOCX" verdict is amber: nothing was compared, so it is neither a pass nor a fail.
const VERIFY_CSS = ".verdict-warn{background:#fff3d6;color:#6b4a00;border-color:#b7791f}";

/** Who signed the PDF, from his certificate: the name, jabatan and NIP the CA vouched for. */
function CertificateFacts(props: { certificate: SignerCertificate }) {
  const c = props.certificate;
  return (
    <section class="card" aria-labelledby="cert-title">
      <h2 id="cert-title" style="margin-top:0">
        Sertifikat tanda tangan
      </h2>
      <dl class="kv" data-certificate-signer={c.name}>
        <dt>Penanda tangan</dt>
        <dd>
          {c.name}
          {c.jabatan ? <div>{c.jabatan}</div> : null}
        </dd>
        {c.nip ? (
          <>
            <dt>NIP</dt>
            <dd>{c.nip}</dd>
          </>
        ) : null}
        {c.organization ? (
          <>
            <dt>Instansi</dt>
            <dd>{c.organization}</dd>
          </>
        ) : null}
        <dt>Status sertifikat</dt>
        <dd data-certificate-status={c.status}>
          {c.status === "revoked" && c.revokedAt
            ? `Dicabut pada ${waktu(c.revokedAt)}, setelah surat ini ditandatangani (tanda tangan tetap sah)`
            : "Berlaku, diterbitkan oleh otoritas yang dipercaya"}
        </dd>
      </dl>
    </section>
  );
}

function ResultVerdict(props: { result: VerifyResult; revoked: boolean }) {
  const res = props.result;
  if (res.match) {
    return (
      <>
        <div class="verdict verdict-ok" role="status" data-verdict="autentik" data-format={res.format ?? "docx"}>
          AUTENTIK
          <small>
            Berkas “{res.fileName}” sama persis dengan {res.format === "pdf" ? "PDF" : "dokumen"} surat yang
            ditandatangani.
            {props.revoked ? " Namun surat ini telah DICABUT; lihat keterangannya di bawah." : ""}
          </small>
        </div>
        {res.certificate ? <CertificateFacts certificate={res.certificate} /> : null}
      </>
    );
  }
  if (res.kind === "not_signed" || res.kind === "unsupported") {
    return (
      <div
        class="verdict verdict-warn"
        role="alert"
        data-verdict={res.kind === "unsupported" ? "bukan-docx-pdf" : "tanpa-ttd"}
      >
        {res.kind === "unsupported" ? "BUKAN BERKAS DOCX ATAU PDF" : "BUKAN BERKAS BERTANDA TANGAN"}
        <small>
          Berkas “{res.fileName}” tidak memuat tanda tangan elektronik yang dapat diperiksa. Hanya berkas DOCX atau PDF
          bertanda tangan dari email atau dari tautan unduhan yang dapat diperiksa; cetakan atau pindaian dibandingkan
          secara kasat mata dengan dokumen asli (unduh di bawah).
        </small>
      </div>
    );
  }
  return (
    <div class="verdict verdict-bad" role="alert" data-verdict="tidak-cocok">
      TIDAK COCOK / telah diubah
      <small>
        {res.reason ? `${res.reason} ` : ""}Berkas “{res.fileName}” bukan surat yang ditandatangani ini (SHA-256{" "}
        <span class="mono">{res.uploadedSha256}</span>).
      </small>
    </div>
  );
}

/** The upload that compares a DOCX with the letter's signed file. */
function UploadForm(props: { letterId: string; csrfToken: string }) {
  return (
    <form class="card" method="post" action={paths.verify(props.letterId)} enctype="multipart/form-data">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <h2 style="margin-top:0">Periksa berkas</h2>
      <p class="muted">
        Unggah berkas DOCX atau PDF bertanda tangan yang Anda terima lewat email atau unduh dari tautan surat untuk
        memeriksa apakah sama dengan surat yang ditandatangani. Cetakan atau pindaian tidak dapat diperiksa di sini:
        bandingkan isinya dengan dokumen asli.
      </p>
      <div class="field">
        <label for="f-file">Berkas DOCX atau PDF</label>
        <input id="f-file" type="file" name="file" accept=".docx,.pdf" required />
      </div>
      <button class="btn btn-block" type="submit">
        Periksa keaslian
      </button>
    </form>
  );
}

function ErrorFlash(props: { error?: string | undefined }) {
  return props.error ? (
    <div class="flash flash-error" role="alert">
      {props.error}
    </div>
  ) : null;
}

function LetterStatusBadge(props: { record: VerifyRecord }) {
  if (props.record.revoked) {
    return (
      <span class="badge tone-bad" data-letter-status="dicabut">
        DICABUT
      </span>
    );
  }
  if (!props.record.sentAt) {
    return (
      <span class="badge tone-warning" data-letter-status="belum-dikirim">
        BELUM DIKIRIM
      </span>
    );
  }
  return (
    <span class="badge tone-ok" data-letter-status="berlaku">
      BERLAKU
    </span>
  );
}

export function VerifyPage(props: VerifyPageProps) {
  if (!props.found) {
    // The same page for an unknown code and for a letter not sent yet, so the page does not tell them apart.
    return (
      <Layout title="Verifikasi surat" narrow flash={props.flash}>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet of ours, no user text */}
        <style dangerouslySetInnerHTML={{ __html: VERIFY_CSS }} />
        {props.result ? <ResultVerdict result={props.result} revoked={false} /> : null}
        <ErrorFlash error={props.error} />
        <div class="verdict verdict-bad" role="alert" data-verdict="tidak-ditemukan">
          TIDAK DITEMUKAN
          <small>
            Tidak ada surat edaran terbit dengan kode {props.letterId}. Jika Anda memegang berkas DOCX atau PDF bertanda
            tangan surat ini, unggah di bawah untuk memeriksanya.
          </small>
        </div>
        <UploadForm letterId={props.letterId} csrfToken={props.csrfToken} />
      </Layout>
    );
  }
  const r = props.record;
  // No file of a withdrawn letter, nor of one not sent yet, is served through the verify link.
  const downloadable = r.sentAt !== null && r.revoked === null;
  return (
    <Layout title={`Verifikasi ${r.nomor}`} narrow flash={props.flash}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet of ours, no user text */}
      <style dangerouslySetInnerHTML={{ __html: VERIFY_CSS }} />
      <h1>Verifikasi surat elektronik</h1>
      {props.result ? <ResultVerdict result={props.result} revoked={r.revoked !== null} /> : null}
      <ErrorFlash error={props.error} />
      <section class="card" aria-labelledby="record-title">
        <h2 id="record-title" style="margin-top:0">
          Data surat di sistem
        </h2>
        <p>
          Status surat: <LetterStatusBadge record={r} />
        </p>
        {r.revoked ? (
          <div class="flash flash-error">
            Surat ini dicabut pada {waktu(r.revoked.at)}. Alasan: {r.revoked.reason}. Berkasnya tidak lagi dapat
            diunduh.
          </div>
        ) : null}
        <dl class="kv">
          <dt>Instansi</dt>
          <dd>{r.government}</dd>
          <dt>Nomor</dt>
          <dd>{r.nomor}</dd>
          <dt>Tentang</dt>
          <dd class="break">{r.tentang}</dd>
          <dt>Penandatangan</dt>
          <dd>
            {r.signerName}
            <div class="muted">{r.signerJabatan}</div>
          </dd>
          <dt>Waktu tanda tangan</dt>
          <dd>{waktu(r.signedAt)}</dd>
          <dt>SHA-256 berkas</dt>
          <dd class="mono">{r.sha256}</dd>
          {r.pdfSha256 ? (
            <>
              <dt>SHA-256 PDF</dt>
              <dd class="mono">{r.pdfSha256}</dd>
            </>
          ) : null}
          <dt>ID kunci</dt>
          <dd class="mono">{r.keyId}</dd>
        </dl>
        {downloadable ? (
          <p style="margin-bottom:0">
            <a class="btn btn-secondary" href={`${paths.verify(r.letterId)}/dokumen.docx`} download>
              Unduh dokumen asli
            </a>
            {r.pdfSha256 ? (
              <>
                {" "}
                <a class="btn btn-secondary" href={`${paths.verify(r.letterId)}/dokumen.pdf`} download>
                  Unduh PDF bertanda tangan
                </a>
              </>
            ) : null}
            <span class="muted" style="display:block;margin-top:.3rem">
              Berkas yang ditandatangani, untuk dibandingkan dengan cetakan yang Anda pegang.
            </span>
          </p>
        ) : null}
      </section>
      <UploadForm letterId={r.letterId} csrfToken={props.csrfToken} />
    </Layout>
  );
}
