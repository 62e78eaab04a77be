// Checks README "Deploy on Cloudflare" against what the Worker reads: every key of WorkerEnv
// (src/runtime/worker-services.ts, with the rate-limiting bindings it extends) and every binding and var of
// wrangler.toml must be named in that section, and every SETTING_LIKE_NAME the section names must be one of
// them. Exit 1 with the differences, 0 when they agree. Run by test/docs/deploy-doc.test.ts in `npm test`.
//   npx tsx scripts/check-deploy-doc.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { unstable_readConfig } from "wrangler";
import { z } from "zod";
import { RATE_LIMIT_POLICIES } from "../src/http/rate-limit-policies.js";

export const DEPLOY_HEADING = "## Deploy on Cloudflare";

/** The section's text, from its heading to the next `## ` heading; null when the README has none. */
export function deploySection(readme: string): string | null {
  const start = readme.split("\n").findIndex((l) => l.trim() === DEPLOY_HEADING);
  if (start < 0) return null;
  const lines = readme.split("\n").slice(start + 1);
  const end = lines.findIndex((l) => l.startsWith("## "));
  return (end < 0 ? lines : lines.slice(0, end)).join("\n");
}

/** The keys of `interface WorkerEnv` as written in the source (a binding added there is a binding read). */
export function workerEnvKeys(source: string): string[] {
  const body = /export interface WorkerEnv\b[^{]*\{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (body === undefined) throw new Error("interface WorkerEnv not found");
  return [...body.matchAll(/^ {2}([A-Za-z_][A-Za-z0-9_]*)\??:/gm)].map((m) => m[1] ?? "");
}

const named = z.array(z.object({ binding: z.string() }).or(z.object({ name: z.string() })));
// The parts of wrangler's parsed config that declare a binding (its own types do not reach this script).
const wranglerBindingsSchema = z.object({
  vars: z.record(z.string(), z.unknown()),
  d1_databases: named,
  r2_buckets: named,
  kv_namespaces: named,
  queues: z.object({ producers: named.optional() }),
  ratelimits: named.optional(),
  services: named.optional(),
  analytics_engine_datasets: named,
  durable_objects: z.object({ bindings: named }),
});

/** Binding and var names of a wrangler config (top level: what `wrangler deploy` uploads). */
export function wranglerBindingNames(configPath: string): string[] {
  const c = wranglerBindingsSchema.parse(unstable_readConfig({ config: configPath }, { hideWarnings: true }));
  return [
    ...Object.keys(c.vars),
    ...[
      c.d1_databases,
      c.r2_buckets,
      c.kv_namespaces,
      c.queues.producers ?? [],
      c.ratelimits ?? [],
      c.services ?? [],
      c.analytics_engine_datasets,
      c.durable_objects.bindings,
    ].flatMap((list) => list.map((b) => ("binding" in b ? b.binding : b.name))),
  ];
}

export interface DeployDocReport {
  /** Read by the Worker (or bound in wrangler.toml) but not named in the section. */
  missing: string[];
  /** Named in the section (UPPER_SNAKE_CASE) but read by nothing. */
  unknown: string[];
}

export function compareDeployDoc(section: string, read: Iterable<string>): DeployDocReport {
  const names = new Set(read);
  const named = new Set([...section.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)].map((m) => m[0]));
  const mentions = (name: string) => new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(section);
  return {
    missing: [...names].filter((n) => !mentions(n)).sort(),
    unknown: [...named].filter((n) => !names.has(n)).sort(),
  };
}

/** Everything the deployed Worker reads: WorkerEnv's keys, the rate-limiting bindings, wrangler.toml's bindings. */
export function workerReads(root: string): string[] {
  const source = readFileSync(join(root, "src/runtime/worker-services.ts"), "utf8");
  return [
    ...new Set([
      ...workerEnvKeys(source),
      ...RATE_LIMIT_POLICIES.map((p) => p.binding.name),
      ...wranglerBindingNames(join(root, "wrangler.toml")),
    ]),
  ];
}

export function checkDeployDoc(root: string, readme = readFileSync(join(root, "README.md"), "utf8")): string[] {
  const section = deploySection(readme);
  if (section === null) return [`README.md has no "${DEPLOY_HEADING}" section`];
  const { missing, unknown } = compareDeployDoc(section, workerReads(root));
  return [
    ...missing.map((n) => `${n}: read by the Worker, not named in "${DEPLOY_HEADING}"`),
    ...unknown.map((n) => `${n}: named in "${DEPLOY_HEADING}", read by nothing in the Worker`),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = checkDeployDoc(join(import.meta.dirname, ".."));
  for (const p of problems) console.error(p);
  if (problems.length === 0) console.log(`README "${DEPLOY_HEADING}" names every binding, var and secret.`);
  process.exitCode = problems.length ? 1 : 0;
}
