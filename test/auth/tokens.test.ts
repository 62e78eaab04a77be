import { describe, expect, it } from "vitest";
import { randomToken, signValue, verifySignedValue } from "../../src/auth/tokens.js";
import { sha256Hex } from "../../src/domain/encoding.js";

describe("tokens", () => {
  it("random tokens are 32 bytes of base64url (43 characters) and differ", () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });

  it("sha256Hex matches the known digest of 'abc'", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("a signed value verifies with its secret and not with another or after tampering", async () => {
    const signed = await signValue("tok123", "s".repeat(32));
    expect(await verifySignedValue(signed, "s".repeat(32))).toBe("tok123");
    expect(await verifySignedValue(signed, "t".repeat(32))).toBeNull();
    expect(await verifySignedValue(signed.replace("tok123", "tok124"), "s".repeat(32))).toBeNull();
    expect(await verifySignedValue("tok123", "s".repeat(32))).toBeNull();
    expect(await verifySignedValue("tok123.***", "s".repeat(32))).toBeNull();
  });
});
