// The two ports a PDF signature goes through. PdfSignerPort is a key that may live elsewhere: it signs the
// CMS signed attributes and hands over its certificate chain (the local CA's adapter). PdfSigning takes a
// whole PDF and gives it back signed, which is what BSrE's esign client does, and what the local adapter
// does by way of signPdf; the sign step talks to PdfSigning only, whichever adapter the instance runs.
import type { SignatureWidget } from "./signature-placeholder.js";

export type PdfSignatureAlgorithm = "ECDSA-P256-SHA256" | "RSA-PKCS1-SHA256";

export interface PdfSignerPort {
  /** DER certificates: the signer's first, then its issuers (the root may be left out). */
  certificates: readonly Uint8Array[];
  algorithm: PdfSignatureAlgorithm;
  /** Signs these bytes with SHA-256; ECDSA answers WebCrypto's r‖s form (the CMS builder re-encodes it). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export type SigningCredential = { kind: "passphrase"; passphrase: string } | { kind: "totp"; totp: string };

export interface PdfSignRequest {
  /** The penandatangan's account (local adapter: whose certificate and key). */
  userId: string;
  /** His NIK, which BSrE knows him by. */
  nik?: string;
  credential: SigningCredential;
  widget?: SignatureWidget;
  reason?: string;
  location?: string;
}

export interface PdfSigning {
  sign(pdf: Uint8Array, request: PdfSignRequest): Promise<Uint8Array>;
}
