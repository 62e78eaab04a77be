import { describe, expect, it } from "vitest";
import { keySecretSource } from "../../src/sign/key-secret.js";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { signDocx } from "../../src/sign/sign-docx.js";
import { verifyDocx } from "../../src/sign/verify-docx.js";
import { makeTinyDocx } from "../support/docx-fixture.js";

describe("keySecretSource", () => {
  it("signs with the private JWK from the secret under the kid of its public half", async () => {
    const pair = await generateSigningKeyPair();
    const key = await keySecretSource(JSON.stringify(pair.privateJwk)).current();
    expect(key).toMatchObject({ kid: pair.kid, alg: "Ed25519", publicJwk: pair.publicJwk });
    const signed = await signDocx(makeTinyDocx(), {
      ...key,
      letterId: "L1",
      nomor: "1/2024",
      signedAt: "2024-05-01T00:00:00Z",
    });
    const keySet = { keys: [{ kid: pair.kid, alg: pair.alg, jwk: pair.publicJwk, createdAt: "2024-01-01" }] };
    expect((await verifyDocx(signed.bytes, keySet)).status).toBe("authentic");
  });

  it("refuses a secret that is not a private key", async () => {
    const pair = await generateSigningKeyPair();
    await expect(keySecretSource("not json").current()).rejects.toThrow();
    await expect(keySecretSource(JSON.stringify(pair.publicJwk)).current()).rejects.toThrow();
  });
});
