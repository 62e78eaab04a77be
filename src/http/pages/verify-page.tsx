/** @jsxImportSource hono/jsx */
// Public verification of a signed letter (/v/:id): its record, its status, and an upload to compare a file.
import { Layout, type FlashMessage } from "./layout.js";
import { waktu } from "./format.js";
import { paths } from "./page-paths.js";
import type { LetterRecord } from "../../sign/verify-letter.js";

/** The signed letter's public record, as src/sign/verify-letter.ts reads it. */
export type VerifyRecord = LetterRecord;

/** The outcome of an upload: the file is the signed one, or it is not (changed or another letter). */
export type VerifyResult = { match: true; fileName: string } | { match: false; fileName: string; uploadedSha256: string };

export type VerifyPageProps =
  | { found: true; record: VerifyRecord; result?: VerifyResult | null; csrfToken: string; error?: string; flash?: FlashMessage[] }
  | { found: false; letterId: string; flash?: FlashMessage[] };

export function VerifyPage(props: VerifyPageProps) {
  if (!props.found) {
    return (
      <Layout title="Verifikasi surat" narrow flash={props.flash}>
        <div class="verdict verdict-bad" role="alert">
          TIDAK DITEMUKAN
          <small>Tidak ada surat bertanda tangan elektronik dengan kode {props.letterId}.</small>
        </div>
      </Layout>
    );
  }
  const r = props.record;
  return (
    <Layout title={`Verifikasi ${r.nomor}`} narrow flash={props.flash}>
      <h1>Verifikasi surat elektronik</h1>
      {props.result ? (
        props.result.match ? (
          <div class="verdict verdict-ok" role="status" data-verdict="autentik">
            AUTENTIK
            <small>Berkas “{props.result.fileName}” sama persis dengan surat yang ditandatangani.</small>
          </div>
        ) : (
          <div class="verdict verdict-bad" role="alert" data-verdict="tidak-cocok">
            TIDAK COCOK / telah diubah
            <small>
              Berkas “{props.result.fileName}” bukan surat yang ditandatangani ini (SHA-256 <span class="mono">{props.result.uploadedSha256}</span>).
            </small>
          </div>
        )
      ) : null}
      {props.error ? (
        <div class="flash flash-error" role="alert">
          {props.error}
        </div>
      ) : null}
      <div class="card">
        <p style="margin-top:0">
          {r.revoked ? (
            <span class="badge tone-bad">DICABUT</span>
          ) : (
            <span class="badge tone-ok">BERLAKU</span>
          )}
        </p>
        {r.revoked ? (
          <div class="flash flash-error">
            Surat ini dicabut pada {waktu(r.revoked.at)}. Alasan: {r.revoked.reason}
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
      </div>
      <form class="card" method="post" action={paths.verify(r.letterId)} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <h2 style="margin-top:0">Periksa berkas</h2>
        <p class="muted">Unggah berkas DOCX yang Anda terima untuk memeriksa apakah sama dengan surat yang ditandatangani.</p>
        <div class="field">
          <label for="f-file">Berkas DOCX</label>
          <input id="f-file" type="file" name="file" accept=".docx" required />
        </div>
        <button class="btn btn-block" type="submit">
          Periksa keaslian
        </button>
      </form>
    </Layout>
  );
}
