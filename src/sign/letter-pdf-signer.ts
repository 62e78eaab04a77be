// The one port the sign step makes the signed PDF through, whichever adapter the instance runs: the local CA
// (the signer's own certificate; edaran checks his signing passphrase first) or BSrE (the official's
// certificate at BSSN; BSrE itself checks his passphrase or TOTP). Built only by the runtime entry points.
import type { EdaranInput } from "../domain/edaran-input.js";
import type { SignerSnapshot } from "../domain/signer-account.js";
import type { RenderOptions } from "../render/docx.js";
import type { SigningCredential } from "./pades/pdf-signer-port.js";
import type { SignedLetterPdf } from "./signed-letter-pdf.js";

export interface LetterPdfRequest {
  /** Who signs, as the letter will record him (his NIK is what BSrE knows him by). */
  signer: Omit<SignerSnapshot, "at">;
  /** The Pemda's name, for a certificate the local CA issues. */
  pemda: string;
  /** Passed on, never kept: the local CA opens the signer's key with it, BSrE checks it. */
  credential: SigningCredential;
  input: EdaranInput;
  /** The signed render options (nomor, TTE box, QR), the same as the signed DOCX's. */
  options: RenderOptions;
}

export interface LetterPdfSigner {
  /**
   * Who confirms the signer: "edaran" checks the signing passphrase kept (hashed) on his account before
   * signing; "bsre" makes no check of its own, BSrE refuses a wrong passphrase or TOTP when it signs.
   */
  readonly confirmedBy: "edaran" | "bsre";
  sign(request: LetterPdfRequest): Promise<SignedLetterPdf>;
}
