import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/edaran.js";
import { SAMPLE_PATH } from "../support/sample-input-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "edaran-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("edaran render", () => {
  it("writes the DOCX for a good input and says where", async () => {
    const target = join(dir, "se.docx");
    const r = await run(["render", SAMPLE_PATH.pathname, "-o", target, "--nomor", "2185"]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain(target);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(target))))).toContain("word/document.xml");
  });

  it("exits 2 and writes nothing on a schema violation, listing each problem with its path", async () => {
    const bad = JSON.parse(readFileSync(SAMPLE_PATH, "utf8")) as Record<string, unknown>;
    delete bad.tentang;
    (bad.issuer as Record<string, unknown>).nip = "12345";
    const input = join(dir, "bad.json");
    writeFileSync(input, JSON.stringify(bad));
    const target = join(dir, "bad.docx");
    const r = await run(["render", input, "-o", target]);
    expect(r.code).toBe(2);
    expect(existsSync(target)).toBe(false);
    expect(r.err).toContain("tentang: Tentang (judul surat) wajib diisi");
    expect(r.err.some((l) => l.startsWith("issuer.nip: NIP harus 18 digit"))).toBe(true);
  });

  it("exits 2 and writes nothing on broken JSON", async () => {
    const input = join(dir, "broken.json");
    writeFileSync(input, '{ "tentang": ');
    const target = join(dir, "broken.docx");
    const r = await run(["render", input, "-o", target]);
    expect(r.code).toBe(2);
    expect(existsSync(target)).toBe(false);
    expect(r.err.join("\n")).toMatch(/bukan JSON yang valid/);
  });

  it("refuses an unknown subcommand", async () => {
    const r = await run(["kirim"]);
    // A usage error, like the subcommands' own argument errors.
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(/Perintah tidak dikenal: kirim/);
  });
});
