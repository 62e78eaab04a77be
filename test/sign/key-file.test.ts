import { chmodSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { keyFileSource } from "../../src/sign/key-file.js";
import { signDocx } from "../../src/sign/sign-docx.js";
import { verifyDocx } from "../../src/sign/verify-docx.js";
import { makeTinyDocx } from "../support/docx-fixture.js";

const clock = fixedClock("2024-05-01T00:00:00.000Z");

function freshDir(): string {
  return join(mkdtempSync(join(tmpdir(), "edaran-keyfile-")), "data");
}

describe("keyFileSource", () => {
  it("creates the key file on first use, readable only by its owner (0600)", async () => {
    const dir = freshDir();
    const source = keyFileSource({ dir, clock });
    const key = await source.current();
    expect(key.alg).toBe("Ed25519");
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(statSync(source.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(source.path, "utf8")).toContain(key.kid);
  });

  it("reuses the same key on a second start", async () => {
    const dir = freshDir();
    const first = await keyFileSource({ dir, clock }).current();
    const second = await keyFileSource({ dir, clock }).current();
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk).toEqual(first.publicJwk);
  });

  it("puts the mode back to 0600 when the file was loosened", async () => {
    const dir = freshDir();
    const source = keyFileSource({ dir, clock });
    await source.current();
    chmodSync(source.path, 0o644);
    await keyFileSource({ dir, clock }).current();
    expect(statSync(source.path).mode & 0o777).toBe(0o600);
  });

  it("rotates to a new key and keeps the old public key, which still verifies what it signed", async () => {
    const dir = freshDir();
    const source = keyFileSource({ dir, clock });
    const old = await source.current();
    const signed = await signDocx(makeTinyDocx(), {
      privateKey: old.privateKey,
      kid: old.kid,
      alg: old.alg,
      letterId: "L1",
      nomor: "1/2024",
      signedAt: clock.now().toISOString(),
    });
    clock.advance(86_400_000);
    const next = await source.rotate();
    expect(next.kid).not.toBe(old.kid);
    expect(statSync(source.path).mode & 0o777).toBe(0o600);

    const reopened = keyFileSource({ dir, clock });
    expect((await reopened.current()).kid).toBe(next.kid);
    const retired = await reopened.retired();
    expect(retired).toEqual([
      {
        kid: old.kid,
        alg: "Ed25519",
        createdAt: "2024-05-01T00:00:00.000Z",
        retiredAt: "2024-05-02T00:00:00.000Z",
        publicJwk: old.publicJwk,
      },
    ]);
    // The old private half is gone from the file.
    expect(readFileSync(source.path, "utf8").match(/"d":/g)).toHaveLength(1);
    const keySet = {
      keys: retired.map((r) => ({
        kid: r.kid,
        alg: r.alg,
        jwk: r.publicJwk,
        createdAt: r.createdAt,
        retiredAt: r.retiredAt,
      })),
    };
    expect((await verifyDocx(signed.bytes, keySet)).status).toBe("authentic");
  });
});
