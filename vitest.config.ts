import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Wrangler and Miniflare stay offline: no metrics, no request.cf fetch (see stack-notes.md).
process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

const migrationsDir = fileURLToPath(new URL("./src/store/migrations", import.meta.url));

// Two projects, both run by `vitest run`: "node" (everything under test/ but test/workers) and
// "workers" (test/workers, inside workerd with the bindings of wrangler.toml and D1 migrated by
// test/workers/apply-migrations.ts).
export default defineConfig(async () => {
  const migrations = await readD1Migrations(migrationsDir);
  return {
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
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
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
            }),
          ],
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
