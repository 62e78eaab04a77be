/** @jsxImportSource hono/jsx */
// /akun/kata-sandi: every signed-in user changes their own password here; a user whose password an admin set
// lands here after login and cannot open any other page until they have.
import { ErrorSummary, type FieldErrors, TextField } from "./components/form-field.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface AccountPasswordPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  /** The password was set by an admin: say why the user is here. */
  forced: boolean;
  errors?: FieldErrors;
  minLength: number;
}

export const PASSWORD_FIELD_LABELS: Record<string, string> = {
  currentPassword: "Kata sandi saat ini",
  newPassword: "Kata sandi baru",
  confirmPassword: "Ulangi kata sandi baru",
};

export function AccountPasswordPage(props: AccountPasswordPageProps) {
  return (
    <Layout
      title="Ganti kata sandi"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="account"
      narrow
    >
      <div class="card">
        <h1>Ganti kata sandi</h1>
        {props.forced ? (
          <div class="flash flash-warning" role="status" data-forced="true">
            Kata sandi Anda diatur oleh administrator. Buat kata sandi Anda sendiri sebelum melanjutkan.
          </div>
        ) : null}
        <ErrorSummary errors={props.errors} labels={PASSWORD_FIELD_LABELS} />
        <form method="post" action={paths.accountPassword}>
          <CsrfField token={props.csrfToken} />
          <TextField
            name="currentPassword"
            label={PASSWORD_FIELD_LABELS.currentPassword!}
            type="password"
            autocomplete="current-password"
            errors={props.errors}
            required
          />
          <TextField
            name="newPassword"
            label={PASSWORD_FIELD_LABELS.newPassword!}
            type="password"
            autocomplete="new-password"
            hint={`Paling sedikit ${props.minLength} karakter, tidak sama dengan nama pengguna atau kata sandi saat ini.`}
            errors={props.errors}
            required
          />
          <TextField
            name="confirmPassword"
            label={PASSWORD_FIELD_LABELS.confirmPassword!}
            type="password"
            autocomplete="new-password"
            errors={props.errors}
            required
          />
          <p class="muted">Setelah diganti, sesi lain pada akun ini (perangkat lain) berakhir.</p>
          <button class="btn btn-block" type="submit">
            Simpan kata sandi baru
          </button>
        </form>
      </div>
    </Layout>
  );
}
