// Bench section: size of the Worker bundle as `wrangler deploy --dry-run` builds it (offline: no
// metrics, no request.cf fetch, no account), raw and gzip-compressed, as Cloudflare counts the limit.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkerBundleSize {
  /** Every file wrangler wrote (modules, source maps excluded). */
  files: { name: string; bytes: number }[];
  rawBytes: number;
  gzipBytes: number;
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

export async function measureWorkerBundle(): Promise<WorkerBundleSize> {
  const outdir = await mkdtemp(join(tmpdir(), "edaran-worker-bundle-"));
  try {
    try {
      await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
        cwd: repoRoot,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CLOUDFLARE_API_TOKEN: "" },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (err) {
      // Show wrangler's own complaint (e.g. an import esbuild cannot resolve), without colour codes.
      const stderr = String((err as { stderr?: unknown }).stderr ?? "").replace(/\x1B\[[0-9;]*m/g, "");
      const lines = stderr.split("\n").filter((l) => l.trim() && !l.includes("npm warn"));
      throw new Error(`wrangler deploy --dry-run failed:\n${lines.slice(0, 30).join("\n")}`);
    }
    const names = (await listFiles(outdir)).filter((n) => !n.endsWith(".map") && !n.endsWith("README.md"));
    const files = await Promise.all(names.map(async (name) => ({ name, bytes: (await stat(join(outdir, name))).size })));
    const all = Buffer.concat(await Promise.all(names.map((n) => readFile(join(outdir, n)))));
    return { files, rawBytes: all.length, gzipBytes: gzipSync(all, { level: 9 }).length };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** Prints the bundle size; scripts/bench.ts calls it as a section. */
export async function benchWorkerBundle(log: (line: string) => void = (l) => console.log(l)): Promise<WorkerBundleSize> {
  const size = await measureWorkerBundle();
  log(`Worker bundle (wrangler deploy --dry-run): ${kib(size.rawBytes)} raw, ${kib(size.gzipBytes)} gzip`);
  for (const f of size.files) log(`  ${f.name}: ${kib(f.bytes)}`);
  return size;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWorkerBundle();
