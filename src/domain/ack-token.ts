// The acknowledgement token in each recipient's link. It is derived, not stored:
//   token = base64url(HMAC-SHA256(secret, "edaran-ack:" + recipientId))
// so the sender can rebuild the link at send time (and on every retry or reminder) while the database
// keeps only sha256(token) in recipients.ack_token_hash. Without the secret a token cannot be guessed,
// and it names exactly one recipient of one letter. WebCrypto only, so it runs on Node and Workers.

import { bytesToBase64Url, sha256Hex } from "./encoding.js";

const encoder = new TextEncoder();

/** The raw token for a recipient's acknowledgement link (43 url-safe characters). */
export async function ackTokenFor(secret: string, recipientId: string): Promise<string> {
  if (!secret) throw new Error("ack token secret is empty");
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`edaran-ack:${recipientId}`));
  return bytesToBase64Url(new Uint8Array(mac));
}

/** What recipients.ack_token_hash holds: lowercase hex SHA-256 of the token text. */
export async function hashAckToken(token: string): Promise<string> {
  return sha256Hex(token);
}
