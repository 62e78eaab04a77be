// The whole app on workerd with no Cloudflare account: `wrangler d1 migrations apply --local` on a persisted local
// D1, the local Resend stand-in as the mail provider, and the Worker (wrangler.toml's top level: D1, R2, the Queue
// with its consumer, the cron) started by wrangler's unstable_startWorker as `wrangler dev --local` would.
// `npm run dev:worker` (scripts/dev-worker.ts) and the CI smoke test (test/e2e/dev-worker-smoke.test.ts) both
// start it through here, so the test walks exactly what a developer runs.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_startWorker } from "wrangler";
import { type ResendServer, startResendServer } from "../../test/support/resend-server.js";
import type { DevSecrets } from "./dev-secrets.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const configPath = join(repoRoot, "wrangler.toml");
const wranglerBin = join(repoRoot, "node_modules/wrangler/bin/wrangler.js");

/** Keeps wrangler and miniflare offline (no metrics, no request.cf fetch) and away from .dev.vars / .env. */
const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV: "false",
} as const;

export interface DevWorkerOptions {
  /** Local state (D1, R2, Queues) lives under <persistDir>/v3, the layout of `wrangler dev --persist-to`. */
  persistDir: string;
  secrets: DevSecrets;
  /** Port of the Worker; 0 picks a free one. PUBLIC_URL is http://127.0.0.1:<port>. */
  port: number;
  /** For a demo only: every seeded account gets this password (else they are invited; /pasang makes the admin). */
  seedPassword?: string;
  /** Extra plain-text vars for the Worker (e.g. PASSWORD_ITERATIONS for a quick test). */
  vars?: Record<string, string>;
  /** Requests per second the stand-in allows before answering 429, as Resend's team limit; 2 when unset. */
  resendRateLimit?: number;
  /** wrangler's log level for the Worker's console output and request lines. */
  logLevel?: "log" | "warn" | "error" | "none";
  /** Where the migration command's output goes; dropped when unset. */
  onMigrateOutput?: (text: string) => void;
}

export interface DevWorker {
  /** The Worker's own URL, also its PUBLIC_URL. */
  url: string;
  resend: ResendServer;
  /**
   * Runs the Worker's scheduled handler (the Cron Trigger) as if at `time`, over HTTP through the trigger URL
   * `--test-scheduled` opens; "ok" or "exception".
   */
  scheduled(time: Date): Promise<string>;
  close(): Promise<void>;
}

/** The trigger path of `wrangler dev --test-scheduled`, for the cron of wrangler.toml at `time`. */
export function scheduledPath(time?: Date): string {
  const path = `/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/30 * * * *")}`;
  return time ? `${path}&time=${time.getTime()}` : path;
}

/** `wrangler d1 migrations apply edaran --local`, as a developer types it; throws with its output if it fails. */
export async function applyLocalMigrations(persistDir: string, onOutput?: (text: string) => void): Promise<void> {
  const args = [wranglerBin, "d1", "migrations", "apply", "edaran", "--local", "--persist-to", persistDir];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    // CI=1: no confirmation prompt, no colours.
    env: { ...process.env, ...OFFLINE_ENV, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    onOutput?.(chunk.toString("utf8"));
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${code}):\n${output.slice(-2000)}`);
}

/** A port free right now, so PUBLIC_URL can name the Worker's address before the Worker starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export async function startDevWorker(opts: DevWorkerOptions): Promise<DevWorker> {
  Object.assign(process.env, OFFLINE_ENV);
  mkdirSync(opts.persistDir, { recursive: true });
  await applyLocalMigrations(opts.persistDir, opts.onMigrateOutput);
  const resend = await startResendServer({ rateLimitPerSecond: opts.resendRateLimit ?? 2 });
  try {
    const port = opts.port || (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const vars: Record<string, string> = {
      ...opts.secrets,
      PUBLIC_URL: url,
      // Any token passes the stand-in; a real key never reaches this machine's Worker.
      RESEND_API_KEY: "re_dev_local_stand_in",
      RESEND_BASE_URL: resend.url,
      ...(opts.seedPassword ? { SEED_PASSWORD: opts.seedPassword } : {}),
      ...opts.vars,
    };
    const worker = await unstable_startWorker({
      config: configPath,
      // A file that does not exist: wrangler then reads neither .dev.vars nor .env, so a developer's own
      // secrets (a real RESEND_API_KEY, BSRE_URL) cannot slip into the offline run.
      envFiles: [join(opts.persistDir, "no-env-file")],
      // Given again: started this way, wrangler does not take the node:* polyfill mode from the config's flags.
      compatibilityFlags: ["nodejs_compat"],
      build: { nodejsCompatMode: "v2" },
      bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: "plain_text", value }])),
      dev: {
        remote: false,
        persist: opts.persistDir,
        inspector: false,
        server: { hostname: "127.0.0.1", port },
        watch: false,
        testScheduled: true,
        logLevel: opts.logLevel ?? "log",
      },
    });
    try {
      await worker.ready;
    } catch (err) {
      await worker.dispose().catch(() => {});
      throw err;
    }
    return {
      url,
      resend,
      async scheduled(time) {
        // worker.scheduled() looks the Worker up under a name miniflare does not know; the HTTP trigger works.
        const res = await fetch(`${url}${scheduledPath(time)}`);
        return res.text();
      },
      async close() {
        await worker.dispose();
        await resend.close();
      },
    };
  } catch (err) {
    await resend.close();
    throw new Error(`the Worker did not start on workerd: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}
