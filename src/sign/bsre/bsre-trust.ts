// The roots a BSrE-signed letter is checked against: the certificates in BSRE_ROOTS_PEM.
import { AppError } from "../../domain/app-error.js";
import { base64ToBytesOrNull } from "../../domain/encoding.js";
import type { PdfTrust } from "../pades/verify-pdf-signatures.js";

export function certificatesFromPem(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    const der = base64ToBytesOrNull(m[1]!.replace(/\s+/g, ""));
    if (!der) throw new AppError("signing_not_configured", "BSRE_ROOTS_PEM memuat sertifikat yang rusak");
    out.push(der);
  }
  return out;
}

/** BSrE publishes no revocation to us here: status is trusted or untrusted (OCSP/CRL is left to a later step). */
export function bsreTrust(rootsPem: string, now: Date): PdfTrust {
  return { roots: certificatesFromPem(rootsPem), now };
}
