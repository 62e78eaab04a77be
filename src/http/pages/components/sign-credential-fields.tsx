/** @jsxImportSource hono/jsx */
// What the signer types to confirm a signature: his signing passphrase (local CA: edaran checks it), or, when the
// instance signs through BSrE, his BSrE passphrase or a TOTP code, chosen with a radio (BSrE checks either).
// Without JavaScript both inputs are there; CSS (:has) shows the chosen one only.
import { type FieldErrors, TextField } from "./form-field.js";

export type SignConfirmedBy = "edaran" | "bsre";

export function SignCredentialFields(props: { confirmedBy: SignConfirmedBy; errors: FieldErrors }) {
  const { errors } = props;
  if (props.confirmedBy === "edaran")
    return (
      <TextField
        id="f-sign-passphrase"
        name="passphrase"
        label="Frasa sandi tanda tangan"
        type="password"
        autocomplete="off"
        hint="Frasa sandi yang Anda atur di halaman Akun penandatangan; tidak disimpan bersama surat"
        errors={errors.passphrase ? { passphrase: errors.passphrase } : {}}
        required
      />
    );
  return (
    <div class="sign-credential">
      <fieldset>
        <legend>Konfirmasi dengan akun BSrE Anda</legend>
        <div class="checks">
          <label>
            <input type="radio" name="credential" value="passphrase" checked />
            <span>Passphrase BSrE</span>
          </label>
          <label>
            <input type="radio" name="credential" value="totp" />
            <span>Kode TOTP</span>
          </label>
        </div>
      </fieldset>
      <TextField
        id="f-sign-passphrase"
        name="passphrase"
        label="Passphrase BSrE"
        type="password"
        autocomplete="off"
        hint="Passphrase sertifikat elektronik Anda di BSrE (BSSN); tidak disimpan"
        errors={errors.passphrase ? { passphrase: errors.passphrase } : {}}
      />
      <TextField
        id="f-sign-totp"
        name="totp"
        label="Kode TOTP BSrE"
        inputmode="numeric"
        autocomplete="one-time-code"
        hint="Kode 6 angka dari aplikasi autentikator akun BSrE Anda; tidak disimpan"
        errors={errors.totp ? { totp: errors.totp } : {}}
      />
    </div>
  );
}
