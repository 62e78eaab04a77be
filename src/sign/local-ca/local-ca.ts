// The instance's own CA: a self-signed certificate for the current CA key, made the first time it is needed
// and kept in local_ca_certificates (so every isolate and process uses the same one, and a CA key that was
// replaced stays a trusted root for the letters it certified).
import { base64ToBytes, bytesToBase64 } from "../../domain/encoding.js";
import { NAME_OID } from "../pades/certificate-fields.js";
import { buildCertificate, distinguishedName, EC_P256, randomSerial } from "./certificate-builder.js";
import type { LocalCaDeps } from "./local-ca-deps.js";

export interface LocalCa {
  id: string;
  certificate: Uint8Array;
  privateKey: CryptoKey;
}

const CA_YEARS = 20;

export async function currentCa(deps: LocalCaDeps): Promise<LocalCa> {
  const key = await deps.caKey.current();
  if (key.alg !== "ECDSA-P256") throw new Error("the local CA key must be ECDSA P-256");
  const { db } = deps.store;
  const found = await db.selectFrom("local_ca_certificates").selectAll().where("id", "=", key.kid).executeTakeFirst();
  if (found) return { id: key.kid, certificate: base64ToBytes(found.certificate_der), privateKey: key.privateKey };

  const now = deps.clock.now();
  const name = distinguishedName([
    ...(deps.caOrganization ? [[NAME_OID.organization, deps.caOrganization] as const] : []),
    [NAME_OID.commonName, `CA Lokal edaran ${key.kid}`],
  ]);
  const certificate = await buildCertificate({
    subject: name,
    issuer: name,
    serial: randomSerial(),
    // extractable: pkijs exports it into the certificate.
    publicKey: await crypto.subtle.importKey("jwk", key.publicJwk, EC_P256, true, ["verify"]),
    issuerKey: key.privateKey,
    notBefore: now,
    notAfter: new Date(Date.UTC(now.getUTCFullYear() + CA_YEARS, now.getUTCMonth(), now.getUTCDate())),
    ca: true,
  });
  // Two first starts at once: one insert wins and both read the winner back.
  await db
    .insertInto("local_ca_certificates")
    .values({ id: key.kid, certificate_der: bytesToBase64(certificate), created_at: now.toISOString() })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  const row = await db
    .selectFrom("local_ca_certificates")
    .select("certificate_der")
    .where("id", "=", key.kid)
    .executeTakeFirstOrThrow();
  return { id: key.kid, certificate: base64ToBytes(row.certificate_der), privateKey: key.privateKey };
}
