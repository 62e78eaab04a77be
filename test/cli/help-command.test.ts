// `edaran --help` shows the usage and succeeds; no command or an unknown one is a usage error (exit 2).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands, main } from "../../src/cli/edaran.js";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("edaran help", () => {
  for (const flag of ["--help", "-h", "help"]) {
    it(`prints the usage with every command to stdout and exits 0 for ${flag}`, async () => {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toMatch(/^Pemakaian: edaran <perintah>/);
      for (const name of Object.keys(commands)) expect(r.out).toContain(`edaran ${name}`);
    });
  }

  it("exits 2 with the usage on stderr for an unknown command", async () => {
    const r = await run(["kirim"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("Perintah tidak dikenal: kirim");
    expect(r.err).toContain("Pemakaian: edaran");
  });

  it("exits 2 with the usage on stderr when no command is given", async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Pemakaian: edaran");
  });

  it("exits 0 for --help and 2 for an unknown command through the installed bin", () => {
    const bin = join(import.meta.dirname, "../../bin/edaran.js");
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Pemakaian: edaran");
    const unknown = spawnSync(process.execPath, [bin, "bogus"], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Perintah tidak dikenal: bogus");
  });
});
