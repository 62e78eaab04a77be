// Signing, verification and the QR code inside workerd: WebCrypto Ed25519, the zip writer and
// qrcode's server build must all work on Workers, not only on Node.
import { env } from "cloudflare:test";
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { keySecretSource } from "../../src/sign/key-secret.js";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { qrPng } from "../../src/sign/qr.js";
import { signDocx } from "../../src/sign/sign-docx.js";
import { signingKeyRepo } from "../../src/sign/signing-key-repo.js";
import { verifyDocx } from "../../src/sign/verify-docx.js";
import { openD1Store } from "../../src/store/d1-store.js";
import { makeRealisticDocx, makeTinyDocx } from "../support/docx-fixture.js";
import { decodePng } from "../support/png-decode.js";

describe("signing inside workerd", () => {
  it("signs with a key from a secret, publishes it through D1 and verifies the file; a changed byte fails", async () => {
    const pair = await generateSigningKeyPair("Ed25519");
    const key = await keySecretSource(JSON.stringify(pair.privateJwk)).current();
    const repo = signingKeyRepo(openD1Store(env.DB));
    await repo.register({
      kid: key.kid,
      alg: key.alg,
      publicJwk: key.publicJwk,
      createdAt: "2024-05-01T00:00:00.000Z",
    });

    const signed = await signDocx(await makeRealisticDocx(), {
      ...key,
      letterId: "01HZXLETTER0001",
      nomor: "800.1.4/123/BKPSDM.II/2024",
      signedAt: "2024-05-01T02:03:04.000Z",
    });
    const keySet = await repo.keySet();
    const ok = await verifyDocx(signed.bytes, keySet);
    expect(ok.status).toBe("authentic");
    expect(ok.status === "authentic" && ok.sha256).toBe(signed.sha256);

    const changed = signed.bytes.slice();
    changed[100] = changed[100]! ^ 1;
    expect((await verifyDocx(changed, keySet)).status).toBe("tampered");

    await repo.revoke(key.kid, "2024-06-01T00:00:00.000Z");
    expect((await verifyDocx(signed.bytes, await repo.keySet())).status).toBe("revoked_key");
  });

  it("signs with ECDSA P-256 too", async () => {
    const pair = await generateSigningKeyPair("ECDSA-P256");
    const signed = await signDocx(makeTinyDocx(), {
      ...pair,
      letterId: "L",
      nomor: "1/2024",
      signedAt: "2024-05-01T00:00:00Z",
    });
    const keySet = { keys: [{ kid: pair.kid, alg: pair.alg, jwk: pair.publicJwk, createdAt: "2024-01-01" }] };
    expect((await verifyDocx(signed.bytes, keySet)).status).toBe("authentic");
  });

  it("makes a QR PNG that decodes to the verify URL", async () => {
    const url = `${env.PUBLIC_URL}/v/01HZXLETTER0001`;
    // pngjs cannot read inside workerd, hence the small decoder (checked against pngjs in test/sign/qr.test.ts).
    const img = decodePng(await qrPng(url));
    expect(jsQR(img.data, img.width, img.height)?.data).toBe(url);
  });
});
