// How a penandatangan's private key is kept (signer_certificates.encrypted_key): PKCS#8 under AES-256-GCM,
// the AES key derived with PBKDF2-SHA-256 from his signing passphrase and a salt of its own.
import { z } from "zod";

export const encryptedSignerKeySchema = z.object({
  v: z.literal(1),
  kdf: z.literal("PBKDF2-SHA256"),
  // workerd refuses more than 100 000 PBKDF2 iterations (see auth/password.ts).
  iterations: z.number().int().min(1).max(100_000),
  salt: z.string(),
  iv: z.string(),
  ciphertext: z.string(),
});
export type EncryptedSignerKey = z.infer<typeof encryptedSignerKeySchema>;
