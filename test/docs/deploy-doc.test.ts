// README "Deploy on Cloudflare" names exactly what the Worker reads (scripts/check-deploy-doc.ts), so a binding
// added to WorkerEnv or wrangler.toml without a deploy step fails here.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDeployDoc, compareDeployDoc, deploySection, workerReads } from "../../scripts/check-deploy-doc.js";

const ROOT = join(import.meta.dirname, "../..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README deploy section check", () => {
  it("passes on this repository, run as the script", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/check-deploy-doc.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    expect(r.stderr).not.toContain("not named");
    expect(r.status).toBe(0);
  });

  it("collects WorkerEnv's keys, the rate-limiting bindings and wrangler.toml's bindings", () => {
    const reads = workerReads(ROOT);
    for (const name of ["DB", "DOCS", "SEND_QUEUE", "PUBLIC_URL", "SIGNING_KEY_JWK", "BSRE_ROOTS_PEM", "ACK_LIMITER"]) {
      expect(reads).toContain(name);
    }
  });

  it("names a secret the section forgets", () => {
    const without = README.replace(/\bOOXML_SIGNER_JSON\b/g, "the Office signer");
    expect(checkDeployDoc(ROOT, without)).toEqual([
      'OOXML_SIGNER_JSON: read by the Worker, not named in "## Deploy on Cloudflare"',
    ]);
  });

  it("names a setting the section mentions but the Worker does not read", () => {
    const section = `${deploySection(README)}\n\`npx wrangler secret put BACKUP_TOKEN\``;
    expect(compareDeployDoc(section, workerReads(ROOT)).unknown).toEqual(["BACKUP_TOKEN"]);
  });

  it("does not count a name mentioned only outside the section, or as part of a longer name", () => {
    expect(compareDeployDoc("`ACK_SECRETS` and `XDB`", ["ACK_SECRET", "DB"]).missing).toEqual(["ACK_SECRET", "DB"]);
    expect(checkDeployDoc(ROOT, README.replace("## Deploy on Cloudflare", "## Deploy"))).toEqual([
      'README.md has no "## Deploy on Cloudflare" section',
    ]);
  });
});
