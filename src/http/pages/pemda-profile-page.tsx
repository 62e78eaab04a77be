/** @jsxImportSource hono/jsx */
// /admin/profil-pemda (admin): the Pemda profile every new letter is laid out with: its fields, the two images
// with a preview and an upload form each, and the version history. Field names: pemda-profile-form.ts.
import {
  DELIVERY_MODES,
  KOP_RULES,
  NAME_CASES,
  PAPERS,
  PEMDA_LEVELS,
  type ProfileImageSlot,
} from "../../domain/pemda-profile.js";
import {
  CheckboxGroup,
  ErrorSummary,
  type FieldErrors,
  FileField,
  SelectField,
  TextField,
} from "./components/form-field.js";
import { DataTable } from "./components/table.js";
import { waktuSingkat } from "./format.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";
import type { ProfileForm } from "./pemda-profile-form.js";

export interface PemdaProfilePageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  version: number;
  /** The form's values: the stored profile, or what was typed when a save was refused. */
  form: ProfileForm;
  errors?: FieldErrors;
  /** Per slot: the sha256 of its image (for the preview URL), or null when there is none. */
  images: Record<ProfileImageSlot, { sha256: string; widthPx: number; heightPx: number; svg: boolean } | null>;
  /** The refused upload's message, by slot. */
  imageErrors?: Partial<Record<ProfileImageSlot, string>>;
  history: { version: number; createdAt: string; createdBy: string; createdByName: string | null }[];
  /** Where the server cannot rasterise SVG (Workers): the browser turns an SVG into a PNG this high before upload. */
  svgInBrowserHeightPx?: number;
}

export const PROFILE_FIELD_LABELS: Record<string, string> = {
  level: "Tingkat pemerintah daerah",
  governmentName: "Nama pemerintah daerah",
  kepalaDaerah: "Jabatan kepala daerah",
  "kopInstansi.address": "Alamat kop",
  "kopInstansi.phone": "Telepon kop",
  "kopInstansi.email": "Email kop",
  "kopInstansi.website": "Laman kop",
  kopJabatan: "Teks kop jabatan",
  kopRule: "Aturan kop",
  "page.paper": "Ukuran kertas",
  "page.marginsCm.top": "Margin atas",
  "page.marginsCm.bottom": "Margin bawah",
  "page.marginsCm.left": "Margin kiri",
  "page.marginsCm.right": "Margin kanan",
  "page.font": "Jenis huruf",
  "page.fontSizePt": "Ukuran huruf",
  nomorPattern: "Pola nomor",
  nameCase: "Penulisan nama",
  signerRules: "Aturan penandatangan",
  delivery: "Lampiran email",
  "reminders.maxPerRecipient": "Jumlah pengingat paling banyak per OPD",
  "reminders.stopAfterDaysPastDeadline": "Berhenti mengingatkan setelah lewat batas waktu",
  "reminders.intervalHours": "Jeda antarpengingat",
  "delivery.mode": "Cara pengiriman surat",
};

const SLOTS: { slot: ProfileImageSlot; title: string; hint: string }[] = [
  { slot: "lambang", title: "Lambang daerah", hint: "Di kiri kop instansi." },
  { slot: "emblem", title: "Lambang kop jabatan", hint: "Di atas teks kop jabatan (misalnya Garuda Pancasila)." },
];

const options = <T extends string>(values: readonly T[], label: (v: T) => string) =>
  values.map((v) => ({ value: v, label: label(v) }));

export function PemdaProfilePage(props: PemdaProfilePageProps) {
  const { form, errors } = props;
  const text = (name: string, extra: { hint?: string; required?: boolean; type?: "text" | "email" } = {}) => (
    <TextField
      name={name}
      label={PROFILE_FIELD_LABELS[name] ?? name}
      value={form[name] ?? ""}
      errors={errors}
      {...extra}
    />
  );
  const select = (name: string, opts: { value: string; label: string }[]) => (
    <SelectField
      name={name}
      label={PROFILE_FIELD_LABELS[name] ?? name}
      value={form[name] ?? ""}
      errors={errors}
      options={opts}
    />
  );
  const cmField = (name: string) => text(name, { hint: "cm, misalnya 2,5" });
  return (
    <Layout
      title="Profil Pemda"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="pemdaProfile"
    >
      <h1>Profil Pemda</h1>
      <p class="muted">
        Versi {props.version}. Surat baru memakai versi terbaru; surat yang sudah dibuat tetap memakai versi saat
        konsepnya dibuat, sehingga kop dan halamannya tidak berubah.
      </p>
      <ErrorSummary errors={errors} labels={PROFILE_FIELD_LABELS} />
      <form method="post" action={paths.pemdaProfile} novalidate class="card" id="form-profil">
        <CsrfField token={props.csrfToken} />
        <fieldset>
          <legend>Pemerintah daerah</legend>
          {select(
            "level",
            options(PEMDA_LEVELS, (l) => ({ provinsi: "Provinsi", kabupaten: "Kabupaten", kota: "Kota" })[l]),
          )}
          {text("governmentName", { required: true, hint: "Misalnya Pemerintah Kota Bengkulu" })}
          {text("kepalaDaerah", { required: true, hint: "Misalnya Wali Kota Bengkulu" })}
        </fieldset>
        <fieldset>
          <legend>Kop surat</legend>
          {text("kopInstansi.address", { required: true })}
          {text("kopInstansi.phone")}
          {text("kopInstansi.email", { type: "email" })}
          {text("kopInstansi.website")}
          {text("kopJabatan", { required: true, hint: "Satu baris di bawah lambang, misalnya WALI KOTA BENGKULU" })}
          {select(
            "kopRule",
            options(KOP_RULES, (r) =>
              r === "by-signer"
                ? "Kop jabatan bila kepala daerah menandatangani, selain itu kop instansi"
                : "Selalu kop instansi",
            ),
          )}
        </fieldset>
        <fieldset>
          <legend>Halaman</legend>
          {select(
            "page.paper",
            options(PAPERS, (p) => (p === "F4" ? "F4 (215 × 330 mm)" : "A4 (210 × 297 mm)")),
          )}
          {cmField("page.marginsCm.top")}
          {cmField("page.marginsCm.bottom")}
          {cmField("page.marginsCm.left")}
          {cmField("page.marginsCm.right")}
          {text("page.font", { required: true, hint: "Misalnya Arial" })}
          {text("page.fontSizePt", { hint: "pt, 9–14" })}
        </fieldset>
        <fieldset>
          <legend>Nomor dan penandatangan</legend>
          {text("nomorPattern", { hint: "Token: {kka}, {seq}, {unit}, {year}; {seq} wajib" })}
          {select(
            "nameCase",
            options(NAME_CASES, (n) => (n === "upper" ? "Huruf kapital, gelar seperti ditulis" : "Seperti ditulis")),
          )}
          <CheckboxGroup
            errorKey="signerRules"
            legend={PROFILE_FIELD_LABELS.signerRules ?? "signerRules"}
            errors={errors}
            boxes={[
              {
                name: "signerRules.sekdaShowsIdentity",
                value: "on",
                label: "Sekretaris Daerah dicantumkan pangkat dan NIP-nya",
                checked: form["signerRules.sekdaShowsIdentity"] !== undefined,
              },
              {
                name: "signerRules.gelarForOfficials",
                value: "on",
                label: "Gelar pejabat dicantumkan",
                checked: form["signerRules.gelarForOfficials"] !== undefined,
              },
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>Pengiriman kepada kepala perangkat daerah</legend>
          {select(
            "delivery.mode",
            options(DELIVERY_MODES, (m) =>
              m === "link"
                ? "Tautan pribadi ke surat dan unduhannya, tanpa lampiran (cepat, kiriman massal)"
                : "Berkas bertanda tangan dilampirkan (satu per satu, lebih lambat)",
            ),
          )}
          <CheckboxGroup
            errorKey="delivery"
            legend={PROFILE_FIELD_LABELS.delivery ?? "delivery"}
            errors={errors}
            boxes={[
              {
                name: "delivery.attachDocx",
                value: "on",
                label:
                  "Lampirkan juga DOCX bertanda tangan, bila berkas dilampirkan (PDF bertanda tangan selalu dilampirkan bila ada)",
                checked: form["delivery.attachDocx"] !== undefined,
              },
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>Pengingat dan eskalasi</legend>
          <p class="muted">
            OPD yang belum mengonfirmasi diingatkan lewat email. Setelah jumlah pengingat tercapai, atau bila batas
            waktu sudah lama lewat, pengingat dihentikan dan OPD ditandai "Dieskalasi" di matriks kepatuhan. Berlaku
            juga untuk surat yang sudah dikirim.
          </p>
          {text("reminders.maxPerRecipient", { hint: "kali, 0–20 (bawaan 3)" })}
          {text("reminders.stopAfterDaysPastDeadline", { hint: "hari, 0–365 (bawaan 30)" })}
          {text("reminders.intervalHours", { hint: "jam; kosongkan untuk memakai pengaturan server (bawaan 24)" })}
        </fieldset>
        <button class="btn" type="submit">
          Simpan sebagai versi baru
        </button>
      </form>

      <h2>Gambar</h2>
      <div class="split">
        {SLOTS.map(({ slot, title, hint }) => {
          const image = props.images[slot];
          const error = props.imageErrors?.[slot];
          return (
            <form
              class="card"
              method="post"
              action={paths.pemdaProfileImage(slot)}
              enctype="multipart/form-data"
              id={`gambar-${slot}`}
              data-svg-ke-png={props.svgInBrowserHeightPx ? "" : undefined}
            >
              <CsrfField token={props.csrfToken} />
              <h3 style="margin-top:0">{title}</h3>
              <p class="muted">{hint}</p>
              {image ? (
                <p>
                  <img
                    src={`/api/pemda-profile/images/${slot}?v=${image.sha256.slice(0, 12)}`}
                    alt={`Pratinjau ${title.toLowerCase()}`}
                    style="max-height:8rem;max-width:100%;background:#fff;border:1px solid #ddd;padding:.25rem"
                  />
                  <br />
                  <span class="muted">
                    {image.widthPx} × {image.heightPx} piksel{image.svg ? " (dari SVG)" : ""}
                  </span>
                </p>
              ) : (
                <p class="muted">Belum ada gambar.</p>
              )}
              <FileField
                id={`f-file-${slot}`}
                name="file"
                label="Unggah PNG atau SVG"
                hint="Paling besar 1 MB; PNG 200–4000 piksel per sisi"
                accept="image/png,image/svg+xml,.png,.svg"
                errors={error ? { file: error } : undefined}
              />
              <button class="btn" type="submit">
                Unggah
              </button>
              <p class="muted" data-svg-status aria-live="polite" />
            </form>
          );
        })}
      </div>

      {props.svgInBrowserHeightPx ? <script src={paths.pemdaProfileSvgScript} defer /> : null}

      <h2>Riwayat versi</h2>
      {/* Two columns, who under when: three overflow a phone. */}
      <DataTable columns={["Versi", "Disimpan"]}>
        {props.history.map((h) => (
          <tr>
            <td>{h.version}</td>
            <td>
              {waktuSingkat(h.createdAt)}
              <br />
              <span class="muted">
                oleh {h.createdBy === "system" ? "Sistem (data awal)" : (h.createdByName ?? h.createdBy)}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
