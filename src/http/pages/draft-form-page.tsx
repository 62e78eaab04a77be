/** @jsxImportSource hono/jsx */
// The drafting form for the policy input (EdaranInput), with messages beside the fields and a preview pane.
// Field names and their mapping to EdaranInput: see draft-form-mapping.ts.
import { DEFAULT_NON_ASN_NAME, DEFAULT_REPORTER, SANCTION_CLASSES } from "../../domain/edaran-input.js";
import {
  CheckboxGroup,
  ErrorSummary,
  type FieldErrors,
  SelectField,
  TextArea,
  TextField,
} from "./components/form-field.js";
import type { FormData } from "./draft-form-mapping.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface OptionItem {
  id: string;
  label: string;
}

/** The rendered letter: HTML shown in a sandboxed iframe, or page images (PNG URLs or data: URLs). */
export type DraftPreview = { html: string } | { imageUrls: string[] };

export interface DraftFormPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  /** "new" posts to /surat, "edit" to /surat/:id/ubah. */
  mode: "new" | "edit";
  letterId?: string;
  /** The revision being edited; posted back so a save never overwrites someone else's newer edit. */
  revision?: number;
  /** Current values: the submitted form, or inputToForm(stored input) when editing. */
  form: FormData;
  /** issuesToFieldErrors(issues, form). */
  errors: FieldErrors;
  /**
   * The catalogue of legal bases (id, full title) for the Dasar checkboxes, in print order: the active entries
   * (drafting/legal-base-catalogue.ts legalBaseChoices), then those the draft cites that are no longer active.
   */
  legalBases: OptionItem[];
  /** Perangkat daerah for the recipient list. */
  opds: OptionItem[];
  /** The signers' capacities not ended yet (id: the capacity id), "Name — capacity" (signer/signer-options.ts). */
  signers: OptionItem[];
  preview?: DraftPreview | null;
  /** The Pemda profile the letter's kop and page come from (the current one for a new draft). */
  profile: { governmentName: string; version: number };
}

/** Labels for the error summary, by field name. */
export const DRAFT_FIELD_LABELS: Record<string, string> = {
  government: "Kop surat",
  "signer.capacityId": "Penandatangan",
  "nomor.kka": "Kode klasifikasi arsip",
  "nomor.unit": "Kode unit pengolah",
  "nomor.year": "Tahun nomor",
  tentang: "Tentang",
  "addressees.yth": "Yth.",
  "addressees.lingkungan": "Keterangan tujuan",
  "addressees.tempat": "Tempat tujuan",
  "sections.latarBelakang": "Latar belakang",
  "sections.maksudTujuan": "Maksud dan tujuan",
  "sections.ruangLingkup": "Ruang lingkup",
  "sections.dasar": "Dasar hukum",
  "sections.dasarLain": "Dasar hukum di luar katalog",
  "sections.isi": "Isi edaran",
  scope: "Berlaku untuk",
  "scope.nonAsnName": "Sebutan pegawai non-ASN",
  "display.sanctionClassAfterActs": "Jenis sanksi di belakang larangan",
  "reporting.who": "Penyampai tanda terima",
  prohibitedActs: "Larangan",
  sanctions: "Ketentuan sanksi",
  ackDeadline: "Batas tanda terima",
  place: "Tempat penetapan",
  date: "Tanggal surat",
  tembusan: "Tembusan",
  recipients: "Penerima",
  penutup: "Penutup",
};

const OPTIONAL = "Boleh dikosongkan; nomor bagian berikutnya menyesuaikan.";

function val(form: FormData, name: string): string {
  const v = form[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

function values(form: FormData, name: string): string[] {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function Preview(props: { preview?: DraftPreview | null }) {
  const p = props.preview;
  if (!p) return <p class="muted">Pratinjau muncul setelah isian disimpan tanpa kesalahan.</p>;
  if ("html" in p) {
    // sandbox without allow-scripts: the preview can never run code, whatever the letter contains.
    return <iframe class="preview" title="Pratinjau surat" sandbox="" srcdoc={p.html} />;
  }
  return (
    <div class="preview-images">
      {p.imageUrls.map((src, i) => (
        <img src={src} alt={`Pratinjau halaman ${i + 1}`} loading="lazy" />
      ))}
    </div>
  );
}

export function DraftFormPage(props: DraftFormPageProps) {
  const { form, errors } = props;
  const text = (
    name: string,
    label: string,
    extra: { hint?: string; required?: boolean; type?: "text" | "email" | "date"; inputmode?: "numeric" } = {},
  ) => <TextField name={name} label={label} value={val(form, name)} errors={errors} {...extra} />;
  const area = (name: string, label: string, hint: string, rows = 4, required = true) => (
    <TextArea
      name={name}
      label={label}
      value={val(form, name)}
      errors={errors}
      hint={hint}
      rows={rows}
      required={required}
    />
  );
  const action = props.mode === "edit" && props.letterId ? paths.editLetter(props.letterId) : paths.letters;
  const dasar = new Set(values(form, "sections.dasar"));
  const chosenOpds = new Set(values(form, "recipients.list"));
  const listMode = val(form, "recipients.mode") === "list";
  return (
    <Layout
      title={props.mode === "new" ? "Buat surat" : "Ubah surat"}
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="newLetter"
    >
      <h1>{props.mode === "new" ? "Buat surat edaran" : "Ubah konsep surat"}</h1>
      {props.mode === "edit" && props.letterId && Object.keys(errors).length === 0 ? (
        <div class="card next-step" id="langkah-berikutnya">
          <span>
            <strong>Langkah berikutnya:</strong> bila konsep sudah lengkap dan tersimpan, ajukan surat untuk paraf.
            <span class="muted"> Simpan dulu perubahan yang belum tersimpan.</span>
          </span>
          <a class="btn" href={`${paths.letter(props.letterId)}#form-ajukan`}>
            Ajukan untuk paraf
          </a>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={DRAFT_FIELD_LABELS} />
      <div class="split">
        <form method="post" action={action} novalidate>
          <CsrfField token={props.csrfToken} />
          {props.revision !== undefined ? (
            <input type="hidden" name="_revision" value={String(props.revision)} />
          ) : null}
          <fieldset>
            <legend>Judul dan nomor</legend>
            {text("tentang", "Tentang", {
              required: true,
              hint: "Judul surat, misalnya: Netralitas ASN dan PTT pada Pilkada 2024",
            })}
            {text("nomor.kka", "Kode klasifikasi arsip", { required: true, hint: "Misalnya 800.1.4" })}
            {text("nomor.unit", "Kode unit pengolah", { required: true, hint: "Misalnya BKPSDM.II" })}
            {text("nomor.year", "Tahun nomor", { required: true, inputmode: "numeric" })}
            {text("date", "Tanggal surat", { required: true, type: "date" })}
            {text("place", "Tempat penetapan", { required: true, hint: "Misalnya Bengkulu" })}
          </fieldset>
          <p class="muted" id="profil-pemda">
            Kop, kertas dan huruf surat ini mengikuti Profil Pemda{" "}
            <strong>
              {props.profile.governmentName} (versi {props.profile.version})
            </strong>
            .
          </p>
          <fieldset>
            <legend>Penandatangan</legend>
            <SelectField
              name="signer.capacityId"
              label="Penandatangan dan kapasitasnya"
              value={val(form, "signer.capacityId")}
              errors={errors}
              placeholder="— pilih penandatangan —"
              options={props.signers.map((o) => ({ value: o.id, label: o.label }))}
              hint="Nama, jabatan, pangkat dan NIP diambil dari akun penandatangan (diatur admin), bukan ditulis di sini"
            />
          </fieldset>
          <fieldset>
            <legend>Tujuan</legend>
            {area("addressees.yth", "Yth.", "Satu tujuan per baris", 3)}
            {text("addressees.lingkungan", "Keterangan tujuan", {
              hint: "Misalnya: di lingkungan Pemerintah Kota Bengkulu",
            })}
            {text("addressees.tempat", "Tempat tujuan", {
              required: true,
              hint: "Dicetak sebagai “di - …”, biasanya Tempat",
            })}
          </fieldset>
          <fieldset>
            <legend>Isi surat</legend>
            {area("sections.latarBelakang", "Latar belakang", `Satu paragraf per baris. ${OPTIONAL}`, 4, false)}
            {area("sections.maksudTujuan", "Maksud dan tujuan", `Satu paragraf per baris. ${OPTIONAL}`, 3, false)}
            {area("sections.ruangLingkup", "Ruang lingkup", `Satu paragraf per baris. ${OPTIONAL}`, 3, false)}
            <CheckboxGroup
              errorKey="sections.dasar"
              legend="Dasar hukum"
              hint="Dicetak dalam urutan daftar ini"
              errors={errors}
              boxes={props.legalBases.map((b) => ({
                name: "sections.dasar",
                value: b.id,
                label: b.label,
                checked: dasar.has(b.id),
              }))}
            />
            {area(
              "sections.dasarLain",
              "Dasar hukum di luar katalog",
              "Satu per baris: judul lengkap seperti dicetak | nama singkat (boleh kosong). Dicetak sesudah yang dicentang.",
              3,
              false,
            )}
            {area(
              "sections.isi",
              "Isi edaran",
              "Satu butir per baris. Awali dengan “-” untuk sub-butir dan “--” untuk sub-sub-butir.",
              8,
            )}
          </fieldset>
          <fieldset>
            <legend>Cakupan, larangan dan sanksi</legend>
            <CheckboxGroup
              errorKey="scope"
              legend="Berlaku untuk"
              errors={errors}
              boxes={[
                { name: "scope.asn.pns", value: "on", label: "PNS", checked: val(form, "scope.asn.pns") !== "" },
                { name: "scope.asn.pppk", value: "on", label: "PPPK", checked: val(form, "scope.asn.pppk") !== "" },
                {
                  name: "scope.nonAsn",
                  value: "on",
                  label: "Non-ASN / PTT",
                  checked: val(form, "scope.nonAsn") !== "",
                },
              ]}
            />
            {text("scope.nonAsnName", "Sebutan pegawai non-ASN", {
              hint: `Misalnya PTT/non-ASN atau Tenaga Harian Lepas; kosongkan untuk “${DEFAULT_NON_ASN_NAME}”`,
            })}
            <SelectField
              name="display.sanctionClassAfterActs"
              label="Jenis sanksi di belakang setiap larangan"
              value={val(form, "display.sanctionClassAfterActs")}
              errors={errors}
              placeholder="Dicantumkan (baku)"
              options={[
                { value: "true", label: "Dicantumkan" },
                { value: "false", label: "Tidak dicantumkan" },
              ]}
            />
            {area(
              "prohibitedActs",
              "Larangan",
              `Satu larangan per baris: uraian | jenis sanksi (boleh kosong bila jenis sanksi tidak dicantumkan). Jenis sanksi: ${Object.keys(SANCTION_CLASSES).join(", ")}`,
              6,
              false,
            )}
            {area(
              "sanctions",
              "Ketentuan sanksi",
              "Satu ketentuan per baris: pihak | uraian sanksi | kode dasar hukum atau namanya | pasal (boleh kosong)",
              4,
              false,
            )}
          </fieldset>
          <fieldset>
            <legend>Pengiriman dan penutup</legend>
            {text("ackDeadline", "Batas waktu tanda terima", { required: true, type: "date" })}
            {text("reporting.who", "Yang menyampaikan tanda terima", {
              hint: `Misalnya Camat; kosongkan untuk “${DEFAULT_REPORTER}”`,
            })}
            <CheckboxGroup
              errorKey="recipients"
              legend="Penerima"
              type="radio"
              errors={errors}
              boxes={[
                { name: "recipients.mode", value: "all", label: "Semua perangkat daerah", checked: !listMode },
                { name: "recipients.mode", value: "list", label: "Perangkat daerah terpilih:", checked: listMode },
              ]}
            />
            <div class="checks" style="margin:-.5rem 0 1rem 1.5rem">
              {props.opds.map((o) => (
                <label>
                  <input type="checkbox" name="recipients.list" value={o.id} checked={chosenOpds.has(o.id)} />
                  <span>{o.label}</span>
                </label>
              ))}
            </div>
            {area("tembusan", "Tembusan", "Satu tujuan per baris", 3, false)}
            {area("penutup", "Kalimat penutup", "Kosongkan untuk kalimat baku", 2, false)}
          </fieldset>
          <div class="actions">
            <button class="btn" type="submit">
              Simpan dan pratinjau
            </button>
            <button class="btn btn-secondary" type="submit" name="_intent" value="pratinjau">
              Pratinjau tanpa menyimpan
            </button>
            {props.letterId ? (
              <a class="btn btn-secondary" href={paths.letter(props.letterId)}>
                Kembali ke halaman surat
              </a>
            ) : null}
          </div>
        </form>
        <section class="card sticky" aria-label="Pratinjau">
          <h2 style="margin-top:0">Pratinjau</h2>
          <Preview preview={props.preview} />
        </section>
      </div>
    </Layout>
  );
}
