// POST /webhooks/resend through the real app: Svix-signed delivery events, recorded once per message id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiFixture,
  ackToken,
  letterAt,
  makeApiFixture,
  sendLetter,
  signedWebhook,
} from "../../support/api-fixture.js";

let fx: ApiFixture;
let letterId: string;
let recipientId: string;
beforeAll(async () => {
  fx = await makeApiFixture();
  letterId = (await letterAt(fx, "signed")).id;
  await sendLetter(fx, letterId, ["BKPSDM"]);
  ({ recipientId } = await ackToken(fx, letterId, "BKPSDM"));
});
afterAll(async () => {
  await fx.close();
});

const event = (type: string) => ({
  type,
  created_at: new Date().toISOString(),
  data: { email_id: "re_uji_1", tags: [{ name: "recipient_id", value: recipientId }] },
});

describe("POST /webhooks/resend", () => {
  it("records a signed bounce on the recipient, once; a replay of the same message is a duplicate", async () => {
    const w = await signedWebhook(event("email.bounced"));
    expect(await fx.json("POST", "/webhooks/resend", 200, { raw: w.raw, headers: w.headers })).toEqual({
      ok: true,
      status: "recorded",
    });
    expect(await fx.json("POST", "/webhooks/resend", 200, { raw: w.raw, headers: w.headers })).toEqual({
      ok: true,
      status: "duplicate",
    });
    const v = await fx.json<{ recipients: { status: string; bounced: boolean }[] }>(
      "GET",
      `/api/letters/${letterId}/recipients`,
      200,
      { as: "sekretariat" },
    );
    expect(v.recipients[0]).toMatchObject({ bounced: true });
  });

  it("answers 401 webhook_bad_signature for a body changed after signing, and records nothing", async () => {
    const w = await signedWebhook(event("email.delivered"));
    const res = await fx.call("POST", "/webhooks/resend", {
      raw: w.raw.replace("delivered", "complained"),
      headers: w.headers,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "webhook_bad_signature" } });
  });

  it("answers 401 for missing headers and for a stale timestamp", async () => {
    const missing = await fx.call("POST", "/webhooks/resend", {
      raw: JSON.stringify(event("email.delivered")),
      headers: { "content-type": "application/json" },
    });
    expect(await missing.json()).toMatchObject({ error: { code: "webhook_missing_headers" } });
    const old = await signedWebhook(event("email.delivered"), new Date(Date.now() - 60 * 60 * 1000));
    const stale = await fx.call("POST", "/webhooks/resend", { raw: old.raw, headers: old.headers });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: { code: "webhook_stale_timestamp" } });
  });

  it("answers 503 webhook_not_configured without a secret", async () => {
    const bare = await makeApiFixture({ env: { RESEND_WEBHOOK_SECRET: "" } });
    try {
      const w = await signedWebhook(event("email.delivered"));
      const res = await bare.call("POST", "/webhooks/resend", { raw: w.raw, headers: w.headers });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: "webhook_not_configured" } });
    } finally {
      await bare.close();
    }
  });
});
