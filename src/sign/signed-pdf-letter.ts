// The signed PDF the sign step makes beside the DOCX, with the local CA: the signer's own certificate, issued the
// first time he signs (with the passphrase he has just confirmed) and issued again when his passphrase changed
// since (his key is kept encrypted under the passphrase it was issued with, so the old one no longer opens it).
import { AppError } from "../domain/app-error.js";
import type { EdaranInput } from "../domain/edaran-input.js";
import type { SignerSnapshot } from "../domain/signer-account.js";
import type { RenderOptions } from "../render/docx.js";
import { issueSignerCertificate } from "./local-ca/issue-signer-certificate.js";
import type { LocalCaDeps } from "./local-ca/local-ca-deps.js";
import { localPdfSigning } from "./local-ca/local-signer.js";
import { signerCertificateRepo } from "./local-ca/signer-certificate-repo.js";
import { type SignedLetterPdf, signLetterPdf } from "./signed-letter-pdf.js";

export async function signLetterPdfAs(
  ca: LocalCaDeps,
  signer: Omit<SignerSnapshot, "at">,
  pemda: string,
  passphrase: string,
  input: EdaranInput,
  options: RenderOptions,
): Promise<SignedLetterPdf> {
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
      credential: { kind: "passphrase", passphrase },
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
}
