// How an instance reaches its Pemda's BSrE esign client (the service that holds the officials' certificates).
// Read by the runtime from the environment:
//   BSRE_URL         base URL of the esign client, e.g. https://esign.pemda.go.id (no trailing path)
//   BSRE_USERNAME    HTTP Basic user of the instance's esign client account
//   BSRE_PASSWORD    its password
//   BSRE_TIMEOUT_MS  per request; 30 000 when unset (signing a letter takes seconds, verifying can take longer)
//   BSRE_ROOTS_PEM   the BSrE root (and intermediate) certificates verification trusts, PEM, concatenated
//                    (a one-line value may write its line breaks as \n; see bsreRootsFromPem)
import { z } from "zod";
import { certificatesFromPem } from "./bsre-trust.js";

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
export function bsreConfigFromEnv(
  env: Readonly<
    Partial<Record<"BSRE_URL" | "BSRE_USERNAME" | "BSRE_PASSWORD" | "BSRE_TIMEOUT_MS", string | undefined>>
  >,
): BsreConfig | null {
  if (!env.BSRE_URL) return null;
  const result = bsreConfigSchema.safeParse(env);
  // Names the setting that is wrong, never its value (BSRE_PASSWORD is a secret).
  if (!result.success)
    throw new Error(
      `Invalid BSrE settings: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const parsed = result.data;
  return {
    baseUrl: parsed.BSRE_URL.replace(/\/+$/, ""),
    username: parsed.BSRE_USERNAME,
    password: parsed.BSRE_PASSWORD,
    timeoutMs: parsed.BSRE_TIMEOUT_MS,
  };
}

/** BSRE_ROOTS_PEM as DER certificates; null when unset. Literal "\\n" (a one-line .env value) counts as a line break. */
export function bsreRootsFromPem(pem: string | undefined): Uint8Array[] | null {
  if (!pem) return null;
  const roots = certificatesFromPem(pem.replaceAll("\\n", "\n"));
  if (!roots.length) throw new Error("Invalid BSrE settings: BSRE_ROOTS_PEM holds no certificate");
  return roots;
}
