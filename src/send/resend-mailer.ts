// Mailer on the real `resend` SDK. Works on Node and Workers (the SDK uses global fetch);
// the base URL is passed explicitly because Workers have no process.env for RESEND_BASE_URL.
import { Resend } from "resend";
import type { BatchItem, BatchOutcome, Mailer, OutgoingEmail, SendOptions, SendOutcome } from "./mailer.js";
import { createRequestPacer } from "./request-pacer.js";

export interface ResendMailerOptions {
  apiKey: string;
  /** Defaults to https://api.resend.com; tests point it at the local fake. */
  baseUrl?: string;
  /** The team's rate limit the calls are spaced to (single and batch alike); Resend's default, 2, when unset. */
  requestsPerSecond?: number;
  /** Milliseconds now, for the pacer's retry-after hold; tests that move a fake clock pass theirs. */
  now?: () => number;
}

/** Resend's default rate limit per team. */
export const RESEND_DEFAULT_REQUESTS_PER_SECOND = 2;

/** retry-after is seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Which provider answers deserve another try: rate limits, server errors, no answer, a key still in flight. */
export function isRetryableStatus(statusCode: number | null, name: string): boolean {
  if (statusCode === null) return true;
  if (statusCode === 429 || statusCode >= 500) return true;
  return name === "concurrent_idempotent_requests";
}

/** The SDK's error answer as a failed outcome, with what the provider asked for on a 429. */
function failure(
  error: { statusCode: number | null; name: string; message: string },
  headers: Record<string, string> | null,
): Extract<SendOutcome, { ok: false }> {
  const { statusCode, name, message } = error;
  const retryable = isRetryableStatus(statusCode, name);
  const retryAfterMs = parseRetryAfter(headers?.["retry-after"], Date.now());
  return {
    ok: false,
    retryable,
    ...(retryable && retryAfterMs !== null ? { retryAfterMs } : {}),
    ...(statusCode === 429 ? { rateLimited: true } : {}),
    error: `resend ${statusCode ?? "network"} ${name}: ${message}`,
  };
}

/** A call not made because the provider's retry-after still holds: a 429 in all but the request spent. */
function held(ms: number): Extract<SendOutcome, { ok: false }> {
  return {
    ok: false,
    retryable: true,
    rateLimited: true,
    held: true,
    retryAfterMs: ms,
    error: "resend: held for retry-after",
  };
}

function payload(msg: OutgoingEmail) {
  return {
    from: msg.from,
    to: msg.to,
    subject: msg.subject,
    html: msg.html,
    text: msg.text,
    ...(msg.headers ? { headers: msg.headers } : {}),
    ...(msg.tags?.length ? { tags: msg.tags } : {}),
  };
}

export function createResendMailer(opts: ResendMailerOptions): Mailer {
  const resend = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
  const pacer = createRequestPacer({
    requestsPerSecond: opts.requestsPerSecond ?? RESEND_DEFAULT_REQUESTS_PER_SECOND,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const noteLimit = (outcome: Extract<SendOutcome, { ok: false }>) => {
    if (outcome.rateLimited) pacer.holdFor(outcome.retryAfterMs ?? 1000);
    return outcome;
  };
  return {
    async send(msg: OutgoingEmail, { idempotencyKey }: SendOptions): Promise<SendOutcome> {
      let result: Awaited<ReturnType<typeof resend.emails.send>>;
      const done = await pacer.wait();
      if (typeof done !== "function") return held(done.heldMs);
      try {
        result = await resend.emails.send(
          {
            ...payload(msg),
            ...(msg.attachments?.length
              ? {
                  attachments: msg.attachments.map((a) => ({
                    filename: a.filename,
                    content: a.content,
                    contentType: a.contentType,
                  })),
                }
              : {}),
          },
          { idempotencyKey },
        );
      } catch (err) {
        // The SDK turns fetch failures into { error }, so a throw here is unexpected; still worth a retry.
        return { ok: false, retryable: true, error: `resend: ${err instanceof Error ? err.message : String(err)}` };
      } finally {
        done();
      }
      if (result.data) return { ok: true, providerId: result.data.id };
      return noteLimit(failure(result.error, result.headers));
    },

    async sendBatch(items: readonly BatchItem[], { idempotencyKey }: SendOptions): Promise<BatchOutcome> {
      let result: Awaited<ReturnType<typeof resend.batch.send>>;
      const done = await pacer.wait();
      if (typeof done !== "function") return held(done.heldMs);
      try {
        result = await resend.batch.send(
          items.map((i) => payload(i.msg)),
          { idempotencyKey },
        );
      } catch (err) {
        return { ok: false, retryable: true, error: `resend: ${err instanceof Error ? err.message : String(err)}` };
      } finally {
        done();
      }
      if (result.data) {
        const ids = result.data.data.map((d: { id: string }) => d.id);
        // Strict validation answers all or nothing; an answer of another length is retried under the same key.
        if (ids.length !== items.length)
          return { ok: false, retryable: true, error: `resend batch: ${ids.length} ids for ${items.length} emails` };
        return { ok: true, providerIds: ids };
      }
      return noteLimit(failure(result.error, result.headers));
    },
  };
}
