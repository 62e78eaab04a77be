// What verifying a PDF trusts on a local-CA instance: every certificate the CA ever had (a replaced CA key
// keeps vouching for what it issued), and signer_certificates for revocation.

import type { Clock } from "../../domain/clock.js";
import { base64ToBytes, bytesToHex, constantTimeEqual } from "../../domain/encoding.js";
import type { Store } from "../../store/store.js";
import { parseCertificate } from "../pades/cms-signed-data.js";
import type { PdfTrust } from "../pades/verify-pdf-signatures.js";
import { signerCertificateRepo } from "./signer-certificate-repo.js";

export async function localCaTrust(deps: { store: Store; clock: Clock }): Promise<PdfTrust> {
  const rows = await deps.store.db.selectFrom("local_ca_certificates").select("certificate_der").execute();
  const repo = signerCertificateRepo(deps.store);
  return {
    roots: rows.map((r) => base64ToBytes(r.certificate_der)),
    now: deps.clock.now(),
    async revokedAt(der) {
      const id = bytesToHex(parseCertificate(der).serialNumber.valueBlock.valueHexView);
      const cert = await repo.get(id);
      if (!cert || cert.certificate.length !== der.length || !constantTimeEqual(cert.certificate, der)) return null;
      return cert.revokedAt;
    },
  };
}
