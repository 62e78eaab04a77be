import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { recordEmailEvent, signResendWebhook, verifyResendWebhook } from "../../src/track/resend-webhook.js";
import { makeTrackFixture, recipientRow, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const SECRET = `whsec_${Buffer.from("resend-webhook-secret-bytes-32b!").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("another-secret-of-the-same-size!").toString("base64")}`;
const NOW = new Date("2024-11-02T03:00:00.000Z");
const NOW_S = NOW.getTime() / 1000;

/** Signs independently of the code under test, the way Svix documents it, with node:crypto. */
function svixSign(secret: string, id: string, ts: number, body: string): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64")}`;
}

function headers(id: string, ts: number, signature: string) {
  return new Headers({ "svix-id": id, "svix-timestamp": String(ts), "svix-signature": signature });
}

function eventBody(type: string, emailId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type,
    created_at: "2024-11-02T02:59:30.000Z",
    data: {
      created_at: "2024-11-02T02:58:00.000Z",
      email_id: emailId,
      from: "Sekretariat Daerah <sekretariat@bengkulukota.go.id>",
      to: ["dikbud@bengkulukota.go.id"],
      subject: "Surat Edaran",
      ...extra,
    },
  });
}

describe("resend webhook signature", () => {
  const clock = fixedClock(NOW);

  it("accepts-a-body-signed-the-svix-way-and-parses-the-event", async () => {
    const body = eventBody("email.delivered", "re_1");
    const res = await verifyResendWebhook(
      SECRET,
      headers("msg_1", NOW_S, svixSign(SECRET, "msg_1", NOW_S, body)),
      body,
      clock,
    );
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.webhook.id).toBe("msg_1");
      expect(res.webhook.event.type).toBe("email.delivered");
      expect(res.webhook.event.data.email_id).toBe("re_1");
    }
    // The helper the local Resend stand-in uses produces the same signature.
    expect(await signResendWebhook(SECRET, "msg_1", NOW_S, body)).toBe(svixSign(SECRET, "msg_1", NOW_S, body));
  });

  it("accepts-when-any-of-several-rotated-signatures-matches", async () => {
    const body = eventBody("email.delivered", "re_1");
    const sig = `${svixSign(OTHER_SECRET, "msg_1", NOW_S, body)} ${svixSign(SECRET, "msg_1", NOW_S, body)}`;
    expect((await verifyResendWebhook(SECRET, headers("msg_1", NOW_S, sig), body, clock)).ok).toBe(true);
  });

  it("rejects-a-tampered-body", async () => {
    const body = eventBody("email.delivered", "re_1");
    const sig = svixSign(SECRET, "msg_1", NOW_S, body);
    const tampered = body.replace("email.delivered", "email.bounced");
    expect(await verifyResendWebhook(SECRET, headers("msg_1", NOW_S, sig), tampered, clock)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("rejects-a-signature-made-with-another-secret-or-for-another-message-id", async () => {
    const body = eventBody("email.delivered", "re_1");
    const wrongSecret = svixSign(OTHER_SECRET, "msg_1", NOW_S, body);
    expect(await verifyResendWebhook(SECRET, headers("msg_1", NOW_S, wrongSecret), body, clock)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    const otherId = svixSign(SECRET, "msg_2", NOW_S, body);
    expect(await verifyResendWebhook(SECRET, headers("msg_1", NOW_S, otherId), body, clock)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyResendWebhook(SECRET, headers("msg_1", NOW_S, "v1,!!!not-base64"), body, clock)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("rejects-a-timestamp-more-than-five-minutes-off-the-clock-either-way", async () => {
    const body = eventBody("email.delivered", "re_1");
    for (const ts of [NOW_S - 301, NOW_S + 301]) {
      const res = await verifyResendWebhook(
        SECRET,
        headers("msg_1", ts, svixSign(SECRET, "msg_1", ts, body)),
        body,
        clock,
      );
      expect(res).toEqual({ ok: false, reason: "stale_timestamp" });
    }
    const edge = NOW_S - 300;
    const ok = await verifyResendWebhook(
      SECRET,
      headers("msg_1", edge, svixSign(SECRET, "msg_1", edge, body)),
      body,
      clock,
    );
    expect(ok.ok).toBe(true);
  });

  it("rejects-missing-headers", async () => {
    const res = await verifyResendWebhook(SECRET, new Headers({ "svix-id": "msg_1" }), "{}", clock);
    expect(res).toEqual({ ok: false, reason: "missing_headers" });
  });
});

describe("recording delivery events", () => {
  let fx: TrackFixture;
  const clock = fixedClock(NOW);
  beforeEach(async () => {
    fx = await makeTrackFixture();
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD", "DINKES"] });
  });
  afterEach(async () => {
    await fx.close();
  });

  async function verified(id: string, body: string) {
    const res = await verifyResendWebhook(SECRET, headers(id, NOW_S, svixSign(SECRET, id, NOW_S, body)), body, clock);
    if (!res.ok) throw new Error(res.reason);
    return res.webhook;
  }

  it("a-delivered-event-sets-delivered-at-on-the-recipient-with-that-email-id", async () => {
    const res = await recordEmailEvent(
      fx.store,
      clock,
      await verified("msg_1", eventBody("email.delivered", "re_rcp-L1-DIKBUD")),
    );
    expect(res).toEqual({ status: "recorded", recipientId: "rcp-L1-DIKBUD", type: "email.delivered" });
    const row = await recipientRow(fx.store, "rcp-L1-DIKBUD");
    expect([row.status, row.delivered_at]).toEqual(["delivered", "2024-11-02T02:59:30.000Z"]);
    expect((await recipientRow(fx.store, "rcp-L1-DINKES")).delivered_at).toBeNull();
  });

  it("a-bounce-flags-the-recipient-for-the-secretariat", async () => {
    const body = eventBody("email.bounced", "re_rcp-L1-DINKES", {
      bounce: { message: "Mailbox does not exist", type: "Permanent", subType: "General" },
    });
    await recordEmailEvent(fx.store, clock, await verified("msg_b", body));
    const row = await recipientRow(fx.store, "rcp-L1-DINKES");
    expect(row.status).toBe("bounced");
    expect(row.bounced_at).toBe("2024-11-02T02:59:30.000Z");
    const stored = await fx.store.db
      .selectFrom("email_events")
      .selectAll()
      .where("id", "=", "msg_b")
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ recipient_id: "rcp-L1-DINKES", type: "email.bounced" });
    expect(JSON.parse(stored.payload_json).data.bounce.message).toBe("Mailbox does not exist");
  });

  it("a-replayed-event-is-ignored-and-changes-nothing", async () => {
    const first = await verified("msg_1", eventBody("email.complained", "re_rcp-L1-DIKBUD"));
    expect((await recordEmailEvent(fx.store, clock, first)).status).toBe("recorded");
    const before = await recipientRow(fx.store, "rcp-L1-DIKBUD");
    expect(before.complained_at).toBe("2024-11-02T02:59:30.000Z");
    // Same svix-id again (Resend retries, or an attacker replays inside the window), even with another body.
    const replay = await verified("msg_1", eventBody("email.bounced", "re_rcp-L1-DIKBUD"));
    expect(await recordEmailEvent(fx.store, clock, replay)).toEqual({ status: "duplicate" });
    expect(await recipientRow(fx.store, "rcp-L1-DIKBUD")).toEqual(before);
    const count = await fx.store.db
      .selectFrom("email_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
  });

  it("a-delivery-after-a-bounce-keeps-the-bounced-status", async () => {
    await recordEmailEvent(fx.store, clock, await verified("msg_b", eventBody("email.bounced", "re_rcp-L1-DIKBUD")));
    await recordEmailEvent(fx.store, clock, await verified("msg_d", eventBody("email.delivered", "re_rcp-L1-DIKBUD")));
    expect((await recipientRow(fx.store, "rcp-L1-DIKBUD")).status).toBe("bounced");
  });

  it("a-later-delivery-event-keeps-the-first-delivered-time", async () => {
    await recordEmailEvent(fx.store, clock, await verified("msg_1", eventBody("email.delivered", "re_rcp-L1-DIKBUD")));
    const later = eventBody("email.delivered", "re_rcp-L1-DIKBUD").replace(
      "2024-11-02T02:59:30.000Z",
      "2024-11-02T02:59:59.000Z",
    );
    await recordEmailEvent(fx.store, clock, await verified("msg_2", later));
    expect((await recipientRow(fx.store, "rcp-L1-DIKBUD")).delivered_at).toBe("2024-11-02T02:59:30.000Z");
  });

  it("an-event-before-the-email-id-is-stored-finds-the-recipient-by-its-tag", async () => {
    const body = eventBody("email.delivered", "re_unknown_yet", {
      tags: [{ name: "recipient_id", value: "rcp-L1-DINKES" }],
    });
    const res = await recordEmailEvent(fx.store, clock, await verified("msg_t", body));
    expect(res).toMatchObject({ status: "recorded", recipientId: "rcp-L1-DINKES" });
    expect((await recipientRow(fx.store, "rcp-L1-DINKES")).delivered_at).not.toBeNull();
  });

  it("a-delay-or-an-unknown-email-is-kept-without-touching-any-recipient", async () => {
    const delayed = await recordEmailEvent(
      fx.store,
      clock,
      await verified("msg_d", eventBody("email.delivery_delayed", "re_rcp-L1-DIKBUD")),
    );
    expect(delayed).toMatchObject({ status: "recorded", recipientId: "rcp-L1-DIKBUD" });
    const row = await recipientRow(fx.store, "rcp-L1-DIKBUD");
    expect([row.status, row.delivered_at, row.bounced_at]).toEqual(["sent", null, null]);
    const unknown = await recordEmailEvent(
      fx.store,
      clock,
      await verified("msg_u", eventBody("email.bounced", "re_nobody")),
    );
    expect(unknown).toEqual({ status: "recorded", recipientId: null, type: "email.bounced" });
  });
});
