// How an instance reaches its Pemda's BSrE esign client (the service that holds the officials' certificates).
// Read by the runtime from the environment:
//   BSRE_URL         base URL of the esign client, e.g. https://esign.pemda.go.id (no trailing path)
//   BSRE_USERNAME    HTTP Basic user of the instance's esign client account
//   BSRE_PASSWORD    its password
//   BSRE_TIMEOUT_MS  per request; 30 000 when unset (signing a letter takes seconds, verifying can take longer)
//   BSRE_ROOTS_PEM   the BSrE root (and intermediate) certificates verification trusts, PEM, concatenated
import { z } from "zod";

export const bsreConfigSchema = z.object({
  BSRE_URL: z.url(),
  BSRE_USERNAME: z.string().min(1),
  BSRE_PASSWORD: z.string().min(1),
  BSRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

export interface BsreConfig {
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs: number;
  /** Tests and Workers may hand their own fetch; the global one otherwise. */
  fetch?: typeof fetch;
}

/** Null when BSRE_URL is unset (the instance signs with its local CA); throws on a half-filled set. */
export function bsreConfigFromEnv(env: Record<string, string | undefined>): BsreConfig | null {
  if (!env.BSRE_URL) return null;
  const parsed = bsreConfigSchema.parse(env);
  return {
    baseUrl: parsed.BSRE_URL.replace(/\/+$/, ""),
    username: parsed.BSRE_USERNAME,
    password: parsed.BSRE_PASSWORD,
    timeoutMs: parsed.BSRE_TIMEOUT_MS,
  };
}
