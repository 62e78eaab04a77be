// A self-signed X.509 v3 certificate for the RSA key that makes the OOXML (XML-DSig) signature.
// Office and LibreOffice read the signer from it; nobody trusts it, which both show as "not trusted".

import { arrayBufferView } from "../../domain/encoding.js";
import {
  bitString,
  boolean,
  explicit,
  namedBits,
  nullValue,
  octetString,
  oid,
  printableString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from "./der.js";

export const OOXML_KEY_PARAMS: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
};

export interface CertificateSubject {
  commonName: string;
  organization?: string;
  /** ISO 3166 two-letter code. */
  country?: string;
}

export interface SelfSignedCertificateOptions {
  subject: CertificateSubject;
  notBefore: Date;
  notAfter: Date;
  /** Positive serial number, big-endian; random 16 bytes when omitted. */
  serial?: Uint8Array;
}

const SHA256_WITH_RSA = () => sequence(oid("1.2.840.113549.1.1.11"), nullValue());

function name(s: CertificateSubject): Uint8Array {
  const rdns: Uint8Array[] = [];
  if (s.country) rdns.push(set(sequence(oid("2.5.4.6"), printableString(s.country))));
  if (s.organization) rdns.push(set(sequence(oid("2.5.4.10"), utf8String(s.organization))));
  rdns.push(set(sequence(oid("2.5.4.3"), utf8String(s.commonName))));
  return sequence(...rdns);
}

/** Returns the DER bytes of a certificate signed by its own key (RSASSA-PKCS1-v1_5, SHA-256). */
export async function createSelfSignedCertificate(
  keys: CryptoKeyPair,
  opts: SelfSignedCertificateOptions,
): Promise<Uint8Array> {
  const serial = opts.serial ?? crypto.getRandomValues(new Uint8Array(16));
  const serialBytes = new Uint8Array(serial);
  // RFC 5280: a positive serial; a non-zero first byte keeps it at its full length.
  serialBytes[0] = serialBytes[0]! & 0x7f || 0x01;
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const subject = name(opts.subject);
  const extensions = sequence(
    sequence(oid("2.5.29.19"), boolean(true), octetString(sequence())),
    // digitalSignature (0) and nonRepudiation (1): a document-signing key.
    sequence(oid("2.5.29.15"), boolean(true), octetString(namedBits([0, 1]))),
  );
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serialBytes),
    SHA256_WITH_RSA(),
    subject,
    sequence(time(opts.notBefore), time(opts.notAfter)),
    subject,
    spki,
    explicit(3, extensions),
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign(OOXML_KEY_PARAMS.name, keys.privateKey, arrayBufferView(tbs)),
  );
  return sequence(tbs, SHA256_WITH_RSA(), bitString(signature));
}
