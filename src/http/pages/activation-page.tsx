/** @jsxImportSource hono/jsx */
// /aktivasi/<token>: the owner of an account chooses a password from the link an admin handed out.
import { ErrorSummary, type FieldErrors, TextField } from "./components/form-field.js";
import { CsrfField, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export const ACTIVATION_FIELD_LABELS: Record<string, string> = {
  newPassword: "Kata sandi baru",
  confirmPassword: "Ulangi kata sandi baru",
};

export interface ActivationPageProps {
  csrfToken: string;
  token: string;
  account: { username: string; displayName: string };
  errors?: FieldErrors;
  minLength: number;
}

export function ActivationPage(props: ActivationPageProps) {
  return (
    <Layout title="Aktivasi akun" narrow>
      <div class="card">
        <h1>Aktivasi akun</h1>
        <p class="break">
          Akun <strong>{props.account.username}</strong> ({props.account.displayName}). Pilih kata sandi Anda sendiri;
          setelah disimpan Anda langsung masuk.
        </p>
        <ErrorSummary errors={props.errors} labels={ACTIVATION_FIELD_LABELS} />
        <form method="post" action={paths.activation(props.token)} id="form-aktivasi">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="username" value={props.account.username} autocomplete="username" />
          <TextField
            name="newPassword"
            label={ACTIVATION_FIELD_LABELS.newPassword!}
            type="password"
            autocomplete="new-password"
            hint={`Paling sedikit ${props.minLength} karakter, tidak sama dengan nama pengguna.`}
            errors={props.errors}
            required
          />
          <TextField
            name="confirmPassword"
            label={ACTIVATION_FIELD_LABELS.confirmPassword!}
            type="password"
            autocomplete="new-password"
            errors={props.errors}
            required
          />
          <p class="muted">Tautan ini hanya dapat dipakai sekali.</p>
          <button class="btn btn-block" type="submit">
            Simpan kata sandi dan masuk
          </button>
        </form>
      </div>
    </Layout>
  );
}
