// `npm start`: the embedded default. SQLite file, documents on disk, in-process outbox worker.
import { existsSync } from "node:fs";
import { serve } from "@hono/node-server";
import { loadNodeConfig, publicUrlWarning } from "./node-config.js";
import { defaultToProductionReact } from "./production-react.js";

if (existsSync(".env")) process.loadEnvFile(".env");
defaultToProductionReact(process.env);
// Imported only now: the app's graph loads React, which reads NODE_ENV as it loads (production-react.ts).
const { startNodeRuntime } = await import("./node-app.js");
const config = loadNodeConfig(process.env);
const runtime = await startNodeRuntime(config);

const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`edaran is serving on ${config.publicUrl} (listening on ${info.address}:${info.port})`);
  console.log(`data folder: ${config.dataDir}`);
  if (runtime.setupUrl) {
    console.log("No admin has a password yet. Open this one-time link (valid 24 h) to make the first admin:");
    console.log(`  ${runtime.setupUrl}`);
    console.log("Then give each official an activation link from Admin > Pengguna.");
  }
  if (!config.resend) console.log(`No RESEND_API_KEY: emails are written as .eml files to ${config.dataDir}/outbox`);
  // Last, so it is what the operator sees: with a local PUBLIC_URL every link sent out is dead for its reader.
  const warning = publicUrlWarning(config);
  if (warning) console.warn(warning.join("\n"));
});

const shutdown = () => {
  server.close();
  runtime.close().finally(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
