// X.509 v3 certificates for the local CA and its penandatangan, built with pkijs over WebCrypto (ECDSA P-256,
// SHA-256: both poppler's NSS and pkijs check it, and a P-256 key is made in milliseconds inside workerd).
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

export const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;

/** [oid, value] in order; each becomes its own RDN. The NIP (serialNumber) is a PrintableString, as X.520 wants. */
export type NameEntry = readonly [oid: string, value: string];

export function distinguishedName(entries: readonly NameEntry[]): pkijs.RelativeDistinguishedNames {
  const der = new asn1js.Sequence({
    value: entries.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [
            new asn1js.Sequence({
              value: [
                new asn1js.ObjectIdentifier({ value: type }),
                type === "2.5.4.5" ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
              ],
            }),
          ],
        }),
    ),
  }).toBER();
  // Built through DER because pkijs, building a name itself, puts every attribute into one multi-valued RDN.
  return pkijs.RelativeDistinguishedNames.fromBER(der);
}

/** A positive 16-byte serial number with a non-zero first byte. */
export function randomSerial(): Uint8Array {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[0] = (b[0]! & 0x3f) | 0x40;
  return b;
}

export interface CertificateSpec {
  subject: pkijs.RelativeDistinguishedNames;
  issuer: pkijs.RelativeDistinguishedNames;
  serial: Uint8Array;
  publicKey: CryptoKey;
  issuerKey: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  /** A CA signs certificates; a signer certificate signs documents (digitalSignature + nonRepudiation). */
  ca: boolean;
}

export async function buildCertificate(spec: CertificateSpec): Promise<Uint8Array> {
  const c = new pkijs.Certificate();
  c.version = 2;
  c.serialNumber = new asn1js.Integer({ valueHex: spec.serial.slice().buffer });
  c.subject = spec.subject;
  c.issuer = spec.issuer;
  c.notBefore.value = spec.notBefore;
  c.notAfter.value = spec.notAfter;
  // keyUsage bits: digitalSignature (0) + nonRepudiation (1) = 0xC0; keyCertSign (5) + cRLSign (6) = 0x06.
  const keyUsage = spec.ca
    ? new asn1js.BitString({ valueHex: new Uint8Array([0x06]).buffer, unusedBits: 1 })
    : new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 });
  c.extensions = [
    new pkijs.Extension({
      extnID: "2.5.29.19",
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: spec.ca, ...(spec.ca ? { pathLenConstraint: 0 } : {}) })
        .toSchema()
        .toBER(),
    }),
    new pkijs.Extension({ extnID: "2.5.29.15", critical: true, extnValue: keyUsage.toBER() }),
  ];
  await c.subjectPublicKeyInfo.importKey(spec.publicKey);
  await c.sign(spec.issuerKey, "SHA-256");
  return new Uint8Array(c.toSchema(true).toBER());
}
