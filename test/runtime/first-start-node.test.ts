// The first-start contract on the Node runtime: a real SQLite file in a temp DATA_DIR, no SEED_PASSWORD, the
// setup link as startNodeRuntime hands it to npm start; PBKDF2 runs counted over the whole start.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { type NodeRuntime, startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { firstStartContract } from "../contract/first-start.case.js";

const opened: { rt: NodeRuntime; dir: string }[] = [];

async function start(dir: string) {
  const config = loadNodeConfig({ DATA_DIR: dir, PASSWORD_ITERATIONS: "1000", PUBLIC_URL: "https://edaran.test" });
  const rt = await startNodeRuntime(config, { background: false, log: () => {} });
  opened.push({ rt, dir });
  return rt;
}

afterAll(async () => {
  for (const o of opened) {
    await o.rt.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

firstStartContract("node", async () => {
  const dir = mkdtempSync(join(tmpdir(), "edaran-first-start-"));
  const derive = vi.spyOn(crypto.subtle, "deriveBits");
  let rt: NodeRuntime;
  try {
    rt = await start(dir);
  } finally {
    derive.mockRestore();
  }
  const startDerivations = derive.mock.calls.length;
  const url = new URL(rt.setupUrl!);
  return {
    fetch: async (path, init) => rt.app.request(`https://edaran.test${path}`, init),
    db: rt.store.db,
    startDerivations,
    setupToken: url.pathname.split("/").at(-1)!,
    setupPage: url.pathname,
    fromLink: true,
  };
});

it("prints a new setup link on each start until the first admin used one; the old one is void", async () => {
  const dir = mkdtempSync(join(tmpdir(), "edaran-first-start-"));
  const first = await start(dir);
  const firstPath = new URL(first.setupUrl!).pathname;
  expect(firstPath).toMatch(/^\/pasang\/[A-Za-z0-9_-]{43}$/);
  await first.close();
  opened.pop();
  const second = await start(dir);
  const secondPath = new URL(second.setupUrl!).pathname;
  expect(secondPath).not.toBe(firstPath);
  expect((await second.app.request(`https://edaran.test${firstPath}`)).status).toBe(404);
  expect((await second.app.request(`https://edaran.test${secondPath}`)).status).toBe(200);
  // Stored hashed: the token itself is in no row.
  const links = await second.store.db.selectFrom("one_time_links").selectAll().execute();
  expect(links).toHaveLength(1);
  expect(JSON.stringify(links)).not.toContain(secondPath.split("/").at(-1));
});
