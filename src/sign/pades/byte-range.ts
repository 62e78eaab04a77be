// The /ByteRange and /Contents of PDF signatures, read and written on raw bytes: what is signed is the file
// minus the hex string in /Contents, so nothing here parses the PDF's object structure.

export type ByteRange = readonly [number, number, number, number];

export interface FoundSignature {
  byteRange: ByteRange;
  /** The DER inside /Contents, without the zero padding that follows it. */
  contents: Uint8Array;
  /** False when the padding after the DER is not all zeros (bytes hidden in the unsigned gap). */
  paddingClean: boolean;
  /** The text of the signature dictionary around /ByteRange, for /M and the like. */
  dictionary: string;
}

/** Bytes as a string of one char per byte, so regex offsets are byte offsets. */
export function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  }
  return out;
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** The two signed stretches of the file, concatenated: what the message digest is taken over. */
export function signedBytes(pdf: Uint8Array, [a, b, c, d]: ByteRange): Uint8Array {
  const out = new Uint8Array(b + d);
  out.set(pdf.subarray(a, a + b), 0);
  out.set(pdf.subarray(c, c + d), b);
  return out;
}

function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** DER length of the element starting at 0 (definite lengths only), or null. */
function derLength(b: Uint8Array): number | null {
  if (b.length < 2 || b[0] !== 0x30) return null;
  const first = b[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/**
 * Every signature in the file, in file order. A /ByteRange whose gap is not exactly one hex string is
 * skipped (it is not a signature a verifier could check; a caller counting signatures sees it missing).
 */
export function findSignatures(pdf: Uint8Array): FoundSignature[] {
  const text = latin1(pdf);
  const found: FoundSignature[] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const byteRange = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as const;
    const [a, b, c, d] = byteRange;
    if (a !== 0 || b >= c || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) continue;
    const raw = hexToBytes(text.slice(b + 1, c - 1));
    if (!raw) continue;
    const len = derLength(raw);
    if (len === null || len > raw.length) continue;
    const at = m.index ?? 0;
    const dictStart = Math.max(0, text.lastIndexOf("<<", Math.min(at, b)) - 1);
    const dictEnd = text.indexOf("endobj", Math.max(at, c));
    found.push({
      byteRange,
      contents: raw.subarray(0, len),
      paddingClean: raw.subarray(len).every((x) => x === 0),
      dictionary: text.slice(dictStart, dictEnd < 0 ? Math.max(at, c) : dictEnd),
    });
  }
  return found;
}

/** Writes the DER into the placeholder's hex string; throws when it does not fit. */
export function embedContents(pdf: Uint8Array, byteRange: ByteRange, der: Uint8Array): Uint8Array {
  const room = (byteRange[2] - byteRange[1] - 2) / 2;
  if (der.length > room) throw new Error(`the CMS signature (${der.length} bytes) does not fit its ${room}-byte slot`);
  const out = pdf.slice();
  const hex = Array.from(der, (x) => x.toString(16).padStart(2, "0")).join("");
  out.set(asciiBytes(hex), byteRange[1] + 1);
  return out;
}
