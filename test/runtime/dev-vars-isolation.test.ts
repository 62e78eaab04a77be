// A developer's .dev.vars (for `wrangler dev`) or .env (for `npm start`) must not reach the workers tests: the
// vitest pool builds the test Worker's bindings with wrangler's unstable_getMiniflareWorkerOptions for
// wrangler.toml's [env.test], which reads those files from the config's folder. This calls it the same way, on a
// copy of wrangler.toml beside a .dev.vars, a .dev.vars.test and a .env full of bad values.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const ROOT = join(import.meta.dirname, "../..");
const BAD = ["PUBLIC_URL=http://localhost:1", "RESEND_API_KEY=re_bocor", "DEV_ROUTES=1", "BSRE_URL=http://bocor"];

let dir: string;
beforeEach(() => {
  process.env.WRANGLER_SEND_METRICS = "false";
  dir = mkdtempSync(join(tmpdir(), "edaran-devvars-"));
  copyFileSync(join(ROOT, "wrangler.toml"), join(dir, "wrangler.toml"));
  mkdirSync(join(dir, "src/runtime"), { recursive: true });
  writeFileSync(join(dir, "src/runtime/worker.ts"), "export default {};\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function testBindings(): Record<string, unknown> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(dir, "wrangler.toml"), "test");
  return { ...workerOptions.bindings };
}

describe("workers tests ignore a developer's .dev.vars and .env", () => {
  it("binds only [env.test.vars] when a .dev.vars with bad values lies beside wrangler.toml", () => {
    writeFileSync(join(dir, ".dev.vars"), `${BAD.join("\n")}\n`);
    expect(testBindings()).toEqual({ PUBLIC_URL: "https://edaran.test" });
  });

  it("ignores .dev.vars.test and, without a .dev.vars, .env and the shell's environment", () => {
    writeFileSync(join(dir, ".dev.vars.test"), `${BAD.join("\n")}\n`);
    expect(testBindings()).toEqual({ PUBLIC_URL: "https://edaran.test" });
    rmSync(join(dir, ".dev.vars.test"));
    writeFileSync(join(dir, ".env"), `${BAD.join("\n")}\n`);
    process.env.RESEND_API_KEY = "re_bocor_dari_shell";
    try {
      expect(testBindings()).toEqual({ PUBLIC_URL: "https://edaran.test" });
    } finally {
      delete process.env.RESEND_API_KEY;
    }
  });

  it("still hands `wrangler dev` (the top-level config) the developer's .dev.vars", () => {
    writeFileSync(join(dir, ".dev.vars"), "RESEND_API_KEY=re_dev\n");
    const { workerOptions } = unstable_getMiniflareWorkerOptions(join(dir, "wrangler.toml"));
    expect(workerOptions.bindings).toMatchObject({ RESEND_API_KEY: "re_dev" });
  });
});
