// The Worker (src/runtime/worker.ts, wrangler.toml's [env.test]: no background Queue consumer) in a local workerd,
// bundled and started by wrangler's unstable_startWorker as `wrangler dev` would, offline, on a fresh persisted D1
// migrated from src/store/migrations the way `wrangler d1 migrations apply` splits them. cpuMs() reads the workerd
// processes' user + system CPU time from /proc, so a request's CPU can be read from outside: workerd's own timers
// stand still while a request computes, so timing inside the Worker reads 0.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getPlatformProxy, unstable_splitSqlQuery, unstable_startWorker } from "wrangler";
import type { Fetch } from "./sign-flow.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const configPath = join(repoRoot, "wrangler.toml");
const migrationsDir = join(repoRoot, "src/store/migrations");

export interface LocalWorker {
  fetch: Fetch;
  /** CPU time (user + system) of this run's workerd processes so far, in ms; null where /proc cannot tell. */
  cpuMs(): number | null;
  close(): Promise<void>;
}

interface D1Like {
  prepare(sql: string): unknown;
  batch(statements: unknown[]): Promise<unknown>;
}

async function migrate(persistDir: string): Promise<void> {
  // unstable_startWorker keeps its state under <dev.persist>/v3; getPlatformProxy's path is the state folder itself.
  const proxy = await getPlatformProxy<{ DB: D1Like }>({
    configPath,
    environment: "test",
    persist: { path: join(persistDir, "v3") },
  });
  try {
    for (const file of readdirSync(migrationsDir).sort()) {
      const statements = unstable_splitSqlQuery(readFileSync(join(migrationsDir, file), "utf8"));
      await proxy.env.DB.batch(statements.map((s) => proxy.env.DB.prepare(s)));
    }
  } finally {
    await proxy.dispose();
  }
}

/** The workerd processes started by this Node process (miniflare's), by parent pid; Linux only. */
function workerdCpuMs(): number | null {
  let total = 0;
  let found = false;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // the process ended meanwhile
      }
      // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its closing parenthesis.
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (comm !== "workerd" || Number(fields[1]) !== process.pid) continue;
      found = true;
      // utime and stime are fields 14 and 15 of stat, in clock ticks (USER_HZ, 100 on Linux).
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    }
  } catch {
    return null;
  }
  return found ? total : null;
}

export async function startLocalWorker(secrets: Record<string, string>): Promise<LocalWorker> {
  process.env.WRANGLER_SEND_METRICS = "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  const persistDir = await mkdtemp(join(tmpdir(), "edaran-bench-workerd-"));
  try {
    await migrate(persistDir);
    const worker = await unstable_startWorker({
      config: configPath,
      env: "test",
      // Given again: started this way, wrangler does not take the node:* polyfill mode from the config's flags.
      compatibilityFlags: ["nodejs_compat"],
      build: { nodejsCompatMode: "v2" },
      bindings: Object.fromEntries(Object.entries(secrets).map(([k, value]) => [k, { type: "plain_text", value }])),
      dev: {
        persist: persistDir,
        inspector: false,
        server: { hostname: "127.0.0.1", port: 0 },
        watch: false,
        logLevel: "error",
      },
    });
    await worker.ready;
    return {
      // The Worker's PUBLIC_URL origin ([env.test.vars]), so the session cookie's and the links' origin match.
      fetch: async (path, init) => {
        const res = await worker.fetch(`https://edaran.test${path}`, init);
        // cast: miniflare's undici Response and the global one are the same web Response at run time
        return res as unknown as Response;
      },
      cpuMs: workerdCpuMs,
      close: async () => {
        await worker.dispose();
        await rm(persistDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(persistDir, { recursive: true, force: true });
    throw err;
  }
}
