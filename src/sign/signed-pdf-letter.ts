// The local CA adapter of LetterPdfSigner: the signer's own certificate, issued the first time he signs (with
// the passphrase he has just confirmed) and issued again when his passphrase changed since (his key is kept
// encrypted under the passphrase it was issued with, so the old one no longer opens it).
import { AppError } from "../domain/app-error.js";
import type { LetterPdfSigner } from "./letter-pdf-signer.js";
import { issueSignerCertificate } from "./local-ca/issue-signer-certificate.js";
import type { LocalCaDeps } from "./local-ca/local-ca-deps.js";
import { localPdfSigning } from "./local-ca/local-signer.js";
import { signerCertificateRepo } from "./local-ca/signer-certificate-repo.js";
import { signLetterPdf } from "./signed-letter-pdf.js";

export function localCaLetterPdfSigner(ca: LocalCaDeps): LetterPdfSigner {
  return {
    confirmedBy: "edaran",
    async sign({ signer, pemda, credential, input, options }) {
      if (credential.kind !== "passphrase") {
        throw new AppError("validation_failed", "Penandatanganan lokal memakai frasa sandi tanda tangan, bukan TOTP", [
          { path: "passphrase", message: "Masukkan frasa sandi tanda tangan Anda" },
        ]);
      }
      const { passphrase } = credential;
      const subject = {
        userId: signer.userId,
        name: signer.identity.name,
        jabatan: signer.identity.jabatan,
        ...(signer.identity.nip ? { nip: signer.identity.nip } : {}),
        pemda,
      };
      const sign = () =>
        signLetterPdf(localPdfSigning(ca), input, options, {
          userId: signer.userId,
          credential,
          reason: "Surat Edaran ditandatangani secara elektronik",
        });
      if (!(await signerCertificateRepo(ca.store).current(signer.userId)))
        await issueSignerCertificate(ca, subject, passphrase);
      try {
        return await sign();
      } catch (err) {
        // The passphrase was confirmed just before: a key that does not open was issued under an earlier one.
        if (!(err instanceof AppError) || err.code !== "signing_passphrase_wrong") throw err;
        await issueSignerCertificate(ca, subject, passphrase);
        return sign();
      }
    },
  };
}
