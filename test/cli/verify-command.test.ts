import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCommand } from "../../src/cli/verify-command.js";
import type { KeySet } from "../../src/sign/key-set.js";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { signDocx } from "../../src/sign/sign-docx.js";
import { makeTinyDocx } from "../support/docx-fixture.js";
import { convertWithLibreOffice } from "../support/libreoffice.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-verify-cli-"));
const signedPath = join(dir, "surat.docx");
const editedPath = join(dir, "surat-diubah.docx");
const keysPath = join(dir, "edaran-keys.json");
let keySet: KeySet;
let kid: string;
let server: Server;
let baseUrl: string;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await verifyCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  const key = await generateSigningKeyPair();
  kid = key.kid;
  const signed = await signDocx(makeTinyDocx(), {
    privateKey: key.privateKey,
    kid: key.kid,
    alg: key.alg,
    letterId: "01HZXLETTER0001",
    nomor: "800.1.4/123/BKPSDM.II/2024",
    signedAt: "2024-05-01T02:03:04.000Z",
  });
  writeFileSync(signedPath, signed.bytes);
  const edited = signed.bytes.slice();
  edited[40] = edited[40]! ^ 1;
  writeFileSync(editedPath, edited);
  keySet = { keys: [{ kid: key.kid, alg: key.alg, jwk: key.publicJwk, createdAt: "2024-01-01T00:00:00.000Z" }] };
  writeFileSync(keysPath, JSON.stringify(keySet));
  server = createServer((req, res) => {
    if (req.url === "/.well-known/edaran-keys.json") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(keySet));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("edaran verify", () => {
  it("prints the nomor, signer key and time and says AUTENTIK (exit 0) for the signed file", async () => {
    const r = await run([signedPath, "--keys", keysPath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("800.1.4/123/BKPSDM.II/2024");
    expect(r.out).toContain(kid);
    expect(r.out).toContain("1 Mei 2024 pukul 09.03 WIB");
    expect(r.out).toMatch(/Hasil\s+: AUTENTIK/);
  });

  it("says TIDAK COCOK (exit 1) for a copy with one byte changed", async () => {
    const r = await run([editedPath, "--keys", keysPath]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Hasil\s+: TIDAK COCOK/);
    expect(r.out).not.toContain("AUTENTIK");
  });

  it("reads the key set from a URL, or from a site's well-known address", async () => {
    expect((await run([signedPath, "--keys", `${baseUrl}/.well-known/edaran-keys.json`])).code).toBe(0);
    expect((await run([signedPath, "--keys", baseUrl])).code).toBe(0);
  });

  it("says TIDAK COCOK when the signing key is not in the key set", async () => {
    const emptyKeys = join(dir, "kosong.json");
    writeFileSync(emptyKeys, JSON.stringify({ keys: [] }));
    const r = await run([signedPath, "--keys", emptyKeys]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("tidak dikenal");
  });

  it("exits 2 with the usage for missing arguments, an unreadable file or keys that cannot be loaded", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run([signedPath])).code).toBe(2);
    const usage = await run([signedPath, "--bogus"]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("Pemakaian");
    expect((await run([join(dir, "tidak-ada.docx"), "--keys", keysPath])).code).toBe(2);
    expect((await run([signedPath, "--keys", join(dir, "tidak-ada.json")])).code).toBe(2);
    expect((await run([signedPath, "--keys", `${baseUrl}/salah.json`])).code).toBe(2);
  });

  it("exits 1 and says it is not a signed PDF for a PDF printed from the genuine file, instead of TIDAK COCOK", async () => {
    const pdf = convertWithLibreOffice(signedPath, "pdf", dir);
    const r = await run([pdf, "--keys", keysPath]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Hasil\s+: BUKAN PDF BERTANDA TANGAN/);
    expect(r.out).toContain("tidak memuat tanda tangan elektronik");
    expect(r.out).not.toContain("TIDAK COCOK");
  });

  it("exits 2 for a file that is neither DOCX nor PDF, naming what it checks", async () => {
    const scan = join(dir, "pindaian.png");
    writeFileSync(scan, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const r = await run([scan, "--keys", keysPath]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/Hasil\s+: BUKAN DOCX ATAU PDF/);
    expect(r.out).toContain("DOCX atau PDF");
  });

  it("exits 1 for a DOCX without the signature (a DOCX that does not match), saying it carries no signature", async () => {
    const unsigned = join(dir, "tanpa-tanda-tangan.docx");
    writeFileSync(unsigned, makeTinyDocx());
    const r = await run([unsigned, "--keys", keysPath]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Hasil\s+: BUKAN DOCX BERTANDA TANGAN/);
    expect(r.out).toContain("tidak memuat tanda tangan elektronik");
  });

  it("says TIDAK COCOK (exit 1) for a damaged DOCX whose zip cannot be read", async () => {
    const damaged = join(dir, "rusak.docx");
    const bytes = new Uint8Array(await import("node:fs").then((fs) => fs.readFileSync(signedPath)));
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 30));
    const r = await run([damaged, "--keys", keysPath]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Hasil\s+: TIDAK COCOK/);
  });
});
