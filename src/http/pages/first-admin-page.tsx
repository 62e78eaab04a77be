/** @jsxImportSource hono/jsx */
// /pasang: the first admin chooses a username, name and password. Reached through the one-time link npm start
// prints (the token rides in a hidden field) or, on Workers, by typing the SETUP_TOKEN secret.
import { ErrorSummary, type FieldErrors, TextField } from "./components/form-field.js";
import { CsrfField, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export const SETUP_FIELD_LABELS: Record<string, string> = {
  token: "Kode pemasangan",
  username: "Nama pengguna",
  displayName: "Nama lengkap",
  password: "Kata sandi",
  confirmPassword: "Ulangi kata sandi",
};

export interface SetupPageProps {
  csrfToken: string;
  /** From the link; absent when the token is to be typed (Workers' SETUP_TOKEN). */
  token?: string;
  values?: { username: string; displayName: string };
  errors?: FieldErrors;
  minLength: number;
}

export function SetupPage(props: SetupPageProps) {
  return (
    <Layout title="Pemasangan: administrator pertama" narrow>
      <div class="card">
        <h1>Administrator pertama</h1>
        <p class="muted">
          edaran belum punya administrator. Buat akun administrator Anda; setelah itu setiap pejabat mendapat tautan
          aktivasi dari halaman Pengguna untuk memilih kata sandinya sendiri.
        </p>
        <ErrorSummary errors={props.errors} labels={SETUP_FIELD_LABELS} />
        <form method="post" action={paths.setup} id="form-pasang">
          <CsrfField token={props.csrfToken} />
          {props.token ? (
            <>
              <input type="hidden" name="token" value={props.token} />
              <input type="hidden" name="fromLink" value="1" />
            </>
          ) : (
            <TextField
              name="token"
              label={SETUP_FIELD_LABELS.token!}
              type="password"
              autocomplete="off"
              hint="Nilai rahasia SETUP_TOKEN yang dipasang dengan wrangler secret put."
              errors={props.errors}
              required
            />
          )}
          <TextField
            name="username"
            label={SETUP_FIELD_LABELS.username!}
            value={props.values?.username ?? "admin"}
            autocomplete="username"
            errors={props.errors}
            required
          />
          <TextField
            name="displayName"
            label={SETUP_FIELD_LABELS.displayName!}
            value={props.values?.displayName ?? ""}
            autocomplete="name"
            errors={props.errors}
            required
          />
          <TextField
            name="password"
            label={SETUP_FIELD_LABELS.password!}
            type="password"
            autocomplete="new-password"
            hint={`Paling sedikit ${props.minLength} karakter, tidak sama dengan nama pengguna.`}
            errors={props.errors}
            required
          />
          <TextField
            name="confirmPassword"
            label={SETUP_FIELD_LABELS.confirmPassword!}
            type="password"
            autocomplete="new-password"
            errors={props.errors}
            required
          />
          <button class="btn btn-block" type="submit">
            Buat administrator dan masuk
          </button>
        </form>
      </div>
    </Layout>
  );
}
