// The first-start contract inside workerd on D1: the Worker's own fetch handler with an env that has no
// SEED_PASSWORD and a SETUP_TOKEN secret, so the first request seeds invited accounts (every hash left empty) and
// /pasang takes the secret.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/runtime/worker.js";
import type { WorkerEnv } from "../../src/runtime/worker-services.js";
import { openD1Store } from "../../src/store/d1-store.js";
import { firstStartContract } from "../contract/first-start.case.js";

const SETUP_TOKEN = "setup-token-uji-0123456789abcdef-0123456789";

const workerEnv: WorkerEnv = {
  DB: env.DB,
  DOCS: env.DOCS,
  SEND_QUEUE: env.SEND_QUEUE,
  PUBLIC_URL: env.PUBLIC_URL,
  SESSION_SECRET: env.SESSION_SECRET,
  ACK_SECRET: env.ACK_SECRET,
  SIGNING_KEY_JWK: env.SIGNING_KEY_JWK,
  PASSWORD_ITERATIONS: env.PASSWORD_ITERATIONS,
  SETUP_TOKEN,
};

async function call(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`https://edaran.test${path}`, init), workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

firstStartContract("workerd", async () => {
  // The first request prepares the isolate: seeding and key registration.
  await call("/health");
  return {
    fetch: call,
    db: openD1Store(env.DB).db,
    // A vi.spyOn on workerd's SubtleCrypto sees no call (tried with SEED_PASSWORD set: it stayed 0).
    startDerivations: null,
    setupToken: SETUP_TOKEN,
    setupPage: "/pasang",
    fromLink: false,
  };
});
