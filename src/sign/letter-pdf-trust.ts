// What the server trusts when it checks a letter's PDF: the instance CA's certificates (with its revocation
// records) and, when configured, BSrE's roots (BSRE_ROOTS_PEM), whose letters carry no revocation here.
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";
import { localCaTrust } from "./local-ca/local-ca-trust.js";
import type { PdfTrust } from "./pades/verify-pdf-signatures.js";

export interface PdfTrustDeps {
  store: Store;
  clock: Clock;
  /** BSrE root certificates (DER); absent when the instance does not accept BSrE-signed letters. */
  bsreRoots?: readonly Uint8Array[];
}

export async function letterPdfTrust(deps: PdfTrustDeps): Promise<PdfTrust> {
  const local = await localCaTrust(deps);
  return { ...local, roots: [...local.roots, ...(deps.bsreRoots ?? [])] };
}
