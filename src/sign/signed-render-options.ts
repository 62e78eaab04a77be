// The render options of a signed letter: its profile's options plus the nomor and the visible TTE box (the QR to
// the verify page, the signing time, the key). The sign step makes them once for the DOCX and the PDF; anything
// that shows the signed letter again (the acknowledgement page's pages) makes them here from what signing stored,
// so it shows the same pages.
import { formatTanggalWaktuWib } from "../domain/indonesian-date.js";
import type { RenderOptions } from "../render/docx.js";
import { qrPng } from "./qr.js";

export const verifyUrlFor = (publicUrl: string, letterId: string) => `${publicUrl.replace(/\/+$/, "")}/v/${letterId}`;

export interface SignedFacts {
  letterId: string;
  nomor: string;
  signedAt: Date;
  /** The kid of the key the DOCX was signed with (printed in the TTE box). */
  keyId: string;
  publicUrl: string;
}

export async function signedRenderOptions(options: RenderOptions, facts: SignedFacts): Promise<RenderOptions> {
  const verifyUrl = verifyUrlFor(facts.publicUrl, facts.letterId);
  return {
    ...options,
    nomorText: facts.nomor,
    signature: {
      qrPng: await qrPng(verifyUrl),
      signedAtText: formatTanggalWaktuWib(facts.signedAt),
      verifyUrl,
      keyId: facts.keyId,
    },
  };
}
