// Bench: the sign step of a letter inside workerd, against the same step on Node. The real flow through the API
// (scripts/bench/sign-flow.ts: seeded accounts, draft the sample, paraf, approve, sign with the passphrase), so the
// sign request does all a real one does: check the passphrase, render and sign the DOCX, render our PDF and
// PAdES-sign it with the signer's own certificate (key unlocked with PBKDF2), store both, audit. Timed from
// outside the Worker (workerd's timers stand still during CPU work): the request's wall time on a local workerd
// is an upper bound of its CPU time, and so is the workerd processes' CPU time over the request, read from /proc
// (it also counts the local D1 and R2 that miniflare runs in the same processes).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { type BenchContext, sized } from "./context.js";
import { startLocalWorker } from "./local-worker.js";
import { type Fetch, startSignFlow } from "./sign-flow.js";
import { fmt, summarize } from "./stats.js";

const SEED_PASSWORD = "bench-rahasia-123";
/** Workers Paid: 30 s of CPU per request by default, up to 5 min with `limits.cpu_ms`; Workers Free: 10 ms. */
const PAID_CPU_MS = 30_000;
const FREE_CPU_MS = 10;

interface SignTimes {
  /** The first sign also creates the local CA and issues the signer's certificate (key pair, PBKDF2, X.509). */
  firstMs: number;
  wallMs: number[];
  cpuMs: number[];
}

async function signLetters(fetch: Fetch, n: number, cpuMs: () => number | null): Promise<SignTimes> {
  const flow = await startSignFlow(fetch, SEED_PASSWORD);
  const firstMs = await flow.signOneLetter();
  const wallMs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = cpuMs();
    wallMs.push(await flow.signOneLetter());
    const after = cpuMs();
    if (before !== null && after !== null) cpu.push(after - before);
  }
  return { firstMs, wallMs, cpuMs: cpu };
}

export async function run(ctx: BenchContext): Promise<void> {
  const { log } = ctx;
  const n = sized(ctx, 20, 1);
  // Production's PBKDF2 count (workerd's maximum) for the login and passphrase hashes; tiny runs seed faster.
  const iterations = String(sized(ctx, 100_000, 1000));
  log(`the real sign step through the API, ${n} letters after a first one, PASSWORD_ITERATIONS ${iterations}`);

  const dir = mkdtempSync(join(tmpdir(), "edaran-bench-sign-node-"));
  let node: SignTimes;
  try {
    const rt = await startNodeRuntime(
      loadNodeConfig({
        DATA_DIR: dir,
        SEED_PASSWORD,
        PASSWORD_ITERATIONS: iterations,
        PUBLIC_URL: "http://127.0.0.1",
      }),
      { background: false, log: () => {} },
    );
    try {
      node = await signLetters(
        (path, init) => Promise.resolve(rt.app.request(path, init)),
        n,
        () => null,
      );
    } finally {
      await rt.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const worker = await startLocalWorker({
    SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
    ACK_SECRET: "bench-ack-secret-0123456789abcdef0123456789abcd",
    SIGNING_KEY_JWK: JSON.stringify((await generateSigningKeyPair("Ed25519")).privateJwk),
    LOCAL_CA_KEY_JWK: JSON.stringify((await generateSigningKeyPair("ECDSA-P256")).privateJwk),
    SEED_PASSWORD,
    PASSWORD_ITERATIONS: iterations,
  });
  let workerd: SignTimes;
  try {
    workerd = await signLetters(worker.fetch, n, worker.cpuMs);
  } finally {
    await worker.close();
  }

  const nodeT = summarize(node.wallMs);
  const wallT = summarize(workerd.wallMs);
  log(`Node (in-process app, SQLite file): sign request ${fmt(nodeT)}; first sign ${node.firstMs.toFixed(0)} ms`);
  log(
    `workerd (wrangler unstable_startWorker, local D1/R2), wall time of the sign request: ${fmt(wallT)}; first sign ${workerd.firstMs.toFixed(0)} ms`,
  );
  if (workerd.cpuMs.length > 0) {
    const cpuT = summarize(workerd.cpuMs);
    log(
      `workerd processes' CPU time over the sign request (/proc, 10 ms ticks): median ${cpuT.medianMs.toFixed(0)} ms, p95 ${cpuT.p95Ms.toFixed(0)} ms`,
    );
  } else log("workerd processes' CPU time: not readable here (no /proc)");
  log(`workerd / Node, median: ${(wallT.medianMs / nodeT.medianMs).toFixed(1)}×`);
  // Either figure bounds the Worker's own CPU from above (the /proc one can exceed the wall time: miniflare's D1 runs
  // on other threads), so the budget is judged by the larger of the two, and by the first sign.
  const worst = Math.max(wallT.p95Ms, workerd.firstMs, ...workerd.cpuMs);
  log(
    `Workers CPU limit per request: paid ${PAID_CPU_MS / 1000} s by default (limits.cpu_ms up to 300 s), free ${FREE_CPU_MS} ms; the sign step's upper bound (the worst of the p95 wall time, the CPU time and the first sign, ${worst.toFixed(0)} ms) uses ${((worst / PAID_CPU_MS) * 100).toFixed(1)}% of the paid default, ${(worst / FREE_CPU_MS).toFixed(0)}× the free plan's`,
  );
}
