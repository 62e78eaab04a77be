/**
 * Hands outbox row ids to whatever sends them: a Cloudflare Queue on Workers, the in-process
 * outbox loop on Node. The outbox table stays the source of truth; the queue only says "look now".
 */
export interface SendQueue {
  enqueue(outboxIds: readonly string[]): Promise<void>;
}
