// Secrets handed to people or systems (session cookies, API tokens, acknowledgement links) are random
// 32-byte tokens; the database keeps only their SHA-256, so a leaked table does not leak a usable token.
import { base64UrlToBytes, bytesToBase64Url } from "../domain/encoding.js";

const encoder = new TextEncoder();

/** A random token of `bytes` bytes (32 by default), base64url without padding: 43 characters for 32 bytes. */
export function randomToken(bytes = 32): string {
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A random identifier for rows (UUID v4). */
export function randomId(): string {
  return crypto.randomUUID();
}

// Importing the key is most of an HMAC's cost; a process has one or two secrets, so each is imported once.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    hmacKeys.set(secret, key);
  }
  return key;
}

/** `value.signature` with an HMAC-SHA256 signature in base64url. `value` must not contain a dot. */
export async function signValue(value: string, secret: string): Promise<string> {
  if (value.includes(".")) throw new Error("signValue: value must not contain '.'");
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(value));
  return `${value}.${bytesToBase64Url(new Uint8Array(sig))}`;
}

/** The value when the signature is right, otherwise null. subtle.verify compares in constant time. */
export async function verifySignedValue(signed: string, secret: string): Promise<string | null> {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  let sig: Uint8Array<ArrayBuffer>;
  try {
    sig = base64UrlToBytes(signed.slice(dot + 1));
  } catch {
    return null;
  }
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), sig, encoder.encode(value));
  return ok ? value : null;
}
