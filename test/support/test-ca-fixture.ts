// A throw-away CA and one signer certificate (ECDSA P-256), made with pkijs over WebCrypto, for signing
// PDFs in tests without the store. Runs on Node and inside workerd.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { PdfSignerPort } from "../../src/sign/pades/pdf-signer-port.js";

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
// BSrE's certificates are RSA; the stand-in signs with RSA so that path is tried too.
const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
} as const;

function name(cn: string, extra: [string, string][] = []): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [...extra, ["2.5.4.3", cn] as [string, string]].map(
      ([type, value]) => new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }),
    ),
  });
}

async function certificate(opts: {
  subject: pkijs.RelativeDistinguishedNames;
  issuer: pkijs.RelativeDistinguishedNames;
  publicKey: CryptoKey;
  signingKey: CryptoKey;
  ca: boolean;
  serial: number;
}): Promise<Uint8Array> {
  const c = new pkijs.Certificate();
  c.version = 2;
  c.serialNumber = new asn1js.Integer({ value: opts.serial });
  c.subject = opts.subject;
  c.issuer = opts.issuer;
  c.notBefore.value = new Date(Date.UTC(2024, 0, 1));
  c.notAfter.value = new Date(Date.UTC(2034, 0, 1));
  c.extensions = [
    new pkijs.Extension({
      extnID: "2.5.29.19",
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: opts.ca }).toSchema().toBER(),
    }),
  ];
  await c.subjectPublicKeyInfo.importKey(opts.publicKey);
  await c.sign(opts.signingKey, "SHA-256");
  return new Uint8Array(c.toSchema(true).toBER());
}

export interface TestCa {
  root: Uint8Array;
  signer: PdfSignerPort;
}

export async function makeTestCa(
  signerName = "Arif Gunadi",
  jabatan = "Wali Kota Bengkulu",
  caOrganization = "Pemerintah Kota Uji",
  keyType: "EC" | "RSA" = "EC",
): Promise<TestCa> {
  const params = keyType === "EC" ? EC : RSA;
  const caKeys = await crypto.subtle.generateKey(params, false, ["sign", "verify"]);
  const leafKeys = await crypto.subtle.generateKey(params, false, ["sign", "verify"]);
  const caName = name("CA Uji edaran", [["2.5.4.10", caOrganization]]);
  const root = await certificate({
    subject: caName,
    issuer: caName,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    ca: true,
    serial: 1,
  });
  const leaf = await certificate({
    subject: name(signerName, [
      ["2.5.4.10", "Pemerintah Kota Uji"],
      ["2.5.4.12", jabatan],
    ]),
    issuer: caName,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    ca: false,
    serial: 2,
  });
  return {
    root,
    signer: {
      certificates: [leaf, root],
      algorithm: keyType === "EC" ? "ECDSA-P256-SHA256" : "RSA-PKCS1-SHA256",
      async sign(data) {
        const alg = keyType === "EC" ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5" };
        const sig = await crypto.subtle.sign(alg, leafKeys.privateKey, data.slice());
        return new Uint8Array(sig);
      },
    },
  };
}
