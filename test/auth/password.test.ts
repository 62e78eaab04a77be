import { describe, expect, it } from "vitest";
import {
  hashPassword,
  needsRehash,
  PBKDF2_DEFAULT_ITERATIONS,
  PBKDF2_MAX_ITERATIONS,
  verifyPassword,
  verifyPasswordOfNobody,
} from "../../src/auth/password.js";
import { base64ToBytes } from "../../src/domain/encoding.js";

const FAST = { iterations: 1000 };

describe("password hashing (PBKDF2-SHA256 via WebCrypto)", () => {
  it("writes pbkdf2-sha256$<iter>$<salt b64>$<hash b64> with a 16-byte salt and 32-byte hash", async () => {
    const h = await hashPassword("rahasia-bengkulu", FAST);
    const [alg, iter, salt, hash, ...rest] = h.split("$");
    expect(alg).toBe("pbkdf2-sha256");
    expect(iter).toBe("1000");
    expect(base64ToBytes(salt!)).toHaveLength(16);
    expect(base64ToBytes(hash!)).toHaveLength(32);
    expect(rest).toEqual([]);
  });

  it("matches PBKDF2 as node:crypto computes it (RFC 8018)", async () => {
    const { pbkdf2Sync } = await import("node:crypto");
    const h = await hashPassword("kata sandi", FAST);
    const [, , salt, hash] = h.split("$");
    expect(pbkdf2Sync("kata sandi", Buffer.from(salt!, "base64"), 1000, 32, "sha256").toString("base64")).toBe(hash);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const h = await hashPassword("rahasia-bengkulu", FAST);
    expect(await verifyPassword("rahasia-bengkulu", h)).toBe(true);
    expect(await verifyPassword("rahasia-bengkulU", h)).toBe(false);
    expect(await verifyPassword("", h)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    expect(await hashPassword("sama", FAST)).not.toBe(await hashPassword("sama", FAST));
  });

  it("defaults to 100 000 iterations, the most workerd allows", async () => {
    expect(PBKDF2_DEFAULT_ITERATIONS).toBe(100_000);
    expect(PBKDF2_MAX_ITERATIONS).toBe(100_000);
    const h = await hashPassword("produksi");
    expect(h.split("$")[1]).toBe("100000");
    expect(await verifyPassword("produksi", h)).toBe(true);
  });

  it("refuses to hash with more iterations than workerd supports, or with none", async () => {
    await expect(hashPassword("x", { iterations: 100_001 })).rejects.toThrow(RangeError);
    await expect(hashPassword("x", { iterations: 0 })).rejects.toThrow(RangeError);
    await expect(hashPassword("x", { iterations: 1.5 })).rejects.toThrow(RangeError);
  });

  it("never verifies a stored hash that asks for more than the cap (a crafted row cannot cost unbounded CPU)", async () => {
    const h = await hashPassword("x", FAST);
    expect(await verifyPassword("x", h.replace("$1000$", "$100001$"))).toBe(false);
    expect(await verifyPassword("x", h.replace("$1000$", "$999999999$"))).toBe(false);
  });

  it("refuses malformed hashes without throwing", async () => {
    for (const bad of [
      "",
      "plain",
      "pbkdf2-sha256$1000$abc",
      "bcrypt$1000$AAAA$AAAA",
      "pbkdf2-sha256$x$AAAA$AAAA",
      "pbkdf2-sha256$1000$!!$AAAA",
    ]) {
      expect(await verifyPassword("x", bad)).toBe(false);
    }
  });

  it("normalises Unicode, so é typed two ways is the same password", async () => {
    const h = await hashPassword("caf\u00e9", FAST);
    expect(await verifyPassword("cafe\u0301", h)).toBe(true);
  });

  it("flags hashes made with another iteration count for rehashing", async () => {
    const h = await hashPassword("x", FAST);
    expect(needsRehash(h, 1000)).toBe(false);
    expect(needsRehash(h)).toBe(true);
    expect(needsRehash("garbage")).toBe(true);
  });

  it("the dummy check for unknown users answers false", async () => {
    expect(await verifyPasswordOfNobody("x", 1000)).toBe(false);
  });
});
