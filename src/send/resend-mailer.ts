// Mailer on the real `resend` SDK. Works on Node and Workers (the SDK uses global fetch);
// the base URL is passed explicitly because Workers have no process.env for RESEND_BASE_URL.
import { Resend } from "resend";
import type { Mailer, OutgoingEmail, SendOptions, SendOutcome } from "./mailer.js";

export interface ResendMailerOptions {
  apiKey: string;
  /** Defaults to https://api.resend.com; tests point it at the local fake. */
  baseUrl?: string;
}

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

export function createResendMailer(opts: ResendMailerOptions): Mailer {
  const resend = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
  return {
    async send(msg: OutgoingEmail, { idempotencyKey }: SendOptions): Promise<SendOutcome> {
      let result: Awaited<ReturnType<typeof resend.emails.send>>;
      try {
        result = await resend.emails.send(
          {
            from: msg.from,
            to: msg.to,
            subject: msg.subject,
            html: msg.html,
            text: msg.text,
            ...(msg.headers ? { headers: msg.headers } : {}),
            ...(msg.tags?.length ? { tags: msg.tags } : {}),
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
      }
      if (result.data) return { ok: true, providerId: result.data.id };
      const { statusCode, name, message } = result.error;
      const retryable = isRetryableStatus(statusCode, name);
      const retryAfterMs = parseRetryAfter(result.headers?.["retry-after"], Date.now());
      return {
        ok: false,
        retryable,
        ...(retryable && retryAfterMs !== null ? { retryAfterMs } : {}),
        ...(statusCode === 429 ? { rateLimited: true } : {}),
        error: `resend ${statusCode ?? "network"} ${name}: ${message}`,
      };
    },
  };
}
