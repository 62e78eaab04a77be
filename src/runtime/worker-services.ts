// Builds the app's services from a Cloudflare Workers environment: D1 for the store, R2 for documents,
// the Queue for sending, the signing key from a secret. Once per isolate (per env object), lazily on first
// use, so a cold start pays for the one-time seeding and key registration and later requests do not.

import type { Hono } from "hono";
import { z } from "zod";
import { seedUsers } from "../auth/seed-users.js";
import { type Clock, systemClock } from "../domain/clock.js";
import { sha256Hex } from "../domain/encoding.js";
import { createApp } from "../http/app.js";
import { type RateLimitBindings, workerRateLimiters } from "../http/binding-rate-limiter.js";
import type { AppEnv, AppServices } from "../http/env.js";
import { registerPages } from "../http/pages/register-pages.js";
import { kotaBengkuluProfile, seedPemdaProfile } from "../pemda/seed-pemda-profile.js";
import { logoPng } from "../render/logo-png.generated.js";
import type { Mailer } from "../send/mailer.js";
import { createMessageBuilder } from "../send/message-builder.js";
import type { MessageBuilder } from "../send/outbox-worker.js";
import { createResendMailer } from "../send/resend-mailer.js";
import type { SendQueue } from "../send/send-queue.js";
import { bsreClient } from "../sign/bsre/bsre-client.js";
import { bsreConfigFromEnv, bsreRootsFromPem } from "../sign/bsre/bsre-config.js";
import { bsreLetterPdfSigner } from "../sign/bsre/bsre-letter-pdf-signer.js";
import { keySecretSource } from "../sign/key-secret.js";
import { ooxmlSignerSecretSource } from "../sign/ooxml/ooxml-signer.js";
import { localCaLetterPdfSigner } from "../sign/signed-pdf-letter.js";
import { signingKeyRepo } from "../sign/signing-key-repo.js";
import { seedSampleSigner } from "../signer/seed-signer.js";
import { type D1DatabaseLike, openD1Store } from "../store/d1-store.js";
import { listOpds } from "../store/opd-repo.js";
import { type R2BucketLike, r2BlobStore } from "../store/r2-blob-store.js";
import { runtimeMark, setRuntimeMark } from "../store/runtime-marks.js";
import { kotaBengkuluReferenceData, seedReferenceData, shippedLegalBases } from "../store/seed.js";
import type { Store } from "../store/store.js";

/** The part of a Queue producer binding this code calls. Message bodies are outbox row ids. */
export interface QueueProducerLike {
  send(body: string, options?: { delaySeconds?: number }): Promise<unknown>;
  sendBatch(messages: { body: string; delaySeconds?: number }[], options?: { delaySeconds?: number }): Promise<unknown>;
}

/**
 * Bindings, vars and secrets of wrangler.toml (secrets are set with `wrangler secret put`); the rate-limiting
 * bindings (LOGIN_LIMITER, ...) come from RateLimitBindings.
 */
export interface WorkerEnv extends RateLimitBindings {
  DB: D1DatabaseLike;
  DOCS: R2BucketLike;
  SEND_QUEUE: QueueProducerLike;
  PUBLIC_URL: string;
  SESSION_SECRET: string;
  ACK_SECRET: string;
  /** Private JWK (Ed25519 or ECDSA P-256) as JSON. */
  SIGNING_KEY_JWK: string;
  /** Optional RSA key + certificate for the Office (OOXML) signature, from `npx tsx scripts/make-ooxml-signer.ts`. */
  OOXML_SIGNER_JSON?: string;
  LOCAL_CA_KEY_JWK?: string;
  RESEND_API_KEY?: string;
  RESEND_BASE_URL?: string;
  RESEND_WEBHOOK_SECRET?: string;
  /** Resend's rate limit per team (requests per second) the sender keeps to; 2 when unset. */
  RESEND_REQUESTS_PER_SECOND?: string;
  MAIL_FROM?: string;
  REMINDER_INTERVAL_HOURS?: string;
  /** How long a claim on an outbox row holds before the cron or another consumer may take it over. */
  OUTBOX_CLAIM_SECONDS?: string;
  /** For a demo only: the seed accounts are created with this password on first request (else invited). */
  SEED_PASSWORD?: string;
  /** Secret: opens /pasang to make the first admin while no admin has a password (README "First admin"). */
  SETUP_TOKEN?: string;
  /** PBKDF2 iterations of new password hashes; workerd refuses more than 100 000. */
  PASSWORD_ITERATIONS?: string;
  DEV_ROUTES?: string;
  /** The Pemda's BSrE esign client (vars); when set, letters are signed through BSrE instead of the local CA. */
  BSRE_URL?: string;
  BSRE_USERNAME?: string;
  /** Secret: the esign client account's password. */
  BSRE_PASSWORD?: string;
  BSRE_TIMEOUT_MS?: string;
  /** BSrE root and intermediate certificates, PEM, for verifying BSrE-signed PDFs. */
  BSRE_ROOTS_PEM?: string;
}

const workerSettingsSchema = z.object({
  PUBLIC_URL: z.url(),
  SESSION_SECRET: z.string().min(32),
  ACK_SECRET: z.string().min(32),
  SIGNING_KEY_JWK: z.string().min(2),
  OOXML_SIGNER_JSON: z.string().min(2).optional(),
  /** The local CA's ECDSA P-256 private JWK; without it letters are signed as DOCX only (no signed PDF). */
  LOCAL_CA_KEY_JWK: z.string().min(2).optional(),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.url().optional(),
  RESEND_WEBHOOK_SECRET: z.string().optional(),
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().positive().default(2),
  MAIL_FROM: z.string().default("Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.go.id>"),
  REMINDER_INTERVAL_HOURS: z.coerce.number().positive().default(24),
  OUTBOX_CLAIM_SECONDS: z.coerce.number().int().min(10).default(300),
  SEED_PASSWORD: z.string().min(8).optional(),
  SETUP_TOKEN: z.string().min(32, "SETUP_TOKEN must be at least 32 characters").optional(),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1).max(100_000).default(100_000),
  DEV_ROUTES: z.enum(["0", "1"]).optional(),
  // Checked as a set by bsreConfigFromEnv (sign/bsre/bsre-config.ts) when BSRE_URL is given.
  BSRE_URL: z.string().optional(),
  BSRE_USERNAME: z.string().optional(),
  BSRE_PASSWORD: z.string().optional(),
  BSRE_TIMEOUT_MS: z.string().optional(),
  BSRE_ROOTS_PEM: z.string().optional(),
});
export type WorkerSettings = z.infer<typeof workerSettingsSchema>;

/** Reads the vars and secrets; a missing or malformed one is named in the error (values never are). */
export function workerSettings(env: WorkerEnv): WorkerSettings {
  // Empty strings count as unset, as an unset `wrangler secret` would be.
  const raw = Object.fromEntries(
    Object.keys(workerSettingsSchema.shape).map((k) => [
      k,
      // cast: the bindings object read by name; the schema below checks each value
      (env as unknown as Record<string, unknown>)[k] || undefined,
    ]),
  );
  const parsed = workerSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid Worker settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

/** Queues accept at most 100 messages per sendBatch. */
export const QUEUE_BATCH_LIMIT = 100;
/** Queues delay a message by at most 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 60 * 60;

export async function enqueueOutboxIds(
  queue: QueueProducerLike,
  ids: readonly string[],
  delaySeconds = 0,
): Promise<void> {
  const delay = Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
  for (let i = 0; i < ids.length; i += QUEUE_BATCH_LIMIT) {
    const messages = ids.slice(i, i + QUEUE_BATCH_LIMIT).map((body) => ({ body }));
    await queue.sendBatch(messages, delay > 0 ? { delaySeconds: delay } : undefined);
  }
}

export function queueSendQueue(queue: QueueProducerLike): SendQueue {
  return { enqueue: (ids) => enqueueOutboxIds(queue, ids) };
}

/** The Resend mailer, or null when RESEND_API_KEY is not set (nothing can be sent then). */
export function workerMailer(settings: WorkerSettings): Mailer | null {
  if (!settings.RESEND_API_KEY) return null;
  return createResendMailer({
    apiKey: settings.RESEND_API_KEY,
    requestsPerSecond: settings.RESEND_REQUESTS_PER_SECOND,
    ...(settings.RESEND_BASE_URL ? { baseUrl: settings.RESEND_BASE_URL } : {}),
  });
}

export interface WorkerRuntime {
  settings: WorkerSettings;
  store: Store;
  services: AppServices;
  app: Hono<AppEnv>;
  /** The message builder for a given "now" (the cron passes its scheduled time). */
  builder(clock: Clock): MessageBuilder;
  /**
   * The claim settings of this isolate's sends. Workers have no start-up to release a dead isolate's claims:
   * the Queue redelivers a batch that was not acked, and the cron sweep takes over rows whose lock expired.
   * The claimant only tells, in the outbox table, which isolate holds a row. Outcomes of single sends are written
   * 20 at a time, within D1's calls per invocation (see ProcessOptions.settleAloneEvery).
   */
  outbox: { lockMs: number; claimant: string; settleAloneEvery: number };
}

function buildRuntime(env: WorkerEnv): WorkerRuntime {
  const settings = workerSettings(env);
  const publicUrl = settings.PUBLIC_URL.replace(/\/+$/, "");
  const store = openD1Store(env.DB);
  const blobs = r2BlobStore(env.DOCS);
  const localCa = settings.LOCAL_CA_KEY_JWK
    ? { store, clock: systemClock, caKey: keySecretSource(settings.LOCAL_CA_KEY_JWK) }
    : null;
  const bsre = bsreConfigFromEnv(settings);
  const bsreRoots = bsreRootsFromPem(settings.BSRE_ROOTS_PEM);
  const pdfSigner = bsre ? bsreLetterPdfSigner(bsreClient(bsre)) : localCa ? localCaLetterPdfSigner(localCa) : null;
  const services: AppServices = {
    store,
    clock: systemClock,
    config: {
      publicUrl,
      sessionSecret: settings.SESSION_SECRET,
      ackSecret: settings.ACK_SECRET,
      passwordIterations: settings.PASSWORD_ITERATIONS,
      reminderIntervalHours: settings.REMINDER_INTERVAL_HOURS,
      devRoutes: settings.DEV_ROUTES === "1",
      // Cloudflare sets (and overwrites) this header on every request; X-Forwarded-For is client-controlled.
      ipHeader: "cf-connecting-ip",
      ...(settings.SETUP_TOKEN ? { setupToken: settings.SETUP_TOKEN } : {}),
      ...(settings.RESEND_WEBHOOK_SECRET ? { webhookSecret: settings.RESEND_WEBHOOK_SECRET } : {}),
    },
    blobs,
    keys: keySecretSource(settings.SIGNING_KEY_JWK),
    ...(settings.OOXML_SIGNER_JSON ? { ooxml: ooxmlSignerSecretSource(settings.OOXML_SIGNER_JSON) } : {}),
    ...(localCa ? { localCa } : {}),
    ...(pdfSigner ? { pdfSigner } : {}),
    ...(bsreRoots ? { bsreRoots } : {}),
    sendQueue: queueSendQueue(env.SEND_QUEUE),
    rateLimiters: workerRateLimiters(env, systemClock, (l) => console.warn(l)),
    // No rasteriseSvg: resvg-wasm (2.4 MB) would be most of the bundle. The profile page turns an SVG into a PNG in
    // the admin's browser; an SVG sent to the API here is refused with a message saying to upload the PNG.
  };
  const builder = (clock: Clock) =>
    createMessageBuilder({
      store,
      blobs,
      clock,
      ackSecret: settings.ACK_SECRET,
      from: settings.MAIL_FROM,
      ackUrl: (token) => `${publicUrl}/tanda-terima/${token}`,
      verifyUrl: (letterId) => `${publicUrl}/v/${letterId}`,
    });
  return {
    settings,
    store,
    services,
    app: createApp(services, { pages: registerPages }),
    builder,
    outbox: {
      lockMs: settings.OUTBOX_CLAIM_SECONDS * 1000,
      claimant: `worker:${globalThis.crypto.randomUUID().slice(0, 8)}`,
      settleAloneEvery: 20,
    },
  };
}

/**
 * What start-up seeding depends on: the shipped reference data and profile, whether seed accounts are wanted (never
 * the password itself), and the signing key. The same inputs on this database → nothing to do.
 */
async function prepareFingerprint(rt: WorkerRuntime): Promise<string> {
  const key = await rt.services.keys.current();
  return sha256Hex(
    new TextEncoder().encode(
      JSON.stringify({
        reference: kotaBengkuluReferenceData,
        legalBases: shippedLegalBases,
        profile: kotaBengkuluProfile,
        lambang: await sha256Hex(logoPng),
        seedAccounts: Boolean(rt.settings.SEED_PASSWORD),
        kid: key.kid,
      }),
    ),
  );
}

const PREPARED_MARK = "worker.prepared";

/**
 * One-time setup on a fresh database; every step is idempotent, so two isolates doing it at once is harmless. Once
 * done, an isolate's cold start costs one read (the mark), not the ~56 statements of the seeding.
 */
async function prepare(rt: WorkerRuntime): Promise<void> {
  const fingerprint = await prepareFingerprint(rt);
  if ((await runtimeMark(rt.store, PREPARED_MARK)) === fingerprint) return;
  await seedOnce(rt);
  await setRuntimeMark(rt.store, PREPARED_MARK, fingerprint, rt.services.clock.now().toISOString());
}

async function seedOnce(rt: WorkerRuntime): Promise<void> {
  const now = rt.services.clock.now();
  await seedReferenceData(rt.store, now.toISOString());
  // The bundled lambang goes into R2 once, with profile version 1; later lambangs are uploads.
  await seedPemdaProfile(rt.services, { profile: kotaBengkuluProfile, lambangPng: logoPng });
  // Invited accounts cost no PBKDF2 here; SEED_PASSWORD (a demo) costs one hash, not one per account.
  await seedUsers(rt.store, {
    ...(rt.settings.SEED_PASSWORD ? { password: rt.settings.SEED_PASSWORD } : {}),
    now,
    opds: await listOpds(rt.store),
    iterations: rt.settings.PASSWORD_ITERATIONS,
  });
  await seedSampleSigner(rt.store, now);
  const key = await rt.services.keys.current();
  await signingKeyRepo(rt.store).register({
    kid: key.kid,
    alg: key.alg,
    publicJwk: key.publicJwk,
    createdAt: now.toISOString(),
  });
}

// Keyed by the env object: workerd hands the same one to every event of an isolate, and tests that pass
// their own env get their own runtime.
const runtimes = new WeakMap<object, Promise<WorkerRuntime>>();

export function workerRuntime(env: WorkerEnv): Promise<WorkerRuntime> {
  let pending = runtimes.get(env);
  if (!pending) {
    pending = (async () => {
      const rt = buildRuntime(env);
      await prepare(rt);
      return rt;
    })();
    // A failed start (e.g. a bad secret) is not cached, so the next request tries again.
    pending.catch(() => runtimes.delete(env));
    runtimes.set(env, pending);
  }
  return pending;
}
