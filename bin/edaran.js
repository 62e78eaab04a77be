#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx edaran …` needs no build step.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../src/cli/edaran.ts", import.meta.url));
const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), cli, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
