// Byte <-> text encodings and SHA-256 on plain Uint8Array, so the same code runs on Node and in workerd
// (no Buffer). Every module that hashes or encodes bytes uses these; none keeps its own copy.
import { createHash } from "node:crypto";

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return btoa(bin);
}

/** Throws on text that is not base64. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** base64ToBytes for text from outside (headers, secrets): null instead of throwing. */
export function base64ToBytesOrNull(b64: string): Uint8Array<ArrayBuffer> | null {
  try {
    return base64ToBytes(b64);
  } catch {
    return null;
  }
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Throws on text that is not base64url. */
export function base64UrlToBytes(b64url: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(b64url)) throw new Error("not base64url");
  const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
  return base64ToBytes(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
}

/**
 * Strict base64url: null for anything but the canonical encoding (no padding, no stray bits), so a signature
 * cannot be altered into another text that decodes to the same bytes.
 */
export function canonicalBase64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 === 1) return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64UrlToBytes(text);
  } catch {
    return null;
  }
  return bytesToBase64Url(bytes) === text ? bytes : null;
}

export function bytesToHex(bytes: Uint8Array): string {
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, "0");
  return hex;
}

/** SHA-256 of a string (UTF-8) or bytes, as 64 lowercase hex characters. */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  // node:crypto's hash (Node, and workerd under nodejs_compat) answers in the same turn; WebCrypto's digest
  // hops to a worker thread and back, which left an acknowledgement waiting a third of its time (issue #13).
  return createHash("sha256").update(input).digest("hex");
}

/**
 * The same bytes as a view over a plain ArrayBuffer, which WebCrypto and `new Response` want: a view of the
 * same memory when it already is one, a copy when it sits on a SharedArrayBuffer.
 */
export function arrayBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer
    ? new Uint8Array(buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
}

/** Compares in time that depends only on the lengths, so a mismatch position leaks nothing. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
