// CMS SignedData for a PAdES B-B signature (ETSI EN 319 122-1 / 319 142-1): detached, SHA-256, signed
// attributes content-type, message-digest and ESS signing-certificate-v2, the chain in `certificates`.
// No signing-time attribute: PAdES baseline forbids it (the claimed time is the dictionary's /M).
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { arrayBufferView } from "../../domain/encoding.js";
import type { PdfSignerPort } from "./pdf-signer-port.js";

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  sha256WithRsa: "1.2.840.113549.1.1.11",
} as const;

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", arrayBufferView(bytes)));
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(arrayBufferView(der));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** ESS signing-certificate-v2 (RFC 5035): the SHA-256 of the signer's certificate and its issuer and serial. */
export function signingCertificateV2(certHash: Uint8Array, cert: pkijs.Certificate): asn1js.Sequence {
  const generalNames = new asn1js.Sequence({
    value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
  });
  const essCertIdV2 = new asn1js.Sequence({
    // hashAlgorithm is left out: its DEFAULT is SHA-256.
    value: [
      new asn1js.OctetString({ valueHex: arrayBufferView(certHash).buffer }),
      new asn1js.Sequence({
        value: [
          generalNames,
          new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView.slice().buffer }),
        ],
      }),
    ],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** The DER of the signed attributes as they are signed: a SET OF, sorted (DER), tagged 0x31. */
export function signedAttributesDer(attrs: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const der = new Uint8Array(attrs.toSchema().toBER());
  der[0] = 0x31;
  return der;
}

export async function buildCmsSignedData(content: Uint8Array, signer: PdfSignerPort): Promise<Uint8Array> {
  const [leafDer] = signer.certificates;
  if (!leafDer) throw new Error("the signer has no certificate");
  const leaf = parseCertificate(leafDer);
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: (await sha256(content)).slice().buffer })],
    }),
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      values: [signingCertificateV2(await sha256(leafDer), leaf)],
    }),
  ];
  // DER orders a SET OF by the encodings of its members.
  const sorted = attributes
    .map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER()) }))
    .sort((x, y) => compareBytes(x.der, y.der))
    .map((x) => x.a);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted });
  const rsa = signer.algorithm === "RSA-PKCS1-SHA256";
  const raw = await signer.sign(signedAttributesDer(signedAttrs));
  const signature = rsa ? raw : new Uint8Array(pkijs.createCMSECDSASignature(arrayBufferView(raw).buffer));

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      rsa
        ? { algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }
        : { algorithmId: OID.ecdsaWithSha256 },
    ),
    signature: new asn1js.OctetString({ valueHex: arrayBufferView(signature).buffer }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates: signer.certificates.map(parseCertificate),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
