/** @jsxImportSource hono/jsx */
// /admin/dasar-hukum: the legal-basis catalogue (active and deactivated entries) and the form that adds one.
import type { LegalBase } from "../../domain/legal-bases.js";
import { EmptyState } from "./components/empty-state.js";
import { type FieldErrors, TextArea, TextField } from "./components/form-field.js";
import { DataTable } from "./components/table.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export type LegalBaseFormValues = Record<"id" | "jenis" | "nomor" | "tahun" | "singkat" | "judul", string>;

export const emptyLegalBaseValues: LegalBaseFormValues = {
  id: "",
  jenis: "",
  nomor: "",
  tahun: "",
  singkat: "",
  judul: "",
};

export interface LegalBaseAdminPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  entries: LegalBase[];
  values: LegalBaseFormValues;
  errors: FieldErrors;
}

export function LegalBaseAdminPage(props: LegalBaseAdminPageProps) {
  const { values, errors } = props;
  const text = (name: keyof LegalBaseFormValues, label: string, hint?: string) => (
    <TextField name={name} label={label} value={values[name]} errors={errors} required {...(hint ? { hint } : {})} />
  );
  return (
    <Layout title="Dasar hukum" user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="legalBases">
      <h1>Katalog dasar hukum</h1>
      <p class="muted">
        Surat menyimpan salinan judul dasar hukum saat dikonsep; mengubah katalog tidak mengubah surat yang sudah ada.
      </p>
      {props.entries.length === 0 ? <EmptyState title="Katalog masih kosong." /> : null}
      <DataTable columns={["Kode", "Judul lengkap", "Nama singkat", "Status", ""]} caption="Katalog dasar hukum">
        {props.entries.map((b) => (
          <tr id={`dasar-${b.id}`} data-legal-base={b.id}>
            <td class="break">{b.id}</td>
            <td class="break">{b.judul}</td>
            <td class="break">{b.singkat}</td>
            <td>{b.active ? "Aktif" : <span class="badge tone-warning">Tidak aktif</span>}</td>
            <td>
              <form method="post" action={paths.legalBaseAction(b.id, b.active ? "nonaktifkan" : "aktifkan")}>
                <CsrfField token={props.csrfToken} />
                <button class="btn btn-secondary" type="submit">
                  {b.active ? "Nonaktifkan" : "Aktifkan"}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </DataTable>
      <form class="card" method="post" action={paths.legalBases} novalidate id="tambah-dasar-hukum">
        <CsrfField token={props.csrfToken} />
        <h2 style="margin-top:0">Tambah dasar hukum</h2>
        {text("id", "Kode", "Huruf kecil, angka dan tanda -, misalnya pp-94-2021-disiplin-pns")}
        {text("jenis", "Jenis peraturan", "Misalnya Peraturan Pemerintah")}
        {text("nomor", "Nomor")}
        {text("tahun", "Tahun")}
        {text("singkat", "Nama singkat", "Untuk ketentuan sanksi, misalnya Peraturan Pemerintah Nomor 94 Tahun 2021")}
        <TextArea
          name="judul"
          label="Judul lengkap"
          value={values.judul}
          errors={errors}
          required
          rows={3}
          hint="Persis seperti dicetak pada bagian Dasar, termasuk perubahannya bila ada"
        />
        <button class="btn" type="submit">
          Tambah
        </button>
      </form>
    </Layout>
  );
}
