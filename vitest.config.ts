import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Wrangler and Miniflare stay offline: no metrics, no request.cf fetch (see stack-notes.md).
process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

const migrationsDir = fileURLToPath(new URL("./src/store/migrations", import.meta.url));

// The Worker's secrets in the workers project (test values only; production sets them with
// `wrangler secret put`). The signing key is a fixed Ed25519 test key made once for these tests.
// No RESEND_API_KEY: the queue consumer that miniflare runs in the background leaves rows pending;
// test/workers/queue-and-cron.test.ts passes a key and a fake Resend to the handler it calls.
const workerTestSecrets = {
  PUBLIC_URL: "https://edaran.test",
  SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789",
  ACK_SECRET: "test-ack-secret-0123456789abcdef0123456789abcd",
  SIGNING_KEY_JWK: JSON.stringify({
    kty: "OKP",
    crv: "Ed25519",
    x: "k3zHkLCf-VzXJvdL2TdVs5WJB2VVwfGfsVG3qTyU4fM",
    d: "h2IS_AxpbLtXkmLpz1Q9JYN9NQqj7xqacm2xIUfK5EQ",
  }),
  // The local CA's key (a fixed ECDSA P-256 test key made once): letters signed in workerd get their PAdES PDF.
  LOCAL_CA_KEY_JWK: JSON.stringify({
    kty: "EC",
    crv: "P-256",
    x: "8zO8aq32iiyb8loelJN6hA7BcPwRYIRWnIXhlQRRHxY",
    y: "4fXRaezvTTVAh0ecnBXTKryJZ7-47Oj0eYNGKOnp57Y",
    d: "62nVfAmiZJO9szr-1NRaH66Wdk02uBXA_scxrENU6VA",
  }),
  SEED_PASSWORD: "rahasia-uji-123",
  // Seeding hashes 44 passwords; tests need no slow KDF.
  PASSWORD_ITERATIONS: "1000",
};

// Two projects, both run by `vitest run`: "node" (everything under test/ but test/workers) and
// "workers" (test/workers, inside workerd with the bindings of wrangler.toml and D1 migrated by
// test/workers/apply-migrations.ts).
export default defineConfig(async () => {
  const migrations = await readD1Migrations(migrationsDir);
  return {
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // The apps' one-line JSON records (src/domain/log-record.ts) would bury the test output; tests that
      // check them capture them themselves.
      onConsoleLog: (log: string) => !log.startsWith('{"kind":'),
      projects: [
        {
          extends: true as const,
          test: {
            name: "node",
            include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
            exclude: ["test/workers/**", "node_modules/**"],
          },
        },
        {
          extends: true as const,
          plugins: [
            cloudflareTest({
              // [env.test]: the deployed bindings without the background Queue consumer (see wrangler.toml).
              wrangler: { configPath: "./wrangler.toml", environment: "test" },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations, ...workerTestSecrets } },
            }),
          ],
          // A git worktree whose node_modules is a symlink (to the main checkout's) would otherwise hand workerd a
          // /@fs/… path for the resvg .wasm module, which the pool cannot load; with a real folder it changes nothing.
          resolve: { preserveSymlinks: true },
          test: {
            name: "workers",
            include: ["test/workers/**/*.test.ts"],
            setupFiles: ["./test/workers/apply-migrations.ts"],
          },
        },
      ],
    },
  };
});
