import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync, type Zippable, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/domain/encoding.js";
import type { KeySet } from "../../src/sign/key-set.js";
import { type GeneratedKeyPair, generateSigningKeyPair } from "../../src/sign/keys.js";
import { AlreadySignedError, signDocx } from "../../src/sign/sign-docx.js";
import { SIGNATURE_ENTRY } from "../../src/sign/signature-entry.js";
import { verifyDocx, verifyMessage } from "../../src/sign/verify-docx.js";
import { crc32, readZipLayout } from "../../src/sign/zip-layout.js";
import { makeRealisticDocx, makeTinyDocx } from "../support/docx-fixture.js";

const CREATED = "2024-01-01T00:00:00.000Z";

function keySetOf(...keys: Array<GeneratedKeyPair & { retiredAt?: string; revokedAt?: string }>): KeySet {
  return {
    keys: keys.map((k) => ({
      kid: k.kid,
      alg: k.alg,
      jwk: k.publicJwk,
      createdAt: CREATED,
      ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}),
      ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}),
    })),
  };
}

function signWith(key: GeneratedKeyPair, docx: Uint8Array, letterId = "01HZXLETTER0001") {
  return signDocx(docx, {
    privateKey: key.privateKey,
    kid: key.kid,
    alg: key.alg,
    letterId,
    nomor: "800.1.4/123/BKPSDM.II/2024",
    signedAt: "2024-05-01T02:03:04.000Z",
  });
}

/** Deterministic positions (no Math.random: a failure must be reproducible). */
function samplePositions(length: number, count: number): number[] {
  let x = 0x2545f491;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push((x >>> 0) % length);
  }
  return out;
}

async function flippedStatuses(bytes: Uint8Array, keySet: KeySet, positions: Iterable<number>, masks: number[]) {
  const authentic: string[] = [];
  for (const pos of positions) {
    for (const mask of masks) {
      const copy = bytes.slice();
      copy[pos] = copy[pos]! ^ mask;
      const r = await verifyDocx(copy, keySet);
      if (r.status === "authentic") authentic.push(`${pos}^${mask}`);
    }
  }
  return authentic;
}

describe("signDocx / verifyDocx", () => {
  let key: GeneratedKeyPair;
  let other: GeneratedKeyPair;
  beforeAll(async () => {
    key = await generateSigningKeyPair("Ed25519");
    other = await generateSigningKeyPair("Ed25519");
  });

  it("round-trips: the signed file verifies as authentic and carries the letter's data", async () => {
    const signed = await signWith(key, makeTinyDocx());
    const r = await verifyDocx(signed.bytes, keySetOf(key));
    expect(r.status).toBe("authentic");
    if (r.status !== "authentic") return;
    expect(r.payload).toMatchObject({
      v: 1,
      alg: "Ed25519",
      kid: key.kid,
      letterId: "01HZXLETTER0001",
      nomor: "800.1.4/123/BKPSDM.II/2024",
      signedAt: "2024-05-01T02:03:04.000Z",
      digest: signed.digest,
      sig: signed.signature,
    });
    expect(r.sha256).toBe(signed.sha256);
    expect(signed.sha256).toBe(await sha256Hex(signed.bytes));
    expect(verifyMessage(r)).toContain("AUTENTIK");
  });

  it("keeps every original part, adds the signature entry last and registers the json content type", async () => {
    const original = await makeRealisticDocx();
    const signed = await signWith(key, original);
    const before = unzipSync(original);
    const after = unzipSync(signed.bytes);
    for (const [name, data] of Object.entries(before)) {
      if (name === "[Content_Types].xml") continue;
      expect(after[name], name).toEqual(data);
    }
    expect(strFromU8(after["[Content_Types].xml"]!)).toContain(
      '<Default Extension="json" ContentType="application/json"/>',
    );
    const layout = readZipLayout(signed.bytes);
    expect(layout.entries.at(-1)?.name).toBe(SIGNATURE_ENTRY);
    expect(layout.entries.at(-1)?.method).toBe(0);
  });

  it("is a valid zip for other readers: Python's zipfile finds every CRC correct", async () => {
    const signed = await signWith(key, await makeRealisticDocx());
    const dir = mkdtempSync(join(tmpdir(), "edaran-sign-"));
    const file = join(dir, "signed.docx");
    writeFileSync(file, signed.bytes);
    const out = execFileSync("python3", [
      "-c",
      "import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())",
      file,
    ]);
    expect(out.toString().trim()).toBe("None");
  });

  it("catches one changed byte at every position of a small signed file", async () => {
    const signed = await signWith(key, makeTinyDocx());
    const keySet = keySetOf(key);
    const all = Array.from({ length: signed.bytes.length }, (_, i) => i);
    expect(await flippedStatuses(signed.bytes, keySet, all, [0x01, 0x80, 0xff])).toEqual([]);
  });

  it("catches one changed byte at sampled positions of a realistic signed file, including the signature entry", async () => {
    const signed = await signWith(key, await makeRealisticDocx());
    const keySet = keySetOf(key);
    const entry = readZipLayout(signed.bytes).entries.at(-1)!;
    const positions = new Set<number>(samplePositions(signed.bytes.length, 600));
    // The masked ranges (payload, both CRC fields) and the tail (central directory, EOCD) in full.
    for (let i = 0; i < 4; i++) positions.add(entry.localOffset + 14 + i).add(entry.centralOffset + 16 + i);
    for (let i = entry.localOffset; i < entry.dataOffset + 1024; i++) positions.add(i);
    for (let i = Math.max(0, signed.bytes.length - 400); i < signed.bytes.length; i++) positions.add(i);
    expect(await flippedStatuses(signed.bytes, keySet, positions, [0x01, 0xff])).toEqual([]);
  });

  it("catches a changed padding byte even when the CRC fields are recomputed to match", async () => {
    const signed = await signWith(key, makeTinyDocx());
    const entry = readZipLayout(signed.bytes).entries.at(-1)!;
    const copy = signed.bytes.slice();
    // JSON allows a newline where the padding has a space; only the canonical encoding may pass.
    copy[entry.dataOffset + 1023] = 0x0a;
    const crc = crc32(copy.subarray(entry.dataOffset, entry.dataOffset + 1024));
    const dv = new DataView(copy.buffer);
    dv.setUint32(entry.localOffset + 14, crc, true);
    dv.setUint32(entry.centralOffset + 16, crc, true);
    expect(await verifyDocx(copy, keySetOf(key))).toEqual({ status: "tampered", reason: "malformed_signature" });
  });

  it("refuses a file that was cut short or had a byte appended", async () => {
    const signed = await signWith(key, makeTinyDocx());
    const keySet = keySetOf(key);
    expect((await verifyDocx(signed.bytes.subarray(0, signed.bytes.length - 1), keySet)).status).toBe("tampered");
    const longer = new Uint8Array(signed.bytes.length + 1);
    longer.set(signed.bytes);
    expect((await verifyDocx(longer, keySet)).status).not.toBe("authentic");
  });

  it("says tampered for a re-zipped copy with the same content but other bytes", async () => {
    const signed = await signWith(key, await makeRealisticDocx());
    const parts = unzipSync(signed.bytes);
    const rezipped: Zippable = {};
    for (const [name, data] of Object.entries(parts))
      rezipped[name] = [data, { level: name === SIGNATURE_ENTRY ? 0 : 9 }];
    const copy = zipSync(rezipped);
    expect(unzipSync(copy)).toEqual(parts);
    expect(copy).not.toEqual(signed.bytes);
    const r = await verifyDocx(copy, keySetOf(key));
    expect(r.status).toBe("tampered");
    expect(verifyMessage(r)).toContain("TIDAK COCOK");
  });

  it("says unknown_key for a file signed by a key that is not in the key set", async () => {
    const signed = await signWith(other, makeTinyDocx());
    expect(await verifyDocx(signed.bytes, keySetOf(key))).toEqual({ status: "unknown_key", kid: other.kid });
  });

  it("says unknown_key when the key set lists the kid with another public key", async () => {
    const signed = await signWith(key, makeTinyDocx());
    const forged: KeySet = { keys: [{ kid: key.kid, alg: "Ed25519", jwk: other.publicJwk, createdAt: CREATED }] };
    expect((await verifyDocx(signed.bytes, forged)).status).toBe("unknown_key");
  });

  it("says revoked_key for a file signed by a revoked key, and still verifies a retired one", async () => {
    const signed = await signWith(key, makeTinyDocx());
    const revoked = await verifyDocx(signed.bytes, keySetOf({ ...key, revokedAt: "2024-06-01T00:00:00.000Z" }));
    expect(revoked).toEqual({ status: "revoked_key", kid: key.kid, revokedAt: "2024-06-01T00:00:00.000Z" });
    expect(verifyMessage(revoked)).toContain("dicabut");
    const retired = await verifyDocx(signed.bytes, keySetOf({ ...key, retiredAt: "2024-06-01T00:00:00.000Z" }, other));
    expect(retired.status).toBe("authentic");
  });

  it("says unsigned for a DOCX without a signature, and tampered for bytes that are not a zip", async () => {
    expect(await verifyDocx(await makeRealisticDocx(), keySetOf(key))).toEqual({ status: "unsigned" });
    expect(await verifyDocx(new TextEncoder().encode("bukan docx"), keySetOf(key))).toEqual({
      status: "tampered",
      reason: "not_a_zip",
    });
  });

  it("refuses to sign a file that is already signed", async () => {
    const signed = await signWith(key, makeTinyDocx());
    await expect(signWith(key, signed.bytes)).rejects.toBeInstanceOf(AlreadySignedError);
  });

  it("signs and verifies with an ECDSA P-256 key too, and catches a changed byte", async () => {
    const ec = await generateSigningKeyPair("ECDSA-P256");
    const signed = await signWith(ec, makeTinyDocx());
    const keySet = keySetOf(ec);
    expect((await verifyDocx(signed.bytes, keySet)).status).toBe("authentic");
    expect(await flippedStatuses(signed.bytes, keySet, samplePositions(signed.bytes.length, 200), [0x01])).toEqual([]);
  });

  it("gives another letter's signed file its own letter id, so a page can tell the two apart", async () => {
    const a = await signWith(key, makeTinyDocx("Surat A"), "01HZXLETTERAAAA");
    const b = await signWith(key, makeTinyDocx("Surat B"), "01HZXLETTERBBBB");
    const ra = await verifyDocx(a.bytes, keySetOf(key));
    const rb = await verifyDocx(b.bytes, keySetOf(key));
    expect(ra.status === "authentic" && ra.payload.letterId).toBe("01HZXLETTERAAAA");
    expect(rb.status === "authentic" && rb.payload.letterId).toBe("01HZXLETTERBBBB");
    expect(a.sha256).not.toBe(b.sha256);
  });
});
