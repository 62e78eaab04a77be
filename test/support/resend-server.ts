// A local stand-in for the parts of Resend's HTTP API that edaran uses, spoken the way the `resend`
// SDK (6.x) expects: JSON bodies, `Authorization: Bearer`, the `Idempotency-Key` header, and errors as
// `{ statusCode, name, message }` with Resend's status codes (resend.com/docs/api-reference/errors).
// Dependency-free (node:http only) so tests, the bench and browser tests can all start one.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inboxEmailPage, inboxPage } from "./resend-inbox-page.js";

export interface DeliveredAttachment {
  filename: string | undefined;
  contentType: string | undefined;
  /** Decoded bytes of `content`; empty when the attachment came as a `path`. */
  content: Uint8Array;
  path: string | undefined;
}

export interface DeliveredEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
  headers: Record<string, string>;
  attachments: DeliveredAttachment[];
  /** Resend tags: name/value pairs of ASCII letters, digits, '_' and '-'. */
  tags: { name: string; value: string }[];
  idempotencyKey: string | undefined;
  /** 'emails' for POST /emails, 'batch' for POST /emails/batch. */
  via: "emails" | "batch";
  at: number;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  status: number;
  idempotencyKey: string | undefined;
}

export interface Fault {
  /** 429, 500 or 503 (any status works; 429 gets retry-after). */
  status: number;
  /** How many of the next requests answer with this fault. */
  times: number;
  /** Seconds in the retry-after header of a 429; 1 when not given. */
  retryAfterSec?: number;
}

export interface ResendServerOptions {
  /** When set, only this bearer token is accepted (403 invalid_api_key otherwise); any token when unset. */
  apiKey?: string;
  /**
   * Steady rate limit in requests per second over a sliding one-second window, as Resend's per-team limit (2 by
   * default); above it 429 with retry-after and ratelimit-* headers. Off when unset. `inject` for exact faults.
   */
  rateLimitPerSecond?: number;
  /** Milliseconds since epoch; tests move it to expire idempotency keys. */
  now?: () => number;
  /** Idempotency key lifetime; Resend keeps keys 24 hours. */
  idempotencyTtlMs?: number;
}

export interface ResendServer {
  /** Base URL to give the SDK (`new Resend(key, { baseUrl })`). */
  url: string;
  close(): Promise<void>;
  /** Every email accepted and "delivered", in order. Idempotent replays do not appear twice. */
  readonly delivered: readonly DeliveredEmail[];
  /** Every request seen, with the status it was answered. */
  readonly requests: readonly ReceivedRequest[];
  /** The next `times` requests (send or batch) answer `status`. Faults queue up in order. */
  inject(fault: Fault): void;
  /** Delivered emails per recipient address. */
  countsByRecipient(): Map<string, number>;
  /** Requests answered 429 (rate limited, injected or not): each one a request wasted. */
  rateLimitedCount(): number;
  deliveredTo(address: string): DeliveredEmail[];
  /** Forgets deliveries, requests, keys and faults. */
  reset(): void;
}

interface ApiErrorBody {
  statusCode: number;
  name: string;
  message: string;
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorName: string,
    message: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {
    super(message);
  }
  body(): ApiErrorBody {
    return { statusCode: this.statusCode, name: this.errorName, message: this.message };
  }
}

interface StoredKey {
  bodyHash: string;
  status: number;
  response: unknown;
  expiresAt: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const NAMED_EMAIL = /^[^<>]*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function isAddress(value: string): boolean {
  const v = value.trim();
  return EMAIL.test(v) || NAMED_EMAIL.test(v);
}

function bareAddress(value: string): string {
  const m = NAMED_EMAIL.exec(value.trim());
  return (m?.[1] ?? value.trim()).toLowerCase();
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function toList(value: unknown): string[] | null {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return null;
}

/** Validates one email payload as POST /emails does; throws HttpError 422 like Resend. */
function validateEmail(
  raw: unknown,
  where: string,
  allowAttachments: boolean,
): Omit<DeliveredEmail, "id" | "idempotencyKey" | "via" | "at"> {
  const body = asRecord(raw);
  if (!body) throw new HttpError(422, "validation_error", `${where}: the body must be a JSON object.`);
  const missing = ["from", "to", "subject"].filter((f) => body[f] === undefined || body[f] === null || body[f] === "");
  if (missing.length) {
    throw new HttpError(422, "missing_required_field", `${where}: missing \`${missing.join("`, `")}\` field.`);
  }
  if (typeof body.from !== "string" || !isAddress(body.from)) {
    throw new HttpError(
      422,
      "invalid_from_address",
      "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
    );
  }
  const to = toList(body.to);
  if (!to || to.length === 0 || to.length > 50 || !to.every(isAddress)) {
    throw new HttpError(
      422,
      "validation_error",
      "Invalid `to` field. Give 1 to 50 addresses like `email@example.com`.",
    );
  }
  if (typeof body.subject !== "string") throw new HttpError(422, "validation_error", "Invalid `subject` field.");
  if (body.html === undefined && body.text === undefined && body.template === undefined) {
    throw new HttpError(422, "missing_required_field", "Missing `html` or `text` field.");
  }
  const headers: Record<string, string> = {};
  const rawHeaders = body.headers === undefined ? {} : asRecord(body.headers);
  if (!rawHeaders) throw new HttpError(422, "validation_error", "Invalid `headers` field.");
  for (const [k, v] of Object.entries(rawHeaders)) {
    if (typeof v !== "string") throw new HttpError(422, "validation_error", `Header \`${k}\` must be a string.`);
    headers[k] = v;
  }
  const attachments: DeliveredAttachment[] = [];
  if (body.attachments !== undefined) {
    if (!allowAttachments) {
      throw new HttpError(422, "validation_error", "Attachments are not supported on the batch endpoint.");
    }
    if (!Array.isArray(body.attachments))
      throw new HttpError(422, "invalid_attachment", "`attachments` must be an array.");
    for (const a of body.attachments) {
      const att = asRecord(a);
      if (!att) throw new HttpError(422, "invalid_attachment", "Each attachment must be an object.");
      const content = att.content;
      const path = att.path;
      if (content === undefined && path === undefined) {
        throw new HttpError(422, "invalid_attachment", "Attachment must have either a `content` or `path`.");
      }
      if (content !== undefined && (typeof content !== "string" || content.length % 4 !== 0 || !BASE64.test(content))) {
        throw new HttpError(422, "invalid_attachment", "Attachment `content` must be a base64 string.");
      }
      if (content !== undefined && (typeof att.filename !== "string" || att.filename === "")) {
        throw new HttpError(422, "invalid_attachment", "Attachment with `content` needs a `filename`.");
      }
      attachments.push({
        filename: typeof att.filename === "string" ? att.filename : undefined,
        contentType: typeof att.content_type === "string" ? att.content_type : undefined,
        content: typeof content === "string" ? new Uint8Array(Buffer.from(content, "base64")) : new Uint8Array(),
        path: typeof path === "string" ? path : undefined,
      });
    }
  }
  const tags: { name: string; value: string }[] = [];
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags)) throw new HttpError(422, "validation_error", "`tags` must be an array.");
    for (const t of body.tags) {
      const tag = asRecord(t);
      const ok = (v: unknown) => typeof v === "string" && /^[A-Za-z0-9_-]{1,256}$/.test(v);
      if (!tag || !ok(tag.name) || !ok(tag.value)) {
        throw new HttpError(
          422,
          "validation_error",
          "Tags should only contain ASCII letters, numbers, underscores, or dashes.",
        );
      }
      tags.push({ name: tag.name as string, value: tag.value as string });
    }
  }
  return {
    tags,
    from: body.from,
    to,
    subject: body.subject,
    html: typeof body.html === "string" ? body.html : undefined,
    text: typeof body.text === "string" ? body.text : undefined,
    headers,
    attachments,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** FNV-1a over the body text: enough to tell "same body" from "different body" for one key. */
function hashBody(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16)}:${text.length}`;
}

export async function startResendServer(opts: ResendServerOptions = {}): Promise<ResendServer> {
  const now = opts.now ?? (() => Date.now());
  const ttl = opts.idempotencyTtlMs ?? DAY_MS;
  const delivered: DeliveredEmail[] = [];
  const requests: ReceivedRequest[] = [];
  const keys = new Map<string, StoredKey>();
  const inFlight = new Set<string>();
  const faults: Fault[] = [];
  const window: number[] = [];
  let seq = 0;

  const limit = opts.rateLimitPerSecond;

  function rateHeaders(): Record<string, string> {
    if (!limit) return { "ratelimit-limit": "1000", "ratelimit-remaining": "999", "ratelimit-reset": "1" };
    const t = now();
    while (window.length && (window[0] ?? 0) <= t - 1000) window.shift();
    return {
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": String(Math.max(0, limit - window.length)),
      "ratelimit-reset": "1",
    };
  }

  function nextId(): string {
    seq += 1;
    // Resend ids are UUIDs; a deterministic one keeps test output readable.
    const n = seq.toString(16).padStart(12, "0");
    return `4ef9a417-02e9-4d39-ad75-${n}`;
  }

  function takeFault(): HttpError | null {
    const f = faults[0];
    if (!f) return null;
    f.times -= 1;
    if (f.times <= 0) faults.shift();
    if (f.status === 429) {
      const retryAfter = String(f.retryAfterSec ?? 1);
      return new HttpError(429, "rate_limit_exceeded", "Too many requests. You can only make 5 requests per second.", {
        "retry-after": retryAfter,
        "ratelimit-remaining": "0",
        "ratelimit-reset": retryAfter,
      });
    }
    const name = f.status >= 500 ? "internal_server_error" : "application_error";
    return new HttpError(f.status, name, "An unexpected error occurred. Please try again later.");
  }

  function checkRate(): HttpError | null {
    if (!limit) return null;
    const t = now();
    while (window.length && (window[0] ?? 0) <= t - 1000) window.shift();
    if (window.length >= limit) {
      // When the oldest request of the window leaves it, in whole seconds as Resend sends them.
      const reset = String(Math.max(1, Math.ceil(((window[0] ?? t) + 1000 - t) / 1000)));
      return new HttpError(
        429,
        "rate_limit_exceeded",
        `Too many requests. You can only make ${limit} requests per second.`,
        {
          "retry-after": reset,
          "ratelimit-limit": String(limit),
          "ratelimit-remaining": "0",
          "ratelimit-reset": reset,
        },
      );
    }
    window.push(t);
    return null;
  }

  function handle(path: string, body: unknown, key: string | undefined): { status: number; response: unknown } {
    const at = now();
    if (path === "/emails") {
      const email = validateEmail(body, "email", true);
      const id = nextId();
      delivered.push({ ...email, id, idempotencyKey: key, via: "emails", at });
      return { status: 200, response: { id } };
    }
    // /emails/batch
    if (!Array.isArray(body))
      throw new HttpError(422, "validation_error", "The batch body must be an array of emails.");
    if (body.length === 0 || body.length > 100) {
      throw new HttpError(422, "validation_error", "A batch holds 1 to 100 emails.");
    }
    // Strict mode (the SDK's default): validate all first, so one bad email sends none.
    const emails = body.map((e, i) => validateEmail(e, `emails[${i}]`, false));
    const data = emails.map((email) => {
      const id = nextId();
      delivered.push({ ...email, id, idempotencyKey: key, via: "batch", at });
      return { id };
    });
    return { status: 200, response: { data } };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    const key = req.headers["idempotency-key"] as string | undefined;
    const send = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? "", path, status, idempotencyKey: key });
      res.writeHead(status, { "content-type": "application/json", ...rateHeaders(), ...extra });
      res.end(JSON.stringify(payload));
    };
    const text = await readBody(req);
    // The inbox view (resend-inbox-page.ts) for a person; not part of Resend's API.
    if (req.method === "GET" && (path === "" || path === "/inbox" || path.startsWith("/inbox/"))) {
      const id = path.startsWith("/inbox/") ? decodeURIComponent(path.slice("/inbox/".length)) : null;
      const email = id === null ? null : delivered.find((e) => e.id === id);
      res.writeHead(id !== null && !email ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
      res.end(email ? inboxEmailPage(email) : id === null ? inboxPage(delivered) : "Email tidak ditemukan");
      return;
    }
    try {
      if (path !== "/emails" && path !== "/emails/batch")
        throw new HttpError(404, "not_found", "The requested endpoint does not exist.");
      if (req.method !== "POST")
        throw new HttpError(405, "method_not_allowed", "Method is not allowed for the requested path.");
      const auth = req.headers.authorization;
      const token = auth?.startsWith("Bearer ") ? auth.slice(7).trim() : "";
      if (!token) throw new HttpError(401, "missing_api_key", "Missing API key in the authorization header.");
      if (opts.apiKey !== undefined && token !== opts.apiKey)
        throw new HttpError(403, "invalid_api_key", "API key is invalid.");
      if (key !== undefined && (key.length < 1 || key.length > 256)) {
        throw new HttpError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
      }
      const fault = takeFault() ?? checkRate();
      if (fault) throw fault;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(422, "validation_error", "The body is not valid JSON.");
      }
      if (key === undefined) {
        const r = handle(path, body, undefined);
        return send(r.status, r.response);
      }
      const scoped = `${path}\n${key}`;
      const bodyHash = hashBody(text);
      const stored = keys.get(scoped);
      if (stored && stored.expiresAt > now()) {
        if (stored.bodyHash !== bodyHash) {
          throw new HttpError(
            409,
            "invalid_idempotent_request",
            "Same idempotency key used with a different request payload.",
          );
        }
        // A replay: the first answer again, and no second delivery.
        return send(stored.status, stored.response);
      }
      if (inFlight.has(scoped)) {
        throw new HttpError(
          409,
          "concurrent_idempotent_requests",
          "Same idempotency key used while original request is still in progress.",
        );
      }
      inFlight.add(scoped);
      try {
        const r = handle(path, body, key);
        // Only a success claims the key, so a request rejected for its content may be fixed and retried.
        keys.set(scoped, { bodyHash, status: r.status, response: r.response, expiresAt: now() + ttl });
        return send(r.status, r.response);
      } finally {
        inFlight.delete(scoped);
      }
    } catch (err) {
      if (err instanceof HttpError) return send(err.statusCode, err.body(), err.extraHeaders);
      const e: ApiErrorBody = { statusCode: 500, name: "internal_server_error", message: String(err) };
      return send(500, e);
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Keep-alive sockets would hold close() open; the SDK's fetch reconnects as needed.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    requests,
    inject(fault) {
      if (fault.times > 0) faults.push({ ...fault });
    },
    countsByRecipient() {
      const counts = new Map<string, number>();
      for (const e of delivered)
        for (const to of e.to) counts.set(bareAddress(to), (counts.get(bareAddress(to)) ?? 0) + 1);
      return counts;
    },
    rateLimitedCount() {
      return requests.filter((r) => r.status === 429).length;
    },
    deliveredTo(address) {
      const a = bareAddress(address);
      return delivered.filter((e) => e.to.some((t) => bareAddress(t) === a));
    },
    reset() {
      delivered.length = 0;
      requests.length = 0;
      keys.clear();
      faults.length = 0;
      window.length = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
