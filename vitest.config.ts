import { defineConfig } from "vitest/config";

// Node project only for now; the workerd project (test/workers) is added alongside it.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/workers/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
