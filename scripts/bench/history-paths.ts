// Bench (issue #13): every hot path on a database with history, against bare Hono + better-sqlite3 doing the same
// SQL. Per size (100, 1,000 and 5,000 sent letters × 60 OPDs; tiny: 5 × 6) it seeds a fresh data folder once
// (history/seed-history.ts), starts the product and the bare reference each in its own server process on that
// file, and drives each path from a load client in a third process over keep-alive sockets (history/load-child.ts).
// The outbox claim is timed in-process (it is the sender's query). Prints one line per path and size, then the
// table: product ms per request, bare ms, product/bare, and the product at each size against itself at the first.
import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchContext, sized } from "./context.js";
import type { LoadJob, LoadReport, LoadRequest } from "./history/load-child.js";
import { benchOutboxClaim } from "./history/outbox-claim.js";
import { BENCH_PASSWORD, type SeededHistory, seedHistory } from "./history/seed-history.js";
import type { ServerMemory } from "./history/serve-child.js";

const CONCURRENCY = 8;
const here = (file: string) => new URL(`./history/${file}`, import.meta.url).pathname;

/** A TypeScript child under tsx, with an IPC channel. */
function forkTs(file: string, args: string[] = []): ChildProcess {
  return fork(here(file), args, { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/** The next message of `child` that has `key`; rejects if the child exits first. */
function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      // cast: the children send the shapes their files declare; `key` tells which one this is.
      resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`bench child exited (${code}) before sending ${key}`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

async function startServer(mode: "product" | "bare", dataDir: string, seq: number) {
  const child = forkTs("serve-child.ts", [mode, dataDir, String(seq)]);
  const { port } = await nextMessage<{ port: number }>(child, "port");
  return {
    base: `http://127.0.0.1:${port}`,
    memory: async () => {
      const reply = nextMessage<{ memory: ServerMemory }>(child, "memory");
      child.send({ memory: true });
      return (await reply).memory;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ stop: true });
      await exited;
    },
  };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`bench login ${username}: ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

interface PathCase {
  name: string;
  /** The i-th request, for the product (with its session) or the bare reference. */
  request: (i: number, target: "product" | "bare") => LoadRequest;
  /** How many distinct requests exist (acknowledgements use each token once); Infinity for reads. */
  limit?: number;
}

function pathCases(seed: SeededHistory, cookies: { sek: string; insp: string }): PathCase[] {
  const get = (path: string, who: "sek" | "insp") => (_i: number, target: "product" | "bare") => ({
    method: "GET",
    path,
    ...(target === "product" ? { headers: { cookie: cookies[who] } } : {}),
  });
  const id = encodeURIComponent(seed.letterId);
  // Product and bare acknowledge different recipients: each token's first acknowledgement is the measured one.
  const half = Math.floor(seed.openTokens.length / 2);
  return [
    { name: "letter list GET /api/letters", request: get("/api/letters?limit=20", "sek") },
    { name: "landing page after login /surat", request: get("/surat", "sek") },
    { name: "letter page / matrix /inspektorat/surat/{id}", request: get(`/inspektorat/surat/${id}`, "insp") },
    { name: "status GET /api/letters/{id}/recipients", request: get(`/api/letters/${id}/recipients`, "sek") },
    {
      name: "printable report /inspektorat/surat/{id}/laporan",
      request: get(`/inspektorat/surat/${id}/laporan`, "insp"),
    },
    { name: "OPD history page /inspektorat/opd?opd=", request: get(`/inspektorat/opd?opd=${seed.opdId}`, "insp") },
    { name: "GET /api/audit/verify", request: get("/api/audit/verify", "insp") },
    {
      name: "POST /api/ack/{token}",
      limit: half,
      request: (i, target) => ({
        method: "POST",
        path: `/api/ack/${seed.openTokens[target === "product" ? i : half + i]}`,
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ name: "Kepala Bench", position: "Kepala Dinas" }),
      }),
    },
  ];
}

export interface PathFigure {
  path: string;
  letters: number;
  product: LoadReport;
  bare: LoadReport;
  /** Peak RSS of each server process while this path ran, MiB. */
  productPeakMiB: number;
  barePeakMiB: number;
}

/** The peak between two reports: the new high-water mark if the path set one, else the highest sample. */
const peakBetween = (before: ServerMemory, after: ServerMemory) =>
  after.maxRssMiB > before.maxRssMiB ? after.maxRssMiB : after.sampledPeakMiB;

const msPer = (r: LoadReport) => 1000 / r.perSecond;
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

async function drive(client: ChildProcess, job: LoadJob): Promise<LoadReport> {
  const reply = nextMessage<LoadReport>(client, "failures");
  client.send(job);
  const r = await reply;
  if (r.failures.length) throw new Error(`bench ${job.base}: ${r.failures.join("; ")}`);
  if (r.requests === 0) throw new Error(`bench ${job.base}: no request was measured`);
  return r;
}

export async function benchHistoryPaths(ctx: BenchContext = { log: console.log, size: "full" }): Promise<PathFigure[]> {
  const { log } = ctx;
  const sizes = ctx.size === "full" ? [100, 1_000, 5_000] : [5];
  const opds = sized(ctx, 60, 6);
  const maxRequests = sized(ctx, 2_000, 6);
  const warmUp = sized(ctx, 30, 2);
  const budgetMs = sized(ctx, 4_000, 2_000);
  const figures: PathFigure[] = [];
  const claims: { letters: number; product: number; bare: number }[] = [];
  const rss: { letters: number; product: number; bare: number; productStart: number; bareStart: number }[] = [];
  const client = forkTs("load-child.ts");
  try {
    for (const letters of sizes) {
      const dir = await mkdtemp(join(tmpdir(), "edaran-bench-history-"));
      try {
        const seed = await seedHistory(dir, { letters, opds });
        log(
          `${letters} letters × ${opds} OPDs: ${seed.recipients} recipients, ${seed.auditRows} audit rows, ` +
            `seeded in ${(seed.seedMs / 1000).toFixed(1)} s (checkpoint at #${seed.checkpointSeq}: ${(seed.checkpointMs / 1000).toFixed(1)} s)`,
        );
        const claim = await benchOutboxClaim(dir, sized(ctx, 200, 3));
        claims.push({ letters, product: claim.product.medianMs, bare: claim.bare.medianMs });
        log(
          `  outbox claim of ${claim.claimed} pending rows (in-process): product median ${ms(claim.product.medianMs)} ms ` +
            `p95 ${ms(claim.product.p95Ms)} | bare ${ms(claim.bare.medianMs)} ms | ${(claim.product.medianMs / claim.bare.medianMs).toFixed(1)}×`,
        );
        const product = await startServer("product", dir, seed.checkpointSeq);
        const bare = await startServer("bare", dir, seed.checkpointSeq);
        try {
          const productStart = await product.memory();
          const bareStart = await bare.memory();
          log(
            `  server RSS after start-up: product ${productStart.rssMiB.toFixed(0)} MiB (heap ${productStart.heapUsedMiB.toFixed(0)}) | bare ${bareStart.rssMiB.toFixed(0)} MiB`,
          );
          const cookies = {
            sek: await login(product.base, "sekretariat"),
            insp: await login(product.base, "inspektorat"),
          };
          for (const c of pathCases(seed, cookies)) {
            const total = Math.min(maxRequests + warmUp, c.limit ?? Number.POSITIVE_INFINITY);
            const job = (target: "product" | "bare", base: string): LoadJob => {
              const all = Array.from({ length: total }, (_, i) => c.request(i, target));
              return {
                base,
                concurrency: CONCURRENCY,
                warmUp: all.slice(0, warmUp),
                requests: all.slice(warmUp),
                budgetMs,
              };
            };
            const pBefore = await product.memory();
            const p = await drive(client, job("product", product.base));
            const productPeakMiB = peakBetween(pBefore, await product.memory());
            const bBefore = await bare.memory();
            const b = await drive(client, job("bare", bare.base));
            const barePeakMiB = peakBetween(bBefore, await bare.memory());
            figures.push({ path: c.name, letters, product: p, bare: b, productPeakMiB, barePeakMiB });
            log(
              `  ${c.name}: product ${p.perSecond.toFixed(0)} req/s, ${ms(msPer(p))} ms/req, p50 ${ms(p.p50Ms)} p95 ${ms(p.p95Ms)} p99 ${ms(p.p99Ms)} ms, ${(p.bytes / 1024).toFixed(1)} KiB` +
                ` | bare ${b.perSecond.toFixed(0)} req/s, p50 ${ms(b.p50Ms)} ms | product/bare ${(msPer(p) / msPer(b)).toFixed(1)}× (${p.requests} + ${b.requests} req)` +
                ` | peak RSS product ${productPeakMiB.toFixed(0)} MiB, bare ${barePeakMiB.toFixed(0)} MiB`,
            );
          }
          rss.push({
            letters,
            product: (await product.memory()).maxRssMiB,
            bare: (await bare.memory()).maxRssMiB,
            productStart: productStart.rssMiB,
            bareStart: bareStart.rssMiB,
          });
        } finally {
          await product.stop();
          await bare.stop();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    client.kill();
  }

  // The table, path × size: product ms per request (1 / throughput at CONCURRENCY in flight), bare, their ratio,
  // and the product against itself at the first size.
  const first = sizes[0] ?? 0;
  log("");
  log(
    `| path | ${sizes.map((s) => `${s.toLocaleString("en")} letters`).join(" | ")} | own ${sizes.at(-1)?.toLocaleString("en")}/${first} |`,
  );
  log(`| --- | ${sizes.map(() => "---").join(" | ")} | --- |`);
  const names = [...new Set(figures.map((f) => f.path))];
  for (const name of names) {
    const cells = sizes.map((s) => {
      const f = figures.find((x) => x.path === name && x.letters === s);
      return f
        ? `${ms(msPer(f.product))} ms (bare ${ms(msPer(f.bare))}, ${(msPer(f.product) / msPer(f.bare)).toFixed(1)}×)`
        : "-";
    });
    const a = figures.find((x) => x.path === name && x.letters === first);
    const z = figures.find((x) => x.path === name && x.letters === sizes.at(-1));
    log(
      `| ${name} | ${cells.join(" | ")} | ${a && z ? `${(msPer(z.product) / msPer(a.product)).toFixed(2)}×` : "-"} |`,
    );
  }
  const claimCells = sizes.map((s) => {
    const c = claims.find((x) => x.letters === s);
    return c ? `${ms(c.product)} ms (bare ${ms(c.bare)}, ${(c.product / c.bare).toFixed(1)}×)` : "-";
  });
  const c0 = claims[0];
  const cz = claims.at(-1);
  log(
    `| outbox claim of 50, in-process median | ${claimCells.join(" | ")} | ${c0 && cz ? `${(cz.product / c0.product).toFixed(2)}×` : "-"} |`,
  );
  log(
    `| RSS of the server process after start-up | ${sizes
      .map((s) => {
        const r = rss.find((x) => x.letters === s);
        return r ? `${r.productStart.toFixed(0)} MiB (bare ${r.bareStart.toFixed(0)})` : "-";
      })
      .join(" | ")} | |`,
  );
  log(
    `| peak RSS of the server process | ${sizes
      .map((s) => {
        const r = rss.find((x) => x.letters === s);
        return r ? `${r.product.toFixed(0)} MiB (bare ${r.bare.toFixed(0)})` : "-";
      })
      .join(" | ")} | |`,
  );
  // Peak RSS per path: which path, if any, lifts the server above its start-up figure.
  log("");
  log(
    `| peak RSS while the path runs, product (bare) | ${sizes.map((s) => `${s.toLocaleString("en")} letters`).join(" | ")} |`,
  );
  log(`| --- | ${sizes.map(() => "---").join(" | ")} |`);
  for (const name of names) {
    const cells = sizes.map((s) => {
      const f = figures.find((x) => x.path === name && x.letters === s);
      return f ? `${f.productPeakMiB.toFixed(0)} MiB (${f.barePeakMiB.toFixed(0)})` : "-";
    });
    log(`| ${name} | ${cells.join(" | ")} |`);
  }
  return figures;
}

/** The section runner's shape (scripts/bench.ts). */
export const run = async (ctx: BenchContext) => {
  await benchHistoryPaths(ctx);
};

// `npx tsx scripts/bench/history-paths.ts [tiny]` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchHistoryPaths({ log: console.log, size: process.argv[2] === "tiny" ? "tiny" : "full" });
}
