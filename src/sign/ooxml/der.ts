// Just enough DER to build one self-signed X.509 certificate; WebCrypto gives the key and signature bytes.
const utf8 = new TextEncoder();

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const head = [tag, ...lengthBytes(content.length)];
  const out = new Uint8Array(head.length + content.length);
  out.set(head);
  out.set(content, head.length);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sequence = (...items: Uint8Array[]) => tlv(0x30, concat(items));
export const set = (...items: Uint8Array[]) => tlv(0x31, concat(items));
export const explicit = (n: number, inner: Uint8Array) => tlv(0xa0 + n, inner);
export const nullValue = () => new Uint8Array([0x05, 0x00]);
export const boolean = (v: boolean) => new Uint8Array([0x01, 0x01, v ? 0xff : 0x00]);
export const octetString = (content: Uint8Array) => tlv(0x04, content);
export const utf8String = (s: string) => tlv(0x0c, utf8.encode(s));
export const printableString = (s: string) => tlv(0x13, utf8.encode(s));

/** BIT STRING with no unused bits. */
export const bitString = (content: Uint8Array) => tlv(0x03, concat([new Uint8Array([0]), content]));

/** BIT STRING holding named bits (bit 0 = most significant bit of the first byte), minimal length. */
export function namedBits(bits: readonly number[]): Uint8Array {
  const last = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(last / 8) + 1);
  for (const b of bits) bytes[Math.floor(b / 8)]! |= 0x80 >> (b % 8);
  const unused = 7 - (last % 8);
  return tlv(0x03, concat([new Uint8Array([unused]), bytes]));
}

/** Non-negative INTEGER from big-endian magnitude bytes. */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return tlv(0x02, trimmed[0]! & 0x80 ? concat([new Uint8Array([0]), trimmed]) : trimmed);
}

export const smallInteger = (n: number) => unsignedInteger(new Uint8Array([n]));

export function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out: number[] = [a! * 40 + b!];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, new Uint8Array(out));
}

/** UTCTime through 2049, GeneralizedTime after, as RFC 5280 requires. */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString();
  const digits = `${iso.slice(0, 19).replace(/[-:T]/g, "")}Z`;
  return d.getUTCFullYear() < 2050 ? tlv(0x17, utf8.encode(digits.slice(2))) : tlv(0x18, utf8.encode(digits));
}
