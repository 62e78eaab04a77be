// `edaran make-key --alg Ed25519|ECDSA-P256`: prints a new private JWK on one line, for a Workers secret
// (`npx edaran make-key | npx wrangler secret put SIGNING_KEY_JWK`). Nothing is written to disk: the key goes
// straight into the secret store. The local CA key (LOCAL_CA_KEY_JWK) must be ECDSA-P256.
import { parseArgs } from "node:util";
import { generateSigningKeyPair, type SigningAlg, signingAlgSchema } from "../sign/keys.js";
import type { CommandIo } from "./render-command.js";

export const makeKeyUsage = "make-key [--alg Ed25519|ECDSA-P256]   (JWK privat ke stdout, untuk wrangler secret put)";

export async function makeKeyCommand(args: string[], io: CommandIo): Promise<number> {
  let alg: SigningAlg;
  try {
    const { values } = parseArgs({ args, options: { alg: { type: "string", default: "Ed25519" } } });
    const parsed = signingAlgSchema.safeParse(values.alg);
    if (!parsed.success) throw new Error(`--alg harus Ed25519 atau ECDSA-P256, bukan ${values.alg}`);
    alg = parsed.data;
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\nPemakaian: edaran ${makeKeyUsage}`);
    return 2;
  }
  const { privateJwk } = await generateSigningKeyPair(alg);
  io.out(JSON.stringify(privateJwk));
  return 0;
}
