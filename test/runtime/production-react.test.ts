// Emails render with React's production build on both runtimes: on Node however the process was started
// (NODE_ENV unset, as `npm start` runs it), and in the Worker bundle whatever NODE_ENV the building shell has.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const probe = fileURLToPath(new URL("../support/react-builds-on-exit.mjs", import.meta.url));

/**
 * The React builds `npm start` (src/runtime/node.ts under tsx) has loaded once it has rendered an email (React is
 * loaded on the first one: the dev preview route renders it here), read as it exits on SIGTERM; NODE_ENV as given
 * (undefined: unset).
 */
async function reactBuildsOnNode(nodeEnv: string | undefined): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), "edaran-react-node-"));
  const { NODE_ENV: _ignored, ...env } = process.env;
  try {
    const proc = spawn(process.execPath, ["--import", "tsx", "--import", probe, "src/runtime/node.ts"], {
      cwd: repoRoot,
      env: {
        ...env,
        ...(nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv }),
        DATA_DIR: dataDir,
        PORT: "0",
        SEED_PASSWORD: "uji-coba-rahasia",
        PASSWORD_ITERATIONS: "1000",
        DEV_ROUTES: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    proc.stderr.on("data", (d) => {
      err += d;
    });
    const exited = new Promise<void>((resolve) => proc.on("exit", () => resolve()));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on("data", (d) => {
        out += d;
        if (out.includes("edaran is serving")) resolve();
      });
      proc.on("exit", () => reject(new Error(`node.ts exited before serving: ${err.slice(0, 2000)}`)));
    });
    const port = /listening on [^\n]*:(\d+)\)/.exec(out)?.[1];
    const preview = await fetch(`http://127.0.0.1:${port}/dev/emails/letter`);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("800.1.2.3/123/BKPSDM.II/2024");
    proc.kill("SIGTERM");
    await exited;
    const line = out.split("\n").find((l) => l.startsWith("REACT_BUILDS "));
    if (!line) throw new Error(`no REACT_BUILDS line: ${out}`);
    const files: unknown = JSON.parse(line.slice("REACT_BUILDS ".length));
    if (!Array.isArray(files)) throw new Error(`unexpected probe output: ${line}`);
    return files.map(String);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const names = (files: string[]) => [...new Set(files.map((f) => f.split(/[\\/]/).at(-1) ?? f))].sort();
const builds = (files: string[]) => new Set(names(files).map((n) => /\.(development|production)\.js$/.exec(n)?.[1]));

describe("React build for emails", () => {
  it("loads only production builds on Node when NODE_ENV is unset", async () => {
    const files = await reactBuildsOnNode(undefined);
    expect(names(files)).toContain("react.production.js");
    expect(builds(files)).toEqual(new Set(["production"]));
  });

  it("leaves an operator's own NODE_ENV=development alone (which shows the probe sees the build)", async () => {
    expect(builds(await reactBuildsOnNode("development"))).toEqual(new Set(["development"]));
  });

  it("bundles only production builds into the Worker, even from a shell with NODE_ENV=development", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "edaran-react-bundle-"));
    try {
      await exec("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
        cwd: repoRoot,
        env: {
          ...process.env,
          NODE_ENV: "development",
          WRANGLER_SEND_METRICS: "false",
          CLOUDFLARE_CF_FETCH_ENABLED: "false",
          CLOUDFLARE_API_TOKEN: "",
        },
        maxBuffer: 16 * 1024 * 1024,
      });
      // esbuild names every bundled module in a comment; a build left out by the define leaves no name.
      const bundle = await readFile(join(outdir, "worker.js"), "utf8");
      const bundled = bundle.match(/node_modules\/react(?:-dom)?\/cjs\/[\w.-]+\.js/g) ?? [];
      expect(names(bundled)).toContain("react-dom-server.edge.production.js");
      expect(builds(bundled)).toEqual(new Set(["production"]));
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  }, 180_000);
});
