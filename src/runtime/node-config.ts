// Settings of the Node runtime, read once from the environment (and an optional .env file).
// Secrets that are not given are generated on first start and kept in DATA_DIR/secrets.json (0600),
// so sessions and acknowledgement links survive a restart.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { type BsreConfig, bsreConfigFromEnv, bsreRootsFromPem } from "../sign/bsre/bsre-config.js";
import { isLocalHost } from "./public-url-guard.js";

export const nodeEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default(".data"),
  // "PUBLIC_URL=" left empty in a .env counts as not set (and so gets the start-up warning).
  PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  SEED_PASSWORD: z.string().min(8, "SEED_PASSWORD must be at least 8 characters").optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  ACK_SECRET: z.string().min(32).optional(),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  RESEND_WEBHOOK_SECRET: z.string().optional(),
  /** The Resend team's rate limit the sender keeps to (requests per second, every call: single or batch). */
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().positive().default(2),
  MAIL_FROM: z.string().default("Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.go.id>"),
  REMINDER_INTERVAL_HOURS: z.coerce.number().positive().default(24),
  REMINDER_CHECK_MINUTES: z.coerce.number().positive().default(30),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().positive().default(2000),
  /** How long a sender's claim on a message holds before another may take it over; far longer than one send. */
  OUTBOX_CLAIM_SECONDS: z.coerce.number().int().min(10).default(300),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1).max(100_000).default(100_000),
  DEV_ROUTES: z.enum(["0", "1"]).optional(),
  /** 1: a reverse proxy of ours appends the client to X-Forwarded-For (its last entry is believed). */
  TRUST_PROXY: z.enum(["0", "1"]).optional(),
  /** When set, letters are signed through the Pemda's BSrE esign client (sign/bsre/bsre-config.ts checks the set). */
  BSRE_URL: z.string().optional(),
  BSRE_USERNAME: z.string().optional(),
  BSRE_PASSWORD: z.string().optional(),
  BSRE_TIMEOUT_MS: z.string().optional(),
  BSRE_ROOTS_PEM: z.string().optional(),
});
export type NodeEnv = z.infer<typeof nodeEnvSchema>;

export interface NodeConfig {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  seedPassword?: string;
  sessionSecret: string;
  ackSecret: string;
  resend?: { apiKey: string; baseUrl?: string; requestsPerSecond?: number };
  webhookSecret?: string;
  mailFrom: string;
  reminderIntervalHours: number;
  reminderCheckMinutes: number;
  outboxIntervalMs: number;
  outboxClaimSeconds: number;
  passwordIterations: number;
  devRoutes: boolean;
  trustProxy: boolean;
  /** The esign client letters are signed through; unset: the local CA signs. */
  bsre?: BsreConfig;
  /** BSRE_ROOTS_PEM as DER certificates (verifying BSrE-signed PDFs). */
  bsreRoots?: Uint8Array[];
}

function randomSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return Buffer.from(bytes).toString("base64url");
}

const persistedSecretsSchema = z.object({ sessionSecret: z.string().min(32), ackSecret: z.string().min(32) });

/** Loads or creates DATA_DIR/secrets.json with the secrets the environment did not give. */
function persistedSecrets(dataDir: string): { sessionSecret: string; ackSecret: string } {
  const path = join(dataDir, "secrets.json");
  if (existsSync(path)) return persistedSecretsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  const secrets = { sessionSecret: randomSecret(), ackSecret: randomSecret() };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadNodeConfig(env: Record<string, string | undefined>): NodeConfig {
  const parsed = nodeEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid settings:\n${lines}`);
  }
  const e = parsed.data;
  const bsre = bsreConfigFromEnv(env);
  const bsreRoots = bsreRootsFromPem(e.BSRE_ROOTS_PEM);
  const dataDir = resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const stored = persistedSecrets(dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    ...(e.SEED_PASSWORD ? { seedPassword: e.SEED_PASSWORD } : {}),
    sessionSecret: e.SESSION_SECRET ?? stored.sessionSecret,
    ackSecret: e.ACK_SECRET ?? stored.ackSecret,
    ...(e.RESEND_API_KEY
      ? {
          resend: {
            apiKey: e.RESEND_API_KEY,
            requestsPerSecond: e.RESEND_REQUESTS_PER_SECOND,
            ...(e.RESEND_BASE_URL ? { baseUrl: e.RESEND_BASE_URL } : {}),
          },
        }
      : {}),
    ...(e.RESEND_WEBHOOK_SECRET ? { webhookSecret: e.RESEND_WEBHOOK_SECRET } : {}),
    mailFrom: e.MAIL_FROM,
    reminderIntervalHours: e.REMINDER_INTERVAL_HOURS,
    reminderCheckMinutes: e.REMINDER_CHECK_MINUTES,
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS,
    outboxClaimSeconds: e.OUTBOX_CLAIM_SECONDS,
    passwordIterations: e.PASSWORD_ITERATIONS,
    devRoutes: e.DEV_ROUTES === "1",
    trustProxy: e.TRUST_PROXY === "1",
    ...(bsre ? { bsre } : {}),
    ...(bsreRoots ? { bsreRoots } : {}),
  };
}

/**
 * The start-up warning when emails and the signed DOCX's QR code would link to this machine only (PUBLIC_URL
 * unset, or localhost / 127.x), as lines to print; null when PUBLIC_URL is an address others can reach.
 */
export function publicUrlWarning(config: Pick<NodeConfig, "publicUrl" | "host">): string[] | null {
  let hostname: string;
  try {
    hostname = new URL(config.publicUrl).hostname;
  } catch {
    return null;
  }
  if (!isLocalHost(hostname)) return null;
  const rule = "=".repeat(78);
  return [
    rule,
    "WARNING: PUBLIC_URL is not an address OPD heads can reach.",
    `  Links in emails (tanda terima) and the QR code in signed letters will point to ${config.publicUrl}`,
    "  which opens only on this computer, not on OPD heads' phones or PCs.",
    "  Before sending real letters, set PUBLIC_URL to the address OPD heads can reach,",
    "  e.g. PUBLIC_URL=https://edaran.bengkulukota.go.id (in the environment or .env),",
    config.host === "0.0.0.0" || config.host === "::"
      ? `  and make sure that address reaches this server (listening on ${config.host}).`
      : `  and listen on the network with HOST=0.0.0.0 (now ${config.host}) or put a reverse proxy in front.`,
    "  Letters signed before the change keep the old link in their QR code.",
    rule,
  ];
}
