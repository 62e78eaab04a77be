// The real Node app (startNodeRuntime) in-process on a temp DATA_DIR, for the API tests: seeded OPDs,
// registers and one account per role, no background loops. Helpers log in as a role and call the API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ackTokenFor } from "../../src/domain/ack-token.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Logger } from "../../src/domain/log-record.js";
import type { Role } from "../../src/domain/roles.js";
import { type NodeRuntime, startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { signResendWebhook } from "../../src/track/resend-webhook.js";
import type { ApiTarget } from "./api-client-fixture.js";
import { makeSampleBody } from "./sample-input-fixture.js";
import { passphraseBody, SIGNING_PASSPHRASE } from "./signer-fixture.js";

export const SEED_PASSWORD = "uji-coba-rahasia";
export const PUBLIC_URL = "http://edaran.test";
/** whsec_ + base64 of 24 bytes: the Resend webhook secret the fixture configures. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from("kunci-webhook-uji-0123456").toString("base64")}`;

/** The roles of the matrix: the five real ones, and nobody. */
export type Caller = Role | "anonymous";
export const callers: readonly Caller[] = [
  "sekretariat",
  "penandatangan",
  "kepala_opd",
  "inspektorat",
  "admin",
  "anonymous",
];

/** The seeded username that has `role` (kepala_opd: the head of BKPSDM). */
export const usernameOf: Record<Role, string> = {
  sekretariat: "sekretariat",
  penandatangan: "penandatangan",
  kepala_opd: "kepala-bkpsdm",
  inspektorat: "inspektorat",
  admin: "admin",
};

export interface CallOptions {
  as?: Caller | { cookie: string };
  body?: unknown;
  /** Sent as is (a DOCX upload); `body` is JSON-encoded. */
  raw?: BodyInit;
  headers?: Record<string, string>;
}

export interface ApiFixture {
  rt: NodeRuntime;
  dir: string;
  /** Logs in and returns the Cookie header value; cached per username unless fresh. */
  login(username: string, fresh?: boolean): Promise<string>;
  cookieFor(role: Role): Promise<string>;
  userId(username: string): Promise<string>;
  call(method: string, path: string, opts?: CallOptions): Promise<Response>;
  /** call() that expects `status` and returns the parsed JSON body. */
  json<T = Record<string, unknown>>(method: string, path: string, status: number, opts?: CallOptions): Promise<T>;
  close(): Promise<void>;
}

export async function makeApiFixture(
  opts: { clock?: Clock; env?: Record<string, string>; logger?: Logger } = {},
): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), "edaran-http-"));
  const config = loadNodeConfig({
    DATA_DIR: dir,
    SEED_PASSWORD,
    PASSWORD_ITERATIONS: "1000",
    PUBLIC_URL,
    RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...opts.env,
  });
  const rt = await startNodeRuntime(config, {
    background: false,
    log: () => {},
    // The request and job records stay out of the test output unless a test asks for them.
    logger: opts.logger ?? { line: () => {} },
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const cookies = new Map<string, string>();

  async function login(username: string, fresh = false): Promise<string> {
    const cached = cookies.get(username);
    if (cached && !fresh) return cached;
    const res = await rt.app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: SEED_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    if (!fresh) cookies.set(username, cookie);
    return cookie;
  }

  async function call(method: string, path: string, o: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...o.headers };
    const as = o.as ?? "anonymous";
    if (typeof as === "object") headers.cookie = as.cookie;
    else if (as !== "anonymous") headers.cookie = await login(usernameOf[as]);
    let body: BodyInit | undefined = o.raw;
    if (o.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
    }
    return rt.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  }

  return {
    rt,
    dir,
    login,
    cookieFor: (role) => login(usernameOf[role]),
    async userId(username) {
      const row = await rt.store.db
        .selectFrom("users")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    call,
    async json<T>(method: string, path: string, status: number, o: CallOptions = {}): Promise<T> {
      const res = await call(method, path, o);
      const text = await res.text();
      if (res.status !== status)
        throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    async close() {
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The fixture's app as an ApiTarget, for the suites that run on both runtimes (test/contract/). */
export function makeNodeTarget(fx: ApiFixture): ApiTarget {
  return {
    fetch: (path, init) => Promise.resolve(fx.rt.app.request(path, init)),
    seedPassword: SEED_PASSWORD,
    ackSecret: fx.rt.services.config.ackSecret,
  };
}

export interface LetterRef {
  id: string;
  status: string;
  revision: number;
  nomor: string | null;
}

/** Drafts the sample letter as the secretariat. */
export async function draftLetter(fx: ApiFixture, body: unknown = makeSampleBody()): Promise<LetterRef> {
  return fx.json<LetterRef>("POST", "/api/letters", 201, { as: "sekretariat", body });
}

const transition = (fx: ApiFixture, id: string, as: Caller, body: Record<string, unknown>) =>
  fx.json<LetterRef>("POST", `/api/letters/${id}/transitions`, 200, { as, body });

/**
 * Walks a new sample letter to `until` through the API: draft → in_review (the head of BKPSDM as the one
 * reviewer) → paraf → approved → signed.
 */
export async function letterAt(
  fx: ApiFixture,
  until: "draft" | "in_review" | "reviewed" | "approved" | "signed",
): Promise<LetterRef> {
  let l = await draftLetter(fx);
  if (until === "draft") return l;
  l = await transition(fx, l.id, "sekretariat", { action: "submit", reviewers: [await fx.userId("kepala-bkpsdm")] });
  if (until === "in_review") return l;
  l = await transition(fx, l.id, "kepala_opd", { action: "paraf" });
  if (until === "reviewed") return l;
  l = await transition(fx, l.id, "penandatangan", { action: "approve" });
  if (until === "approved") return l;
  await readySigner(fx);
  return transition(fx, l.id, "penandatangan", { action: "sign", passphrase: SIGNING_PASSPHRASE });
}

/** Gives the sample signer his signing passphrase (SIGNING_PASSPHRASE) through the API, once per app. */
export async function readySigner(fx: ApiFixture): Promise<void> {
  if (readySigners.has(fx)) return;
  const id = await fx.userId("penandatangan");
  await fx.json("PUT", `/api/signers/${id}/passphrase`, 200, { as: "penandatangan", body: passphraseBody });
  readySigners.add(fx);
}
const readySigners = new WeakSet<ApiFixture>();

/** The issue paths of an error envelope, sorted. */
export async function issuePaths(res: Response): Promise<string[]> {
  const body = (await res.json()) as { error: { issues?: { path: string }[] } };
  return (body.error.issues ?? []).map((i) => i.path).sort();
}

/** Sends a signed letter to the given OPDs (not "all": DISPORA has no email in the seed). */
export async function sendLetter(fx: ApiFixture, id: string, opdIds: string[]): Promise<LetterRef> {
  return fx.json<LetterRef>("POST", `/api/letters/${id}/transitions`, 200, {
    as: "sekretariat",
    body: { action: "send", opdIds },
  });
}

/** The acknowledgement token in the link the OPD's head received for the letter. */
export async function ackToken(
  fx: ApiFixture,
  letterId: string,
  opdId: string,
): Promise<{ token: string; recipientId: string }> {
  const r = await fx.rt.store.db
    .selectFrom("recipients")
    .select("id")
    .where("letter_id", "=", letterId)
    .where("opd_id", "=", opdId)
    .executeTakeFirstOrThrow();
  return { token: await ackTokenFor(fx.rt.services.config.ackSecret, r.id), recipientId: r.id };
}

let webhookSeq = 0;
/** A Resend webhook request signed with the fixture's secret (a fresh svix-id each time). */
export async function signedWebhook(
  event: unknown,
  now = new Date(),
): Promise<{ raw: string; headers: Record<string, string> }> {
  const raw = JSON.stringify(event);
  const id = `msg_uji_${Date.now()}_${++webhookSeq}`;
  const ts = Math.floor(now.getTime() / 1000);
  return {
    raw,
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(ts),
      "svix-signature": await signResendWebhook(WEBHOOK_SECRET, id, ts, raw),
    },
  };
}
