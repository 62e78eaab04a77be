import { afterEach, describe, expect, it } from "vitest";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { signingKeyRepo } from "../../src/sign/signing-key-repo.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";

let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe("signingKeyRepo", () => {
  it("registers public keys once and lists them as the key set", async () => {
    store = openSqliteStore(":memory:");
    const repo = signingKeyRepo(store);
    const a = await generateSigningKeyPair();
    const b = await generateSigningKeyPair("ECDSA-P256");
    await repo.register({ kid: a.kid, alg: a.alg, publicJwk: a.publicJwk, createdAt: "2024-01-01T00:00:00.000Z" });
    await repo.register({ kid: a.kid, alg: a.alg, publicJwk: a.publicJwk, createdAt: "2030-01-01T00:00:00.000Z" });
    await repo.register({ kid: b.kid, alg: b.alg, publicJwk: b.publicJwk, createdAt: "2024-02-01T00:00:00.000Z" });
    expect(await repo.keySet()).toEqual({
      keys: [
        { kid: a.kid, alg: "Ed25519", jwk: a.publicJwk, createdAt: "2024-01-01T00:00:00.000Z" },
        { kid: b.kid, alg: "ECDSA-P256", jwk: b.publicJwk, createdAt: "2024-02-01T00:00:00.000Z" },
      ],
    });
  });

  it("refuses a kid that is not the thumbprint of the key", async () => {
    store = openSqliteStore(":memory:");
    const a = await generateSigningKeyPair();
    await expect(
      signingKeyRepo(store).register({
        kid: "AAAAAAAAAAAAAAAA",
        alg: a.alg,
        publicJwk: a.publicJwk,
        createdAt: "2024-01-01",
      }),
    ).rejects.toThrow();
  });

  it("retires and revokes a key once, keeping the first time", async () => {
    store = openSqliteStore(":memory:");
    const repo = signingKeyRepo(store);
    const a = await generateSigningKeyPair();
    await repo.register({ kid: a.kid, alg: a.alg, publicJwk: a.publicJwk, createdAt: "2024-01-01T00:00:00.000Z" });
    expect(await repo.retire(a.kid, "2024-03-01T00:00:00.000Z")).toBe(true);
    expect(await repo.retire(a.kid, "2024-04-01T00:00:00.000Z")).toBe(false);
    expect(await repo.revoke(a.kid, "2024-05-01T00:00:00.000Z")).toBe(true);
    expect(await repo.revoke(a.kid, "2024-06-01T00:00:00.000Z")).toBe(false);
    expect(await repo.get(a.kid)).toMatchObject({
      retiredAt: "2024-03-01T00:00:00.000Z",
      revokedAt: "2024-05-01T00:00:00.000Z",
    });
    expect(await repo.get("nope")).toBeNull();
    expect(await repo.revoke("nope", "2024-06-01T00:00:00.000Z")).toBe(false);
  });
});
