/** @jsxImportSource hono/jsx */
// Public verification of a signed letter (/v/:id): its record, its status, and an upload to compare a file.

import type { LetterRecord } from "../../sign/verify-letter.js";
import { waktu } from "./format.js";
import { type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

/** The signed letter's public record, as src/sign/verify-letter.ts reads it. */
export type VerifyRecord = LetterRecord;

/**
 * The outcome of an upload: the signed file itself, or not. A file that is not a signed DOCX at all (a PDF, a
 * scan, a DOCX saved again without the signature) is "not_signed_docx", not "changed": there is nothing to
 * compare, which says nothing about its content.
 */
export type VerifyResult =
  | { match: true; fileName: string }
  | { match: false; fileName: string; uploadedSha256: string; kind?: "changed" | "not_signed_docx" };

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

function ResultVerdict(props: { result: VerifyResult; revoked: boolean }) {
  const res = props.result;
  if (res.match) {
    return (
      <div class="verdict verdict-ok" role="status" data-verdict="autentik">
        AUTENTIK
        <small>
          Berkas “{res.fileName}” sama persis dengan surat yang ditandatangani.
          {props.revoked ? " Namun surat ini telah DICABUT; lihat keterangannya di bawah." : ""}
        </small>
      </div>
    );
  }
  if (res.kind === "not_signed_docx") {
    return (
      <div class="verdict verdict-warn" role="alert" data-verdict="bukan-docx">
        BUKAN BERKAS DOCX BERTANDA TANGAN
        <small>
          Berkas “{res.fileName}” bukan dokumen DOCX bertanda tangan elektronik, jadi tidak dapat diperiksa di sini.
          Hanya berkas DOCX dari email atau dari tautan unduhan yang dapat diperiksa; cetakan atau PDF dibandingkan
          secara kasat mata dengan dokumen asli (unduh di bawah).
        </small>
      </div>
    );
  }
  return (
    <div class="verdict verdict-bad" role="alert" data-verdict="tidak-cocok">
      TIDAK COCOK / telah diubah
      <small>
        Berkas “{res.fileName}” bukan surat yang ditandatangani ini (SHA-256{" "}
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
        Unggah berkas DOCX yang Anda terima lewat email atau unduh dari tautan surat untuk memeriksa apakah sama dengan
        surat yang ditandatangani. Cetakan atau PDF tidak dapat diperiksa di sini: bandingkan isinya dengan dokumen
        asli.
      </p>
      <div class="field">
        <label for="f-file">Berkas DOCX</label>
        <input id="f-file" type="file" name="file" accept=".docx" required />
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
            Tidak ada surat edaran terbit dengan kode {props.letterId}. Jika Anda memegang berkas DOCX bertanda tangan
            surat ini, unggah di bawah untuk memeriksanya.
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
          <dt>ID kunci</dt>
          <dd class="mono">{r.keyId}</dd>
        </dl>
        {downloadable ? (
          <p style="margin-bottom:0">
            <a class="btn btn-secondary" href={`${paths.verify(r.letterId)}/dokumen.docx`} download>
              Unduh dokumen asli
            </a>
            <span class="muted" style="display:block;margin-top:.3rem">
              DOCX yang ditandatangani, untuk dibandingkan dengan cetakan atau PDF yang Anda pegang.
            </span>
          </p>
        ) : null}
      </section>
      <UploadForm letterId={r.letterId} csrfToken={props.csrfToken} />
    </Layout>
  );
}
