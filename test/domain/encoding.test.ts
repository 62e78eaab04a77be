import { describe, expect, it } from "vitest";
import { base64UrlToBytes, bytesToBase64Url, canonicalBase64UrlToBytes, sha256Hex } from "../../src/domain/encoding.js";

describe("encoding", () => {
  it("hashes text as UTF-8 and bytes alike, in lowercase hex", async () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(await sha256Hex("abc")).toBe(abc);
    expect(await sha256Hex(new TextEncoder().encode("abc"))).toBe(abc);
    // A view into a larger buffer hashes only its own bytes.
    expect(await sha256Hex(new TextEncoder().encode("xabcx").subarray(1, 4))).toBe(abc);
  });

  it("round-trips base64url without padding", () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0x00, 0x3e]);
    expect(bytesToBase64Url(bytes)).toBe("-_8APg");
    expect([...base64UrlToBytes("-_8APg")]).toEqual([...bytes]);
  });

  it("accepts only the canonical base64url of some bytes", () => {
    expect([...canonicalBase64UrlToBytes("AA")!]).toEqual([0]);
    // "AB" decodes to the same byte through its stray low bits: another text for the same signature.
    expect(canonicalBase64UrlToBytes("AB")).toBeNull();
    expect(canonicalBase64UrlToBytes("AA==")).toBeNull();
    expect(canonicalBase64UrlToBytes("A")).toBeNull();
    expect(canonicalBase64UrlToBytes("A+")).toBeNull();
  });
});
