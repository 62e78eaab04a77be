/** @jsxImportSource hono/jsx */

import { TextField } from "./components/form-field.js";
import { CsrfField, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface LoginPageProps {
  csrfToken: string;
  /** Refilled after a failed attempt; the password never is. */
  username?: string;
  /** One message for a failed login, deliberately not saying which part was wrong. */
  error?: string;
  /** Where to go after logging in (a local path). */
  next?: string;
  flash?: FlashMessage[];
}

export function LoginPage(props: LoginPageProps) {
  return (
    <Layout title="Masuk" narrow flash={props.flash}>
      <div class="card">
        <h1>Masuk ke edaran</h1>
        <p class="muted">Surat edaran Pemerintah Kota: penyusunan, tanda tangan, pengiriman dan tanda terima.</p>
        {props.error ? (
          <div class="flash flash-error" role="alert">
            {props.error}
          </div>
        ) : null}
        <form method="post" action={paths.login}>
          <CsrfField token={props.csrfToken} />
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <TextField name="username" label="Nama pengguna" value={props.username} autocomplete="username" required />
          <TextField name="password" label="Kata sandi" type="password" autocomplete="current-password" required />
          <button class="btn btn-block" type="submit">
            Masuk
          </button>
        </form>
      </div>
    </Layout>
  );
}
