/** @jsxImportSource hono/jsx */
// /admin/pengguna: the admin's list of accounts, the form to add or edit one, and the page that shows a
// one-time password exactly once (after creating an account or resetting its password).

import type { ManagedUser } from "../../auth/managed-user.js";
import { isOneOf } from "../../domain/one-of.js";
import { type Role, roles } from "../../domain/roles.js";
import { EmptyState } from "./components/empty-state.js";
import { ErrorSummary, type FieldErrors, SelectField, TextField } from "./components/form-field.js";
import { DataTable } from "./components/table.js";
import { waktu } from "./format.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout, ROLE_LABELS } from "./layout.js";
import { paths } from "./page-paths.js";

export interface OpdOption {
  id: string;
  name: string;
}

interface AdminPageBase {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
}

export type UserStatusFilter = "all" | "active" | "disabled";

export interface UserListPageProps extends AdminPageBase {
  users: ManagedUser[];
  opds: OpdOption[];
  filter: { role: Role | ""; opd: string; status: UserStatusFilter };
}

const roleLabel = (role: string) => (isOneOf(roles, role) ? ROLE_LABELS[role] : role);
const roleOptions = roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function StatusBadges(props: { u: ManagedUser }) {
  return (
    <>
      {props.u.disabled ? <span class="badge tone-bad">nonaktif</span> : <span class="badge tone-ok">aktif</span>}{" "}
      {props.u.mustChangePassword ? <span class="badge tone-warning">harus ganti kata sandi</span> : null}
      {props.u.invited ? <span class="badge tone-warning">belum diaktifkan</span> : null}
    </>
  );
}

export function UserListPage(props: UserListPageProps) {
  const opdName = new Map(props.opds.map((o) => [o.id, o.name]));
  return (
    <Layout title="Pengguna" user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="users">
      <div class="actions" style="justify-content:space-between;align-items:center">
        <h1>Pengguna</h1>
        <a class="btn" href={paths.newUser}>
          + Tambah pengguna
        </a>
      </div>
      <form method="get" action={paths.users} class="filters" aria-label="Saring pengguna">
        <SelectField
          name="role"
          label="Peran"
          value={props.filter.role}
          options={roleOptions}
          placeholder="Semua peran"
        />
        <SelectField
          name="opd"
          label="Perangkat daerah"
          value={props.filter.opd}
          options={props.opds.map((o) => ({ value: o.id, label: o.name }))}
          placeholder="Semua OPD"
        />
        <SelectField
          name="status"
          label="Status"
          value={props.filter.status}
          options={[
            { value: "all", label: "Aktif dan nonaktif" },
            { value: "active", label: "Hanya aktif" },
            { value: "disabled", label: "Hanya nonaktif" },
          ]}
        />
        <button class="btn btn-secondary" type="submit">
          Saring
        </button>
      </form>
      {props.users.length === 0 ? (
        <EmptyState title="Tidak ada pengguna yang cocok dengan saringan ini." />
      ) : (
        <DataTable columns={["Nama pengguna", "Nama", "Peran", "Status"]}>
          {props.users.map((u) => (
            <tr data-user={u.username}>
              <td class="break">
                <a href={paths.user(u.id)}>{u.username}</a>
              </td>
              <td class="break">
                {u.displayName}
                {u.jabatan ? <div class="muted">{u.jabatan}</div> : null}
              </td>
              <td>
                {roleLabel(u.role)}
                {u.opdId ? <div class="muted">{opdName.get(u.opdId) ?? u.opdId}</div> : null}
                {u.role === "penandatangan" ? (
                  <div>
                    <a href={paths.signer(u.id)}>Data penandatangan</a>
                  </div>
                ) : null}
              </td>
              <td>
                <StatusBadges u={u} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

/** What the account form holds (typed text is kept after a failed post). */
export interface UserFormValues {
  username: string;
  displayName: string;
  role: string;
  opdId: string;
  jabatan: string;
  nip: string;
}

export const USER_FIELD_LABELS: Record<string, string> = {
  username: "Nama pengguna",
  displayName: "Nama lengkap",
  role: "Peran",
  opdId: "Perangkat daerah",
  jabatan: "Jabatan",
  nip: "NIP",
  "(root)": "Formulir",
};

export interface UserFormPageProps extends AdminPageBase {
  opds: OpdOption[];
  values: UserFormValues;
  errors?: FieldErrors;
  /** Editing this account; absent when creating one. */
  existing?: ManagedUser;
}

function AccountFields(props: { values: UserFormValues; errors?: FieldErrors; opds: OpdOption[]; creating: boolean }) {
  const v = props.values;
  return (
    <>
      {props.creating ? (
        <TextField
          name="username"
          label={USER_FIELD_LABELS.username!}
          value={v.username}
          autocomplete="off"
          hint="Huruf kecil, angka, titik, garis bawah atau tanda hubung; tidak dapat diubah kemudian."
          errors={props.errors}
          required
        />
      ) : null}
      <TextField
        name="displayName"
        label={USER_FIELD_LABELS.displayName!}
        value={v.displayName}
        errors={props.errors}
        required
      />
      <SelectField
        name="role"
        label={USER_FIELD_LABELS.role!}
        value={v.role}
        options={roleOptions}
        placeholder="— pilih —"
        errors={props.errors}
        required
      />
      <SelectField
        name="opdId"
        label={USER_FIELD_LABELS.opdId!}
        value={v.opdId}
        options={props.opds.map((o) => ({ value: o.id, label: `${o.name} (${o.id})` }))}
        placeholder="— tidak ada —"
        hint="Wajib untuk Kepala Perangkat Daerah; kosongkan untuk peran lain."
        errors={props.errors}
      />
      <TextField name="jabatan" label={USER_FIELD_LABELS.jabatan!} value={v.jabatan} errors={props.errors} />
      <TextField
        name="nip"
        label={USER_FIELD_LABELS.nip!}
        value={v.nip}
        inputmode="numeric"
        hint="18 digit, boleh dikosongkan."
        errors={props.errors}
      />
    </>
  );
}

export function UserFormPage(props: UserFormPageProps) {
  const u = props.existing;
  const title = u ? `Pengguna ${u.username}` : "Tambah pengguna";
  return (
    <Layout title={title} user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="users" narrow>
      <p>
        <a href={paths.users}>← Semua pengguna</a>
      </p>
      <div class="card">
        <h1 class="break">{title}</h1>
        {u ? (
          <p>
            <StatusBadges u={u} /> <span class="muted">dibuat {waktu(u.createdAt)}</span>
            {u.disabledAt ? <span class="muted"> · dinonaktifkan {waktu(u.disabledAt)}</span> : null}
          </p>
        ) : (
          <p class="muted">Kata sandi sekali pakai dibuat otomatis dan ditampilkan sekali setelah akun disimpan.</p>
        )}
        <ErrorSummary errors={props.errors} labels={USER_FIELD_LABELS} />
        <form method="post" action={u ? paths.user(u.id) : paths.users} id="form-akun">
          <CsrfField token={props.csrfToken} />
          <AccountFields values={props.values} errors={props.errors} opds={props.opds} creating={!u} />
          <button class="btn btn-block" type="submit">
            {u ? "Simpan perubahan" : "Buat akun"}
          </button>
        </form>
      </div>
      {u ? (
        <div class="card">
          <h2>Akses</h2>
          <form method="post" action={paths.userAction(u.id, "tautan-aktivasi")} id="form-tautan-aktivasi">
            <CsrfField token={props.csrfToken} />
            <p class="muted">
              {u.invited ? "Akun ini belum diaktifkan. " : ""}Membuat tautan sekali pakai (berlaku 72 jam) untuk dikirim
              lewat WhatsApp atau email; pemilik akun memilih kata sandinya sendiri di sana. Tautan lama tidak berlaku
              lagi.
            </p>
            <button class="btn" type="submit">
              Buat tautan aktivasi
            </button>
          </form>
          <form method="post" action={paths.userAction(u.id, "atur-ulang-sandi")} id="form-atur-ulang">
            <CsrfField token={props.csrfToken} />
            <p class="muted">
              Membuat kata sandi sekali pakai baru; pengguna wajib menggantinya saat masuk, dan sesinya berakhir.
            </p>
            <button class="btn btn-secondary" type="submit">
              Atur ulang kata sandi
            </button>
          </form>
          {u.disabled ? (
            <form method="post" action={paths.userAction(u.id, "aktifkan")} id="form-aktifkan">
              <CsrfField token={props.csrfToken} />
              <p class="muted">Pengguna dapat masuk kembali dengan kata sandinya.</p>
              <button class="btn btn-success" type="submit">
                Aktifkan kembali
              </button>
            </form>
          ) : (
            <form method="post" action={paths.userAction(u.id, "nonaktifkan")} id="form-nonaktifkan">
              <CsrfField token={props.csrfToken} />
              <p class="muted">Pengguna tidak dapat masuk lagi; semua sesi dan token API-nya dicabut seketika.</p>
              <button class="btn btn-danger" type="submit">
                Nonaktifkan
              </button>
            </form>
          )}
        </div>
      ) : null}
    </Layout>
  );
}

export interface TemporaryPasswordPageProps extends AdminPageBase {
  account: ManagedUser;
  temporaryPassword: string;
  /** "created" after adding the account, "reset" after a password reset. */
  reason: "created" | "reset";
}

export function TemporaryPasswordPage(props: TemporaryPasswordPageProps) {
  const a = props.account;
  return (
    <Layout
      title="Kata sandi sekali pakai"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="users"
      narrow
    >
      <div class="card">
        <h1>{props.reason === "created" ? "Akun dibuat" : "Kata sandi diatur ulang"}</h1>
        <p class="break">
          Kata sandi sekali pakai untuk <strong>{a.username}</strong> ({a.displayName}):
        </p>
        <p class="mono" style="font-size:1.4rem" id="kata-sandi-sekali-pakai" data-password={props.temporaryPassword}>
          {props.temporaryPassword}
        </p>
        <div class="flash flash-warning" role="status">
          Catat dan serahkan kata sandi ini langsung kepada pemilik akun. Kata sandi ini hanya ditampilkan sekali ini;
          pengguna wajib menggantinya saat pertama kali masuk.
        </div>
        <p>
          <a class="btn btn-secondary" href={paths.user(a.id)}>
            Kembali ke akun
          </a>
        </p>
      </div>
    </Layout>
  );
}

export interface ActivationLinkPageProps extends AdminPageBase {
  account: ManagedUser;
  url: string;
  expiresAt: string;
}

/** The activation link, shown once right after it was made (the database keeps only its hash). */
export function ActivationLinkPage(props: ActivationLinkPageProps) {
  const a = props.account;
  return (
    <Layout
      title="Tautan aktivasi"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="users"
      narrow
    >
      <div class="card">
        <h1>Tautan aktivasi dibuat</h1>
        <p class="break">
          Tautan untuk <strong>{a.username}</strong> ({a.displayName}), berlaku sampai {waktu(props.expiresAt)}:
        </p>
        <p>
          <input
            class="mono"
            type="text"
            readonly
            value={props.url}
            id="tautan-aktivasi"
            aria-label="Tautan aktivasi"
            style="width:100%"
          />
        </p>
        <div class="flash flash-warning" role="status">
          Salin dan kirim tautan ini hanya kepada pemilik akun (WhatsApp atau email). Tautan ditampilkan sekali ini,
          hanya dapat dipakai sekali, dan tidak berlaku lagi bila Anda membuat tautan baru.
        </div>
        <p>
          <a class="btn btn-secondary" href={paths.user(a.id)}>
            Kembali ke akun
          </a>
        </p>
      </div>
    </Layout>
  );
}
