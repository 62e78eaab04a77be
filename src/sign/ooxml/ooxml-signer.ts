// The key and certificate behind the OOXML signature, kept as one JSON document: a key file on Node,
// a Workers secret on Cloudflare. RSA because every Office and LibreOffice version verifies rsa-sha256.
import { z } from "zod";
import { asKeyPair } from "../keys.js";
import { type CertificateSubject, createSelfSignedCertificate, OOXML_KEY_PARAMS } from "./certificate.js";
import type { OoxmlSigner } from "./ooxml-signature.js";
import { base64 } from "./signature-xml.js";

export const ooxmlSignerJsonSchema = z.object({
  createdAt: z.string(),
  privateJwk: z.object({ kty: z.literal("RSA"), n: z.string(), e: z.string(), d: z.string() }).passthrough(),
  /** base64 DER X.509 certificate */
  certificate: z.string().regex(/^[A-Za-z0-9+/]+=*$/),
});
export type OoxmlSignerJson = z.infer<typeof ooxmlSignerJsonSchema>;

export interface OoxmlSignerSource {
  current(): Promise<OoxmlSigner>;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** A fresh key and a self-signed certificate valid for 20 years from `now`. */
export async function createOoxmlSignerJson(subject: CertificateSubject, now: Date): Promise<OoxmlSignerJson> {
  const keys = asKeyPair(await crypto.subtle.generateKey(OOXML_KEY_PARAMS, true, ["sign", "verify"]));
  const der = await createSelfSignedCertificate(keys, {
    subject,
    notBefore: now,
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
  });
  const jwk = await crypto.subtle.exportKey("jwk", keys.privateKey);
  return {
    createdAt: now.toISOString(),
    privateJwk: ooxmlSignerJsonSchema.shape.privateJwk.parse(jwk),
    certificate: base64(der),
  };
}

export async function importOoxmlSigner(json: OoxmlSignerJson): Promise<OoxmlSigner> {
  const privateKey = await crypto.subtle.importKey("jwk", json.privateJwk, OOXML_KEY_PARAMS, false, ["sign"]);
  const bin = atob(json.certificate);
  const certificateDer = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return { privateKey, certificateDer };
}

/** Workers: the signer from a secret holding OoxmlSignerJson (make one with createOoxmlSignerJson). */
export function ooxmlSignerSecretSource(secret: string): OoxmlSignerSource {
  let loaded: Promise<OoxmlSigner> | undefined;
  return {
    current() {
      loaded ??= (async () => importOoxmlSigner(ooxmlSignerJsonSchema.parse(JSON.parse(secret))))().catch(
        (e: unknown) => {
          loaded = undefined;
          throw e;
        },
      );
      return loaded;
    },
  };
}
