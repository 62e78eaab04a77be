// `npm run dev:worker`: the whole app on workerd, offline, with no Cloudflare account (README "Offline on workerd").
// Local D1, R2 and Queues persist under .wrangler/state (as `wrangler dev` keeps them); the generated dev secrets in
// .wrangler/edaran-dev-secrets.json. PORT picks the Worker's port (8787); SEED_PASSWORD gives every seeded account
// that password for a demo, else the first admin comes in through /pasang with the printed setup code.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadOrMakeDevSecrets } from "./dev-worker/dev-secrets.js";
import { scheduledPath, startDevWorker } from "./dev-worker/start-dev-worker.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const stateDir = join(repoRoot, ".wrangler/state");
mkdirSync(stateDir, { recursive: true });
const secrets = await loadOrMakeDevSecrets(join(repoRoot, ".wrangler/edaran-dev-secrets.json"));
const seedPassword = process.env.SEED_PASSWORD || undefined;

const dev = await startDevWorker({
  persistDir: stateDir,
  secrets,
  port: Number(process.env.PORT || 8787),
  ...(seedPassword ? { seedPassword } : {}),
  onMigrateOutput: (text) => process.stdout.write(text),
});

const login = seedPassword
  ? `  log in as   sekretariat, penandatangan, kepala-bkpsdm, admin, … with the password in SEED_PASSWORD`
  : `  first admin ${dev.url}/pasang  (kode pemasangan: ${secrets.SETUP_TOKEN})`;
console.log(`
edaran on workerd (offline)
  app         ${dev.url}
${login}
  inbox       ${dev.resend.url}/inbox  (the local Resend stand-in: every email the Worker sent)
  cron tick   ${dev.url}${scheduledPath()}  (add &time=<ms since 1970> to run it as at that time)
  state       ${stateDir}
Ctrl-C stops it.
`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  dev.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
