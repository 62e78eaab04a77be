// The Worker's secrets for a local run, made on this machine: random session and acknowledgement secrets, a
// fresh signing key and local CA key, a setup token for /pasang. `npm run dev:worker` keeps them in a 0600 file
// under .wrangler/ (git-ignored) so sessions, acknowledgement links and signed letters survive a restart; the
// smoke test makes new ones per run. Nothing here is ever committed or deployed.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { generateSigningKeyPair } from "../../src/sign/keys.js";

const devSecretsSchema = z.object({
  SESSION_SECRET: z.string().min(32),
  ACK_SECRET: z.string().min(32),
  SIGNING_KEY_JWK: z.string().min(2),
  LOCAL_CA_KEY_JWK: z.string().min(2),
  SETUP_TOKEN: z.string().min(32),
});
export type DevSecrets = z.infer<typeof devSecretsSchema>;

const randomSecret = () => randomBytes(32).toString("base64url");

export async function makeDevSecrets(): Promise<DevSecrets> {
  const [signing, ca] = [await generateSigningKeyPair("Ed25519"), await generateSigningKeyPair("ECDSA-P256")];
  return {
    SESSION_SECRET: randomSecret(),
    ACK_SECRET: randomSecret(),
    SIGNING_KEY_JWK: JSON.stringify(signing.privateJwk),
    LOCAL_CA_KEY_JWK: JSON.stringify(ca.privateJwk),
    SETUP_TOKEN: randomSecret(),
  };
}

/** The secrets kept in `path`, made and written there (0600) on the first run. */
export async function loadOrMakeDevSecrets(path: string): Promise<DevSecrets> {
  if (existsSync(path)) return devSecretsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  const secrets = await makeDevSecrets();
  writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
