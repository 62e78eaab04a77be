// Checks every signature in a PDF: the digest over its ByteRange, the CMS signature over the signed attributes,
// the ESS certificate hash, and the signer's chain to a trusted root (the instance CA, or BSrE's configured
// roots), then whether that certificate was revoked. A changed byte anywhere in a signed range → not intact.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { arrayBufferView, bytesToHex, constantTimeEqual } from "../../domain/encoding.js";
import { type FoundSignature, findSignatures, signedBytes } from "./byte-range.js";
import { chainsToRoot } from "./certificate-chain.js";
import { certificateHolder } from "./certificate-fields.js";
import { OID, parseCertificate, sha256 } from "./cms-signed-data.js";
import { parsePdfDate } from "./pdf-date.js";

export type CertificateStatus = "trusted" | "revoked" | "untrusted";

export interface PdfSignatureReport {
  signerName: string;
  jabatan?: string;
  nip?: string;
  organization?: string;
  /** The signer certificate's serial number, hex. */
  certificateSerial?: string;
  /** The claimed signing time (/M), ISO. */
  signedAt?: string;
  certificateStatus: CertificateStatus;
  revokedAt?: string;
  /** The signature's ByteRange reaches the end of the file (nothing was appended after it). */
  coversWholeFile: boolean;
  /** The signed bytes are the ones that were signed, and the signature over them is good. */
  intact: boolean;
}

export interface PdfTrust {
  roots: readonly Uint8Array[];
  /** When the certificate (DER) was revoked, or null; asked only for certificates that chain to a root. */
  revokedAt?: (certificate: Uint8Array) => Promise<string | null>;
  /** Certificate validity is judged at the claimed signing time, or at this instant when there is none. */
  now: Date;
}

function attributeValue(si: pkijs.SignerInfo, oid: string): asn1js.AsnType | undefined {
  return si.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

function octets(v: asn1js.AsnType | undefined): Uint8Array | undefined {
  return v instanceof asn1js.OctetString ? v.valueBlock.valueHexView : undefined;
}

/** The certHash of the first ESSCertIDv2 of a signing-certificate-v2 attribute. */
function essCertHash(v: asn1js.AsnType | undefined): Uint8Array | undefined {
  if (!(v instanceof asn1js.Sequence)) return undefined;
  const certs = v.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return undefined;
  // hashAlgorithm may be present (DEFAULT SHA-256): the hash is the first OCTET STRING.
  return octets(first.valueBlock.value.find((x) => x instanceof asn1js.OctetString));
}

function signedAtOf(found: FoundSignature): Date | undefined {
  const m = /\/M\s*\((D:[^)]*)\)/.exec(found.dictionary);
  return (m && parsePdfDate(m[1]!)) || undefined;
}

function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && constantTimeEqual(a, b);
}

async function checkOne(pdf: Uint8Array, found: FoundSignature, trust: PdfTrust): Promise<PdfSignatureReport> {
  const coversWholeFile = found.byteRange[2] + found.byteRange[3] === pdf.length;
  const signedAt = signedAtOf(found);
  const unreadable: PdfSignatureReport = {
    signerName: "",
    certificateStatus: "untrusted",
    coversWholeFile,
    intact: false,
  };
  let signedData: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(arrayBufferView(found.contents));
    if (info.contentType !== OID.signedData) return unreadable;
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch {
    return unreadable;
  }
  const signerInfo = signedData.signerInfos[0];
  const carried = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signerInfo?.sid;
  const leaf =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? carried.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
      : undefined;
  if (!signerInfo || !leaf) return unreadable;

  const content = signedBytes(pdf, found.byteRange);
  const leafDer = new Uint8Array(leaf.toSchema(true).toBER());
  const digestOk = same(octets(attributeValue(signerInfo, OID.messageDigest)), await sha256(content));
  const essHash = essCertHash(attributeValue(signerInfo, OID.signingCertificateV2));
  const essOk = essHash === undefined || same(essHash, await sha256(leafDer));
  let signatureOk = false;
  if (digestOk && essOk && found.paddingClean) {
    try {
      const result = await signedData.verify({
        signer: 0,
        data: arrayBufferView(content).buffer,
        checkChain: false,
        extendedMode: true,
      });
      signatureOk = result.signatureVerified === true;
    } catch {
      signatureOk = false;
    }
  }

  const roots = trust.roots.map(parseCertificate);
  const chained = await chainsToRoot(leaf, carried, roots, signedAt ?? trust.now);
  const revokedAt = chained && trust.revokedAt ? await trust.revokedAt(leafDer) : null;
  const holder = certificateHolder(leaf);
  return {
    signerName: holder.name,
    ...(holder.jabatan ? { jabatan: holder.jabatan } : {}),
    ...(holder.nip ? { nip: holder.nip } : {}),
    ...(holder.organization ? { organization: holder.organization } : {}),
    certificateSerial: bytesToHex(leaf.serialNumber.valueBlock.valueHexView),
    ...(signedAt ? { signedAt: signedAt.toISOString() } : {}),
    certificateStatus: !chained ? "untrusted" : revokedAt ? "revoked" : "trusted",
    ...(revokedAt ? { revokedAt } : {}),
    coversWholeFile,
    intact: signatureOk,
  };
}

/** One report per signature, in file order; an empty list for a PDF without signatures. */
export async function verifyPdfSignatures(pdf: Uint8Array, trust: PdfTrust): Promise<PdfSignatureReport[]> {
  const reports: PdfSignatureReport[] = [];
  for (const found of findSignatures(pdf)) reports.push(await checkOne(pdf, found, trust));
  return reports;
}
