// A server in its own process, as `npm start` runs one: the product (startNodeRuntime on the seeded folder) or
// the bare reference (bare-app.ts on the same SQLite file). Started by fork(); it sends { port } when listening
// and answers { rss: true } with its peak resident memory, so the bench reads the server's own figure.
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { startNodeRuntime } from "../../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../../src/runtime/node-config.js";
import { bareApp } from "./bare-app.js";
import { benchEnv } from "./seed-history.js";

const [mode, dataDir, checkpointSeq] = process.argv.slice(2);
if (!dataDir || (mode !== "product" && mode !== "bare"))
  throw new Error("usage: serve-child product|bare DATA_DIR SEQ");

// The product as `npm start` builds it, without the outbox loop and timers: their rounds would land inside
// another path's figures (the outbox claim is measured on its own).
const rt =
  mode === "product"
    ? await startNodeRuntime(loadNodeConfig(benchEnv(dataDir)), { background: false, log: () => {} })
    : null;
const fetch = rt ? rt.app.fetch : bareApp(join(dataDir, "edaran.sqlite"), Number(checkpointSeq ?? 0)).fetch;
const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => {
  // cast: a TCP server's address is an AddressInfo.
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("message", (m: { rss?: boolean; stop?: boolean }) => {
  // maxRSS is in kilobytes on Linux.
  if (m.rss) process.send?.({ rssMiB: process.resourceUsage().maxRSS / 1024 });
  if (m.stop) {
    server.close();
    void (rt?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
