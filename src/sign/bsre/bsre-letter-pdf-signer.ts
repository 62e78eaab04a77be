// The BSrE adapter of LetterPdfSigner: the letter's PDF goes to the Pemda's esign client with the signer's NIK
// (from his signer account snapshot) and the passphrase or TOTP he typed, and comes back signed with his BSrE
// certificate. BSrE is the confirmation: a wrong credential is its refusal. Its refusals are reworded here to
// name what the signer (or the admin) must fix.
import { AppError } from "../../domain/app-error.js";
import type { LetterPdfSigner } from "../letter-pdf-signer.js";
import { signLetterPdf } from "../signed-letter-pdf.js";
import type { BsreClient } from "./bsre-client.js";
import { bsrePdfSigning } from "./bsre-pdf-signing.js";

function clearer(err: unknown, credentialField: "passphrase" | "totp"): unknown {
  if (!(err instanceof AppError)) return err;
  switch (err.code) {
    case "bsre_credential_wrong":
      return new AppError(
        "bsre_credential_wrong",
        credentialField === "totp"
          ? "Kode TOTP BSrE salah atau kedaluwarsa; surat belum ditandatangani"
          : "Passphrase BSrE salah; surat belum ditandatangani",
        [
          {
            path: credentialField,
            message: credentialField === "totp" ? "Kode TOTP BSrE salah" : "Passphrase BSrE salah",
          },
        ],
      );
    case "bsre_not_registered":
      return new AppError(
        "bsre_not_registered",
        "NIK penandatangan belum terdaftar di BSrE: periksa NIK di halaman Akun penandatangan, atau daftarkan penandatangan ke BSrE melalui admin TTE Pemda; surat belum ditandatangani",
      );
    case "bsre_no_certificate":
      return new AppError(
        "bsre_no_certificate",
        "Penandatangan belum memiliki sertifikat elektronik BSrE yang aktif: ajukan atau perpanjang sertifikatnya melalui admin TTE Pemda; surat belum ditandatangani",
      );
    default:
      return err;
  }
}

export function bsreLetterPdfSigner(client: BsreClient): LetterPdfSigner {
  const signing = bsrePdfSigning(client);
  return {
    confirmedBy: "bsre",
    async sign({ signer, pemda, credential, input, options }) {
      const nik = signer.identity.nik;
      if (!nik) {
        throw new AppError(
          "signer_nik_missing",
          `NIK ${signer.identity.name} belum diisi di akun penandatangan; admin mengisinya di halaman Akun penandatangan, lalu tanda tangani surat ini`,
        );
      }
      try {
        return await signLetterPdf(signing, input, options, {
          userId: signer.userId,
          nik,
          credential,
          reason: "Surat Edaran ditandatangani secara elektronik",
          ...(pemda ? { location: pemda } : {}),
        });
      } catch (err) {
        throw clearer(err, credential.kind);
      }
    },
  };
}
