// A penandatangan's private key at rest: PKCS#8 under AES-256-GCM, the AES key derived with PBKDF2-SHA-256 from
// his signing passphrase and a salt of its own. A wrong passphrase fails GCM's tag check and nothing else: the
// error says "wrong" and tells nothing about how wrong.
import { AppError } from "../../domain/app-error.js";
import { arrayBufferView, base64ToBytes, bytesToBase64 } from "../../domain/encoding.js";
import type { EncryptedSignerKey } from "../../domain/encrypted-signer-key.js";

/** workerd refuses more than 100 000 PBKDF2 iterations (see auth/password.ts). */
export const KEY_KDF_ITERATIONS = 100_000;

async function aesKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: arrayBufferView(salt), iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

export async function encryptPrivateKey(
  pkcs8: Uint8Array,
  passphrase: string,
  iterations = KEY_KDF_ITERATIONS,
): Promise<EncryptedSignerKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(passphrase, salt, iterations);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, arrayBufferView(pkcs8)));
  return {
    v: 1,
    kdf: "PBKDF2-SHA256",
    iterations,
    salt: bytesToBase64(salt),
    iv: bytesToBase64(iv),
    ciphertext: bytesToBase64(ciphertext),
  };
}

/** The PKCS#8 bytes; throws AppError signing_passphrase_wrong when the passphrase does not open them. */
export async function decryptPrivateKey(enc: EncryptedSignerKey, passphrase: string): Promise<Uint8Array> {
  const key = await aesKey(passphrase, base64ToBytes(enc.salt), enc.iterations);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: "AES-GCM", iv: base64ToBytes(enc.iv) }, key, base64ToBytes(enc.ciphertext)),
    );
  } catch {
    throw new AppError("signing_passphrase_wrong", "Passphrase penandatanganan salah");
  }
}
