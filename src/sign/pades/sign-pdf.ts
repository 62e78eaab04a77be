// signPdf: a PAdES B-B signature added to a PDF as an incremental update, made with a key behind PdfSignerPort.

import { embedContents, signedBytes } from "./byte-range.js";
import { buildCmsSignedData } from "./cms-signed-data.js";
import type { PdfSignerPort } from "./pdf-signer-port.js";
import type { SignatureWidget } from "./signature-placeholder.js";

export interface SignPdfOptions {
  signer: PdfSignerPort;
  widget?: SignatureWidget;
  /** The claimed signing time written as /M; the caller's clock. */
  signingTime: Date;
  name?: string;
  reason?: string;
  location?: string;
}

/** Room for the SignedData: a P-256 leaf and CA are about 1.5 KB; an RSA chain of four fits too. */
const CONTENTS_SIZE = 12_288;

export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  // Loaded on the first signature: its pdf-lib costs a server several MiB that pages and acknowledgements never use.
  const { addSignaturePlaceholder } = await import("./signature-placeholder.js");
  const prepared = await addSignaturePlaceholder(pdf, {
    signingTime: opts.signingTime,
    contentsSize: CONTENTS_SIZE,
    ...(opts.widget ? { widget: opts.widget } : {}),
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(opts.location ? { location: opts.location } : {}),
  });
  const cms = await buildCmsSignedData(signedBytes(prepared.pdf, prepared.byteRange), opts.signer);
  return embedContents(prepared.pdf, prepared.byteRange, cms);
}
