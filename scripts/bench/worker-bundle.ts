// Bench section: size of the Worker bundle as `wrangler deploy --dry-run` builds it (offline: no
// metrics, no request.cf fetch, no account), raw and gzip-compressed as Cloudflare counts the limit,
// as configured and minified.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { z } from "zod";

const exec = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkerBundleSize {
  minified: boolean;
  rawBytes: number;
  gzipBytes: number;
  /** wrangler's own "Total Upload: … / gzip: …" line. */
  wranglerSays: string | null;
  /** Bytes each package (or src/ folder) puts in worker.js, from esbuild's metafile, largest first. */
  contributors: { name: string; bytes: number }[];
}

const metafileSchema = z.object({
  outputs: z.record(z.string(), z.object({ inputs: z.record(z.string(), z.object({ bytesInOutput: z.number() })) })),
});

/** node_modules/@scope/name/… → @scope/name, node_modules/name/… → name, src/a/b/… → src/a/b. */
function contributorOf(input: string): string {
  const at = input.lastIndexOf("node_modules/");
  if (at < 0)
    return input
      .replace(/^(\.\.\/)+/, "")
      .split("/")
      .slice(0, 3)
      .join("/");
  const parts = input.slice(at + "node_modules/".length).split("/");
  return parts[0]?.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? input);
}

function contributors(metafile: string): { name: string; bytes: number }[] {
  const meta = metafileSchema.parse(JSON.parse(metafile));
  const by = new Map<string, number>();
  for (const out of Object.values(meta.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const name = contributorOf(input);
      by.set(name, (by.get(name) ?? 0) + bytesInOutput);
    }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const stripAnsi = (s: string) => s.replace(/\x1B\[[0-9;]*m/g, "");

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

export async function measureWorkerBundle(opts: { minify?: boolean } = {}): Promise<WorkerBundleSize> {
  const outdir = await mkdtemp(join(tmpdir(), "edaran-worker-bundle-"));
  try {
    let stdout: string;
    try {
      const args = ["wrangler", "deploy", "--dry-run", "--outdir", outdir, "--metafile", join(outdir, "meta.json")];
      if (opts.minify) args.push("--minify");
      ({ stdout } = await exec("npx", args, {
        cwd: repoRoot,
        env: {
          ...process.env,
          WRANGLER_SEND_METRICS: "false",
          CLOUDFLARE_CF_FETCH_ENABLED: "false",
          CLOUDFLARE_API_TOKEN: "",
        },
        maxBuffer: 16 * 1024 * 1024,
      }));
    } catch (err) {
      // Show wrangler's own complaint (e.g. an import esbuild cannot resolve).
      const lines = stripAnsi(String((err as { stderr?: unknown }).stderr ?? ""))
        .split("\n")
        .filter((l) => l.trim() && !l.includes("npm warn"));
      throw new Error(`wrangler deploy --dry-run failed:\n${lines.slice(0, 30).join("\n")}`);
    }
    // The modules wrangler would upload: everything but source maps and its README.
    const names = (await listFiles(outdir)).filter(
      (n) => !n.endsWith(".map") && n !== "README.md" && n !== "meta.json",
    );
    const all = Buffer.concat(await Promise.all(names.map((n) => readFile(join(outdir, n)))));
    const said = /Total Upload:[^\n]*/.exec(stripAnsi(stdout));
    return {
      minified: opts.minify ?? false,
      rawBytes: all.length,
      gzipBytes: gzipSync(all, { level: 9 }).length,
      wranglerSays: said?.[0] ?? null,
      contributors: contributors(await readFile(join(outdir, "meta.json"), "utf8")),
    };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** Prints the bundle sizes; scripts/bench.ts calls it as a section. */
export async function benchWorkerBundle(
  log: (line: string) => void = (l) => console.log(l),
): Promise<WorkerBundleSize[]> {
  const sizes: WorkerBundleSize[] = [];
  for (const minify of [false, true]) {
    const size = await measureWorkerBundle({ minify });
    sizes.push(size);
    const label = minify ? "minified" : "as configured";
    log(`Worker bundle (wrangler deploy --dry-run, ${label}): ${kib(size.rawBytes)} raw, ${kib(size.gzipBytes)} gzip`);
    if (size.wranglerSays) log(`  wrangler: ${size.wranglerSays}`);
    if (minify)
      log(
        `  top 10 (minified, raw): ${size.contributors
          .slice(0, 10)
          .map((c) => `${c.name} ${kib(c.bytes)}`)
          .join(", ")}`,
      );
  }
  return sizes;
}

/** The section runner's shape; the bundle has one size, so tiny and full measure the same thing. */
export const run = async (ctx: { log: (line: string) => void }) => {
  await benchWorkerBundle(ctx.log);
};

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) await benchWorkerBundle();
