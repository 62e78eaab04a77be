// Resend delivery webhooks. Resend signs them the Svix way: HMAC-SHA256 with the base64 secret after
// "whsec_", over "<svix-id>.<svix-timestamp>.<raw body>", sent as space-separated "v1,<base64>" entries
// (several during a secret rotation). Checked with WebCrypto so the same code runs on Node and workerd.

import { z } from "zod";
import type { Clock } from "../domain/clock.js";
import { RECIPIENT_TAG } from "../domain/email-tags.js";
import { base64ToBytesOrNull, bytesToBase64 } from "../domain/encoding.js";
import type { Store } from "../store/store.js";

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const tagsSchema = z
  .union([z.array(z.object({ name: z.string(), value: z.string() })), z.record(z.string(), z.string())])
  .optional();

export const resendWebhookEventSchema = z.looseObject({
  type: z.string().min(1),
  created_at: z.string().optional(),
  data: z.looseObject({
    email_id: z.string().optional(),
    tags: tagsSchema,
  }),
});
export type ResendWebhookEvent = z.infer<typeof resendWebhookEventSchema>;

export interface VerifiedWebhook {
  /** svix-id: unique per message, the same on every retry of it. */
  id: string;
  event: ResendWebhookEvent;
  rawBody: string;
}

export type VerifyFailure = "missing_headers" | "stale_timestamp" | "bad_signature" | "bad_payload";
export type VerifyResult = { ok: true; webhook: VerifiedWebhook } | { ok: false; reason: VerifyFailure };

export interface HeaderSource {
  get(name: string): string | null;
}

const encoder = new TextEncoder();

/** The HMAC key of a "whsec_<base64>" secret. A malformed secret is a configuration error, so it throws. */
export async function importWebhookSecret(secret: string): Promise<CryptoKey> {
  const bytes = base64ToBytesOrNull(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret);
  if (!bytes || bytes.length === 0) throw new Error("RESEND_WEBHOOK_SECRET is not a whsec_<base64> secret");
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/**
 * Checks headers, freshness and signature, then parses the body. `rawBody` must be the exact text
 * received: re-serialised JSON would not match the signature.
 */
export async function verifyResendWebhook(
  secret: string,
  headers: HeaderSource,
  rawBody: string,
  clock: Clock,
): Promise<VerifyResult> {
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signature = headers.get("svix-signature");
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing_headers" };

  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const nowSeconds = clock.now().getTime() / 1000;
  if (!Number.isFinite(seconds) || Math.abs(nowSeconds - seconds) > WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: "stale_timestamp" };
  }

  const key = await importWebhookSecret(secret);
  const signed = encoder.encode(`${id}.${timestamp}.${rawBody}`);
  let valid = false;
  for (const entry of signature.split(" ")) {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) continue;
    const sig = base64ToBytesOrNull(value);
    // subtle.verify compares in constant time.
    if (sig && (await crypto.subtle.verify("HMAC", key, sig, signed))) {
      valid = true;
      break;
    }
  }
  if (!valid) return { ok: false, reason: "bad_signature" };

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: "bad_payload" };
  }
  const parsed = resendWebhookEventSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "bad_payload" };
  return { ok: true, webhook: { id, event: parsed.data, rawBody } };
}

/** Signs like Resend does; for the local Resend stand-in and for tests. */
export async function signResendWebhook(
  secret: string,
  id: string,
  timestamp: number,
  rawBody: string,
): Promise<string> {
  const key = await importWebhookSecret(secret);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${timestamp}.${rawBody}`)));
  return `v1,${bytesToBase64(mac)}`;
}

function recipientTag(event: ResendWebhookEvent): string | null {
  const tags = event.data.tags;
  if (!tags) return null;
  if (Array.isArray(tags)) return tags.find((t) => t.name === RECIPIENT_TAG)?.value ?? null;
  return tags[RECIPIENT_TAG] ?? null;
}

async function findRecipientId(store: Store, event: ResendWebhookEvent): Promise<string | null> {
  const emailId = event.data.email_id;
  if (emailId) {
    const row = await store.db
      .selectFrom("recipients")
      .select("id")
      .where("provider_message_id", "=", emailId)
      .executeTakeFirst();
    if (row) return row.id;
  }
  // A delivery event can arrive before the sender has stored Resend's id; the tag still names the row.
  const tagged = recipientTag(event);
  if (tagged) {
    const row = await store.db.selectFrom("recipients").select("id").where("id", "=", tagged).executeTakeFirst();
    if (row) return row.id;
  }
  return null;
}

export type RecordEmailEventResult =
  | { status: "recorded"; recipientId: string | null; type: string }
  | { status: "duplicate" };

function occurredAt(event: ResendWebhookEvent, clock: Clock): string {
  const t = event.created_at ? new Date(event.created_at) : null;
  return t && !Number.isNaN(t.getTime()) ? t.toISOString() : clock.now().toISOString();
}

/**
 * Stores the event once (email_events.id = svix-id, so Resend's retries and replays are no-ops) and
 * applies it to the recipient in the same atomic batch. Each column keeps its first value, so applying an
 * event twice changes nothing either. An event for an unknown email is kept with no recipient.
 */
export async function recordEmailEvent(
  store: Store,
  clock: Clock,
  webhook: Pick<VerifiedWebhook, "id" | "event"> & { rawBody?: string },
): Promise<RecordEmailEventResult> {
  const seen = await store.db.selectFrom("email_events").select("id").where("id", "=", webhook.id).executeTakeFirst();
  if (seen) return { status: "duplicate" };

  const { event } = webhook;
  const recipientId = await findRecipientId(store, event);
  const at = occurredAt(event, clock);
  const insert = store.db
    .insertInto("email_events")
    .values({
      id: webhook.id,
      recipient_id: recipientId,
      type: event.type,
      occurred_at: at,
      payload_json: webhook.rawBody ?? JSON.stringify(event),
    })
    .onConflict((oc) => oc.column("id").doNothing());

  const update = recipientId ? recipientUpdate(store, event.type, recipientId, at) : null;
  const [inserted] = await store.atomic(update ? [insert, update] : [insert]);
  if (inserted?.numAffectedRows === 0n) return { status: "duplicate" };
  return { status: "recorded", recipientId, type: event.type };
}

function recipientUpdate(store: Store, type: string, recipientId: string, at: string) {
  const base = store.db.updateTable("recipients").where("id", "=", recipientId);
  switch (type) {
    case "email.delivered":
      // Only 'sent' moves on: a bounce that came first stays, and the sender itself moves 'queued'.
      return base.set((eb) => ({
        delivered_at: eb.fn.coalesce("delivered_at", eb.val(at)),
        status: eb
          .case()
          .when("status", "=", "sent")
          .then("delivered" as const)
          .else(eb.ref("status"))
          .end(),
      }));
    case "email.bounced":
      // Flagged for the secretariat: the address on file needs fixing; the status says so.
      return base.set((eb) => ({ bounced_at: eb.fn.coalesce("bounced_at", eb.val(at)), status: "bounced" }));
    case "email.complained":
      return base.set((eb) => ({ complained_at: eb.fn.coalesce("complained_at", eb.val(at)) }));
    default:
      // email.delivery_delayed, email.sent, opens, clicks: kept in email_events only.
      return null;
  }
}
