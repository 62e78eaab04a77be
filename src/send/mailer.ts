// The port every sender goes through: Resend on the network, .eml files offline.
// The idempotency key is the outbox row id, so a retry of the same row never delivers twice.

export interface EmailAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
}

export interface OutgoingEmail {
  /** 'Name <address>' or a bare address. */
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: EmailAttachment[];
  headers?: Record<string, string>;
  /** Provider tags; delivery webhooks echo them, so events can be matched before the provider id is stored. */
  tags?: { name: string; value: string }[];
}

export type SendOutcome =
  | { ok: true; providerId: string }
  | {
      ok: false;
      /** True for rate limits, 5xx and network errors: the same message may be tried again later. */
      retryable: boolean;
      /** What the provider asked for (retry-after), when it said. */
      retryAfterMs?: number;
      /** The provider said "too many requests" (429): a delay, not a failure of this message. */
      rateLimited?: boolean;
      error: string;
    };

export interface SendOptions {
  idempotencyKey: string;
}

export interface Mailer {
  send(msg: OutgoingEmail, opts: SendOptions): Promise<SendOutcome>;
}
