// `edaran make-key` prints a private JWK the Worker accepts as SIGNING_KEY_JWK / LOCAL_CA_KEY_JWK: it signs, and
// its public half verifies what it signed.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeKeyCommand } from "../../src/cli/make-key-command.js";
import {
  algOfJwk,
  importPrivateJwk,
  importPublicJwk,
  privateJwkSchema,
  signBytes,
  toPublicJwk,
  verifyBytes,
} from "../../src/sign/keys.js";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await makeKeyCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("edaran make-key", () => {
  for (const alg of ["Ed25519", "ECDSA-P256"] as const) {
    it(`prints one line of ${alg} private JWK that signs and verifies`, async () => {
      const { code, out } = await run(["--alg", alg]);
      expect(code).toBe(0);
      expect(out).toHaveLength(1);
      const jwk = privateJwkSchema.parse(JSON.parse(out[0] ?? ""));
      expect(algOfJwk(toPublicJwk(jwk))).toBe(alg);
      const message = new TextEncoder().encode("Surat Edaran");
      const signature = await signBytes(alg, await importPrivateJwk(jwk), message);
      expect(await verifyBytes(alg, await importPublicJwk(toPublicJwk(jwk)), signature, message)).toBe(true);
    });
  }

  it("makes a new key each time", async () => {
    const [a, b] = [await run([]), await run([])];
    expect(a.out[0]).not.toBe(b.out[0]);
  });

  it("refuses an unknown algorithm with exit code 2 and prints no key", async () => {
    const { code, out, err } = await run(["--alg", "RSA"]);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join("\n")).toContain("--alg harus Ed25519 atau ECDSA-P256");
  });

  it("is reachable as `npx edaran make-key` with only the JWK on stdout (pipeable into wrangler secret put)", () => {
    const root = join(import.meta.dirname, "../..");
    const r = spawnSync(process.execPath, [join(root, "bin/edaran.js"), "make-key", "--alg", "ECDSA-P256"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(privateJwkSchema.parse(JSON.parse(r.stdout)).kty).toBe("EC");
  });
});
