/** @jsxImportSource hono/jsx */
// /penandatangan/:userId: a penandatangan's identity and capacities. The admin edits both; the signer sees his
// own and sets his signing passphrase here (nobody else can). The same service as /api/signers/:userId.
import { ISSUER_PREFIXES } from "../../domain/edaran-input.js";
import { capacityLabel } from "../../domain/signer-account.js";
import type { SignerAccountView } from "../../signer/signer-account.js";
import { ErrorSummary, type FieldErrors, SelectField, TextField } from "./components/form-field.js";
import { DataTable } from "./components/table.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface SignerAccountPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  account: SignerAccountView;
  /** The admin edits identity and capacities. */
  canEdit: boolean;
  /** The signer himself sets his passphrase. */
  isSelf: boolean;
  /** Messages of the form that was posted, by field. */
  errors?: FieldErrors;
  /** The values of the identity form that was posted (kept on a refusal). */
  form?: Record<string, string>;
}

export const SIGNER_FIELD_LABELS: Record<string, string> = {
  name: "Nama (dengan gelar)",
  jabatan: "Jabatan",
  nip: "NIP",
  pangkat: "Pangkat",
  nik: "NIK",
  prefix: "Awalan",
  principal: "Jabatan yang diwakili",
  validFrom: "Berlaku mulai",
  validUntil: "Berlaku sampai",
  passphrase: "Frasa sandi baru",
  currentPassphrase: "Frasa sandi saat ini",
};

export function SignerAccountPage(props: SignerAccountPageProps) {
  const a = props.account;
  const id = a.identity;
  const v = (k: "name" | "jabatan" | "nip" | "pangkat" | "nik") => props.form?.[k] ?? id?.[k] ?? "";
  const errors = props.errors ?? {};
  return (
    <Layout
      title="Akun penandatangan"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="signer"
    >
      <h1>Akun penandatangan</h1>
      <ErrorSummary errors={errors} labels={SIGNER_FIELD_LABELS} />
      <section class="card">
        <h2>Identitas</h2>
        <p class="muted">
          Blok tanda tangan surat diisi dari data ini. Untuk kepala daerah, wakil kepala daerah, dan Pj/Plt./Plh. kepala
          daerah, gelar, pangkat dan NIP tidak dicetak (Pasal 44 Permendagri 1/2023), walaupun tersimpan di sini.
        </p>
        {props.canEdit ? (
          <form method="post" action={paths.signer(a.userId)}>
            <CsrfField token={props.csrfToken} />
            <TextField name="name" label={SIGNER_FIELD_LABELS.name!} value={v("name")} errors={errors} required />
            <TextField
              name="jabatan"
              label={SIGNER_FIELD_LABELS.jabatan!}
              value={v("jabatan")}
              errors={errors}
              required
            />
            <TextField name="pangkat" label={SIGNER_FIELD_LABELS.pangkat!} value={v("pangkat")} errors={errors} />
            <TextField name="nip" label={SIGNER_FIELD_LABELS.nip!} value={v("nip")} errors={errors} hint="18 digit" />
            <TextField
              name="nik"
              label={SIGNER_FIELD_LABELS.nik!}
              value={v("nik")}
              errors={errors}
              hint="16 digit, untuk sertifikat elektronik BSrE"
            />
            <button class="btn btn-primary" type="submit">
              Simpan identitas
            </button>
          </form>
        ) : id ? (
          <dl class="facts">
            <dt>Nama</dt>
            <dd>{id.name}</dd>
            <dt>Jabatan</dt>
            <dd>{id.jabatan}</dd>
            <dt>Pangkat</dt>
            <dd>{id.pangkat ?? "—"}</dd>
            <dt>NIP</dt>
            <dd>{id.nip ?? "—"}</dd>
            <dt>NIK</dt>
            <dd>{id.nik ? "tersimpan" : "—"}</dd>
          </dl>
        ) : (
          <p>Data penandatangan belum diisi administrator.</p>
        )}
      </section>
      <section class="card">
        <h2>Kapasitas menandatangani</h2>
        <DataTable columns={["Kapasitas", "Status", ...(props.canEdit ? [""] : [])]}>
          {a.capacities.map((c) => (
            <tr data-capacity={c.id}>
              <td class="break">{capacityLabel(c)}</td>
              <td>{c.validToday ? "berlaku hari ini" : "tidak berlaku hari ini"}</td>
              {props.canEdit ? (
                <td>
                  {c.validUntil === null || c.validToday ? (
                    <form method="post" action={paths.endSignerCapacity(a.userId, c.id)}>
                      <CsrfField token={props.csrfToken} />
                      <button class="btn btn-secondary" type="submit">
                        Akhiri hari ini
                      </button>
                    </form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
        {props.canEdit && id ? (
          <form method="post" action={paths.signerCapacities(a.userId)}>
            <CsrfField token={props.csrfToken} />
            <h3>Tambah kapasitas</h3>
            <SelectField
              name="prefix"
              label={SIGNER_FIELD_LABELS.prefix!}
              placeholder="(jabatan sendiri)"
              options={ISSUER_PREFIXES.map((p) => ({ value: p, label: p }))}
              errors={errors}
            />
            <TextField
              name="principal"
              label={SIGNER_FIELD_LABELS.principal!}
              errors={errors}
              hint='Untuk "a.n.", "Plt.", "Plh.": misalnya Wali Kota Bengkulu'
            />
            <TextField name="validFrom" label={SIGNER_FIELD_LABELS.validFrom!} type="date" errors={errors} />
            <TextField name="validUntil" label={SIGNER_FIELD_LABELS.validUntil!} type="date" errors={errors} />
            <button class="btn btn-primary" type="submit">
              Tambah kapasitas
            </button>
          </form>
        ) : null}
      </section>
      {props.isSelf ? (
        <section class="card">
          <h2>Frasa sandi tanda tangan</h2>
          <p class="muted">
            {a.passphraseSet
              ? "Frasa sandi sudah diatur. Anda memasukkannya setiap kali menandatangani surat."
              : "Belum diatur: atur dulu sebelum dapat menandatangani surat."}{" "}
            Paling sedikit 10 karakter; tidak disimpan bersama surat dan tidak dicatat di log.
          </p>
          <form method="post" action={paths.signerPassphrase(a.userId)}>
            <CsrfField token={props.csrfToken} />
            {a.passphraseSet ? (
              <TextField
                name="currentPassphrase"
                label={SIGNER_FIELD_LABELS.currentPassphrase!}
                type="password"
                autocomplete="off"
                errors={errors}
                required
              />
            ) : null}
            <TextField
              name="passphrase"
              label={SIGNER_FIELD_LABELS.passphrase!}
              type="password"
              autocomplete="new-password"
              errors={errors}
              required
            />
            <button class="btn btn-primary" type="submit">
              Simpan frasa sandi
            </button>
          </form>
        </section>
      ) : null}
      {props.canEdit && !props.isSelf && a.passphraseSet ? (
        <section class="card">
          <h2>Frasa sandi tanda tangan</h2>
          <p class="muted">
            Penandatangan lupa frasa sandinya? Setel ulang di sini; ia lalu mengatur frasa sandi baru sendiri. Surat
            yang sudah ditandatangani tetap sah.
          </p>
          <form method="post" action={paths.signerPassphraseReset(a.userId)}>
            <CsrfField token={props.csrfToken} />
            <button class="btn btn-danger" type="submit">
              Setel ulang frasa sandi
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
