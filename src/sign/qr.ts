// The QR code printed in the signature block: a PNG that opens the verify page.
import QR from "qrcode/lib/server.js";

export interface QrOptions {
  /** Pixels per module; 8 gives a ~300 px image for a typical verify URL. */
  scale?: number;
}

export async function qrPng(url: string, opts: QrOptions = {}): Promise<Uint8Array> {
  const png = await QR.toBuffer(url, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 4,
    scale: opts.scale ?? 8,
  });
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
