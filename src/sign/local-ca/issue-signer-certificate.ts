// The local CA issues a penandatangan his certificate (name, jabatan, NIP as serialNumber, the Pemda as O)
// and a fresh P-256 key, kept only encrypted under his signing passphrase. Issuing again is rotation: the old
// certificate is superseded (it signs no more; letters it signed still verify).
import { bytesToHex } from "../../domain/encoding.js";
import { NAME_OID } from "../pades/certificate-fields.js";
import { parseCertificate } from "../pades/cms-signed-data.js";
import { buildCertificate, distinguishedName, EC_P256, randomSerial } from "./certificate-builder.js";
import { encryptPrivateKey } from "./encrypted-key.js";
import { currentCa } from "./local-ca.js";
import type { LocalCaDeps } from "./local-ca-deps.js";
import { signerCertificateRepo } from "./signer-certificate-repo.js";

export interface CertificateSubjectInput {
  userId: string;
  name: string;
  jabatan: string;
  nip?: string;
  pemda: string;
}

export interface IssuedCertificate {
  id: string;
  certificate: Uint8Array;
  notAfter: string;
}

const SIGNER_YEARS = 2;

export async function issueSignerCertificate(
  deps: LocalCaDeps,
  signer: CertificateSubjectInput,
  passphrase: string,
): Promise<IssuedCertificate> {
  const ca = await currentCa(deps);
  const now = deps.clock.now();
  const notAfter = new Date(Date.UTC(now.getUTCFullYear() + SIGNER_YEARS, now.getUTCMonth(), now.getUTCDate()));
  const keys = await crypto.subtle.generateKey(EC_P256, true, ["sign", "verify"]);
  if (!("privateKey" in keys)) throw new Error("generateKey gave a single key for ECDSA");
  const serial = randomSerial();
  const certificate = await buildCertificate({
    subject: distinguishedName([
      [NAME_OID.organization, signer.pemda],
      [NAME_OID.title, signer.jabatan],
      ...(signer.nip ? [[NAME_OID.serialNumber, signer.nip] as const] : []),
      [NAME_OID.commonName, signer.name],
    ]),
    issuer: parseCertificate(ca.certificate).subject,
    serial,
    publicKey: keys.publicKey,
    issuerKey: ca.privateKey,
    notBefore: now,
    notAfter,
    ca: false,
  });
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  const encryptedKey = await encryptPrivateKey(pkcs8, passphrase, deps.kdfIterations);
  pkcs8.fill(0);
  const id = bytesToHex(serial);
  await signerCertificateRepo(deps.store).replaceCurrent({
    id,
    userId: signer.userId,
    caId: ca.id,
    certificate,
    encryptedKey,
    subjectName: signer.name,
    jabatan: signer.jabatan,
    nip: signer.nip ?? null,
    notBefore: now.toISOString(),
    notAfter: notAfter.toISOString(),
    createdAt: now.toISOString(),
  });
  return { id, certificate, notAfter: notAfter.toISOString() };
}

/** Marks a certificate revoked; the letters it signed show it as revoked. False when there was nothing to do. */
export async function revokeSignerCertificate(
  deps: Pick<LocalCaDeps, "store" | "clock">,
  id: string,
): Promise<boolean> {
  return signerCertificateRepo(deps.store).revoke(id, deps.clock.now().toISOString());
}
