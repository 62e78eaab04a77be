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
      /** Not tried at all: the sender is still holding for an earlier retry-after. Costs the row no attempt. */
      held?: boolean;
      error: string;
    };

export interface SendOptions {
  idempotencyKey: string;
}

/** One message of a batch call, with the key it would have alone (the .eml outbox names its file by it). */
export interface BatchItem {
  msg: OutgoingEmail;
  idempotencyKey: string;
}

/** A batch answer: one provider id per message, in the order given; or one failure for the whole call. */
export type BatchOutcome = { ok: true; providerIds: string[] } | Extract<SendOutcome, { ok: false }>;

/** Resend's batch endpoint takes at most 100 emails per call, none with attachments. */
export const MAX_BATCH = 100;

export interface Mailer {
  send(msg: OutgoingEmail, opts: SendOptions): Promise<SendOutcome>;
  /**
   * Sends up to MAX_BATCH messages without attachments in one call, deduplicated as a whole by `opts.idempotencyKey`
   * (the same key and body again delivers nothing new). Optional: without it every message is sent alone.
   */
  sendBatch?(items: readonly BatchItem[], opts: SendOptions): Promise<BatchOutcome>;
}
