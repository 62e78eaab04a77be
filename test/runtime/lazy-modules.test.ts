// A server starts without the packages only some paths need (React Email, docx, pdf-lib, fontkit, resvg): each costs
// several MiB to tens of MiB of every process's memory (issue #13), so each is loaded on its first use.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const support = (file: string) => fileURLToPath(new URL(`../support/${file}`, import.meta.url));

/** The packages loaded in each phase of lazy-modules-child.ts: start-up, then each first use. */
async function packagesByPhase(): Promise<Map<string, Set<string>>> {
  const dir = await mkdtemp(join(tmpdir(), "edaran-lazy-modules-"));
  const listFile = join(dir, "modules.txt");
  try {
    await exec(
      process.execPath,
      ["--import", support("record-loaded-modules.mjs"), "--import", "tsx", support("lazy-modules-child.ts"), dir],
      { cwd: repoRoot, env: { ...process.env, LOADED_MODULES_FILE: listFile }, maxBuffer: 16 * 1024 * 1024 },
    );
    const phases = new Map<string, Set<string>>();
    let current = new Set<string>();
    for (const line of (await readFile(listFile, "utf8")).split("\n")) {
      if (line.startsWith("--- ")) {
        phases.set(line.slice(4), current);
        current = new Set();
        continue;
      }
      const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1];
      if (pkg) current.add(pkg);
    }
    return phases;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("packages loaded on first use", () => {
  it("starts without React Email, docx, pdf-lib, fontkit and resvg, and loads each when it is first needed", async () => {
    const phases = await packagesByPhase();
    const started = phases.get("started");
    // The hooks see packages at all: the store's query builder is loaded at start-up.
    expect(started).toContain("kysely");
    for (const lazy of [
      "@react-email/components",
      "@react-email/render",
      "react",
      "docx",
      "pdf-lib",
      "fontkit",
      "@resvg/resvg-wasm",
    ])
      expect(started, lazy).not.toContain(lazy);
    expect(phases.get("email")).toContain("@react-email/components");
    expect(phases.get("docx")).toContain("docx");
    expect(phases.get("pdf")).toContain("pdf-lib");
    expect(phases.get("pdf")).toContain("fontkit");
  }, 120_000);
});
