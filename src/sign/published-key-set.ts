// The key set served at /.well-known/edaran-keys.json: the DOCX signing keys and, for PDFs, the roots a letter's
// certificate must chain to (the instance CA's certificates and the configured BSrE roots), so that
// `edaran verify` checks either file offline.
import { bytesToBase64 } from "../domain/encoding.js";
import type { KeySet } from "./key-set.js";
import { letterPdfTrust, type PdfTrustDeps } from "./letter-pdf-trust.js";
import { signingKeyRepo } from "./signing-key-repo.js";

export async function publishedKeySet(deps: PdfTrustDeps): Promise<KeySet> {
  const { keys } = await signingKeyRepo(deps.store).keySet();
  const { roots } = await letterPdfTrust(deps);
  return { keys, pdfRoots: roots.map(bytesToBase64) };
}
