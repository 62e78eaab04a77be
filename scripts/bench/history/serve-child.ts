// A server in its own process, as `npm start` runs one: the product (startNodeRuntime on the seeded folder) or
// the bare reference (bare-app.ts on the same SQLite file). Started by fork(); it sends { port } when listening
// and answers { memory: true } with its own figures (ServerMemory), so the bench reads the server's memory.
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { defaultToProductionReact } from "../../../src/runtime/production-react.js";
import { benchEnv } from "./bench-env.js";

const [mode, dataDir, checkpointSeq] = process.argv.slice(2);
if (!dataDir || (mode !== "product" && mode !== "bare"))
  throw new Error("usage: serve-child product|bare DATA_DIR SEQ");

// The product as `npm start` builds it, without the outbox loop and timers: their rounds would land inside
// another path's figures (the outbox claim is measured on its own). Each mode imports only its own server, so
// each process's memory is its own.
defaultToProductionReact(process.env);
const rt =
  mode === "product"
    ? await (async () => {
        const { startNodeRuntime } = await import("../../../src/runtime/node-app.js");
        const { loadNodeConfig } = await import("../../../src/runtime/node-config.js");
        const { jsonLineLogger } = await import("../../../src/domain/log-record.js");
        // Each request's JSON line is built as in production (its cost is the product's) and dropped, so the
        // bench prints its figures, not thousands of log lines.
        return startNodeRuntime(loadNodeConfig(benchEnv(dataDir)), {
          background: false,
          log: () => {},
          logger: jsonLineLogger(() => {}),
        });
      })()
    : null;
const fetch = rt
  ? rt.app.fetch
  : (await import("./bare-app.js")).bareApp(join(dataDir, "edaran.sqlite"), Number(checkpointSeq ?? 0)).fetch;
const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => {
  // cast: a TCP server's address is an AddressInfo.
  process.send?.({ port: (server.address() as AddressInfo).port });
});
export interface ServerMemory {
  rssMiB: number;
  /** The process's high-water mark (getrusage maxRSS): every peak, even inside one blocking request. */
  maxRssMiB: number;
  /** The highest RSS sampled since the previous report: the peak of one path when it set no new high-water mark. */
  sampledPeakMiB: number;
  heapUsedMiB: number;
}

const MiB = 1024 * 1024;
// Sampled between requests; a peak inside one synchronous request shows in maxRSS instead.
let sampledPeak = process.memoryUsage.rss();
setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
}, 20).unref();

process.on("message", (m: { memory?: boolean; stop?: boolean }) => {
  if (m.memory) {
    const now = process.memoryUsage();
    const memory: ServerMemory = {
      rssMiB: now.rss / MiB,
      // maxRSS is in kilobytes on Linux.
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      sampledPeakMiB: Math.max(sampledPeak, now.rss) / MiB,
      heapUsedMiB: now.heapUsed / MiB,
    };
    sampledPeak = now.rss;
    process.send?.({ memory });
  }
  if (m.stop) {
    server.close();
    void (rt?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
