// The local adapter: a penandatangan's own key, opened with his signing passphrase, behind PdfSignerPort;
// and PdfSigning over it (signPdf with the widget the letter's PDF places).
import { AppError } from "../../domain/app-error.js";
import { arrayBufferView, base64ToBytes } from "../../domain/encoding.js";
import type { PdfSignerPort, PdfSigning } from "../pades/pdf-signer-port.js";
import { signPdf } from "../pades/sign-pdf.js";
import { EC_P256 } from "./certificate-builder.js";
import { decryptPrivateKey } from "./encrypted-key.js";
import { currentCa } from "./local-ca.js";
import type { LocalCaDeps } from "./local-ca-deps.js";
import { signerCertificateRepo } from "./signer-certificate-repo.js";

export async function localSigner(deps: LocalCaDeps, userId: string, passphrase: string): Promise<PdfSignerPort> {
  const cert = await signerCertificateRepo(deps.store).current(userId);
  if (!cert) {
    throw new AppError("signer_certificate_missing", "Penandatangan belum memiliki sertifikat elektronik yang berlaku");
  }
  const pkcs8 = await decryptPrivateKey(cert.encryptedKey, passphrase);
  const privateKey = await crypto.subtle.importKey("pkcs8", arrayBufferView(pkcs8), EC_P256, false, ["sign"]);
  pkcs8.fill(0);
  const ca = await deps.store.db
    .selectFrom("local_ca_certificates")
    .select("certificate_der")
    .where("id", "=", cert.caId)
    .executeTakeFirst();
  // The CA that issued it may no longer be the current one; its own certificate is what completes the chain.
  const caCertificate = ca ? base64ToBytes(ca.certificate_der) : (await currentCa(deps)).certificate;
  return {
    certificates: [cert.certificate, caCertificate],
    algorithm: "ECDSA-P256-SHA256",
    async sign(data) {
      return new Uint8Array(
        await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, arrayBufferView(data)),
      );
    },
  };
}

export function localPdfSigning(deps: LocalCaDeps): PdfSigning {
  return {
    async sign(pdf, request) {
      if (request.credential.kind !== "passphrase") {
        throw new AppError("validation_failed", "Penandatanganan lokal memakai passphrase, bukan TOTP", [
          { path: "totp", message: "Masukkan passphrase penandatanganan" },
        ]);
      }
      const signer = await localSigner(deps, request.userId, request.credential.passphrase);
      return signPdf(pdf, {
        signer,
        signingTime: deps.clock.now(),
        ...(request.widget ? { widget: request.widget } : {}),
        ...(request.reason ? { reason: request.reason } : {}),
        ...(request.location ? { location: request.location } : {}),
      });
    },
  };
}
