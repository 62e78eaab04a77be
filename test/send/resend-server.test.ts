// The local Resend stand-in answers the real SDK the way Resend does, so the outbox tests prove
// something about the real integration and not about a mock.
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ResendServer, startResendServer } from "../support/resend-server.js";

const email = {
  from: "Sekretariat Daerah <edaran@bengkulukota.go.id>",
  to: "kadis@example.go.id",
  subject: "Surat Edaran Nomor 800/1/BKPSDM.II/2024",
  html: "<p>Isi</p>",
  text: "Isi",
};

let clockMs = Date.parse("2024-10-01T00:00:00Z");
let server: ResendServer;
let resend: Resend;

beforeAll(async () => {
  server = await startResendServer({ now: () => clockMs });
  resend = new Resend("re_test_key", { baseUrl: server.url });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("resend stand-in, through the real SDK", () => {
  it("sends an email with a binary attachment and hands back an id", async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 128, 7]);
    const r = await resend.emails.send({
      ...email,
      attachments: [{ filename: "surat.docx", content: bytes, contentType: "application/octet-stream" }],
    });
    expect(r.error).toBeNull();
    expect(r.data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.delivered).toHaveLength(1);
    const got = server.delivered[0]!;
    expect(got.to).toEqual(["kadis@example.go.id"]);
    expect(got.subject).toBe(email.subject);
    expect(got.attachments[0]?.filename).toBe("surat.docx");
    expect([...got.attachments[0]!.content]).toEqual([...bytes]);
  });

  it("answers 401 missing_api_key without a bearer token", async () => {
    const res = await fetch(`${server.url}/emails`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(email),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ statusCode: 401, name: "missing_api_key", message: expect.any(String) });
    expect(server.delivered).toHaveLength(0);
  });

  it("rejects a missing subject and a malformed from with 422 and the error shape the SDK returns", async () => {
    const noSubject = await resend.emails.send({ ...email, subject: "" });
    expect(noSubject.error).toMatchObject({ statusCode: 422, name: "missing_required_field" });
    const badFrom = await resend.emails.send({ ...email, from: "not an address" });
    expect(badFrom.error).toMatchObject({ statusCode: 422, name: "invalid_from_address" });
    expect(server.delivered).toHaveLength(0);
  });

  it("rejects attachment content that is not base64", async () => {
    const r = await resend.emails.send({ ...email, attachments: [{ filename: "x.docx", content: "not*base64!" }] });
    expect(r.error).toMatchObject({ statusCode: 422, name: "invalid_attachment" });
  });

  it("replays the first answer for the same idempotency key and body without a second delivery", async () => {
    const a = await resend.emails.send(email, { idempotencyKey: "obx_1" });
    const b = await resend.emails.send(email, { idempotencyKey: "obx_1" });
    expect(a.data?.id).toBeDefined();
    expect(b.data?.id).toBe(a.data?.id);
    expect(server.delivered).toHaveLength(1);
  });

  it("refuses the same key with a different body with 409 invalid_idempotent_request", async () => {
    await resend.emails.send(email, { idempotencyKey: "obx_2" });
    const r = await resend.emails.send({ ...email, subject: "Lain" }, { idempotencyKey: "obx_2" });
    expect(r.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(server.delivered).toHaveLength(1);
  });

  it("forgets a key after 24 hours", async () => {
    await resend.emails.send(email, { idempotencyKey: "obx_3" });
    clockMs += 24 * 60 * 60 * 1000 + 1;
    await resend.emails.send(email, { idempotencyKey: "obx_3" });
    expect(server.delivered).toHaveLength(2);
  });

  it("refuses an idempotency key longer than 256 characters", async () => {
    const r = await resend.emails.send(email, { idempotencyKey: "k".repeat(257) });
    expect(r.error).toMatchObject({ statusCode: 400, name: "invalid_idempotency_key" });
  });

  it("answers injected 429s with retry-after and ratelimit headers, then recovers", async () => {
    server.inject({ status: 429, times: 2, retryAfterSec: 3 });
    const first = await resend.emails.send(email, { idempotencyKey: "obx_4" });
    expect(first.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(first.headers?.["retry-after"]).toBe("3");
    expect(first.headers?.["ratelimit-remaining"]).toBe("0");
    expect(first.headers?.["ratelimit-limit"]).toBeDefined();
    expect((await resend.emails.send(email, { idempotencyKey: "obx_4" })).error?.statusCode).toBe(429);
    const ok = await resend.emails.send(email, { idempotencyKey: "obx_4" });
    expect(ok.data?.id).toBeDefined();
    expect(server.delivered).toHaveLength(1);
  });

  it("answers injected 500 and 503 with the error shape and does not claim the key", async () => {
    server.inject({ status: 500, times: 1 });
    server.inject({ status: 503, times: 1 });
    expect((await resend.emails.send(email, { idempotencyKey: "obx_5" })).error).toMatchObject({ statusCode: 500 });
    expect((await resend.emails.send(email, { idempotencyKey: "obx_5" })).error).toMatchObject({ statusCode: 503 });
    expect((await resend.emails.send(email, { idempotencyKey: "obx_5" })).data?.id).toBeDefined();
    expect(server.delivered).toHaveLength(1);
  });

  it("sends a batch of up to 100 and refuses 101 or attachments", async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ ...email, to: `opd${i}@example.go.id` }));
    const r = await resend.batch.send(many);
    expect(r.data?.data).toHaveLength(100);
    expect(server.countsByRecipient().get("opd7@example.go.id")).toBe(1);
    const tooMany = await resend.batch.send([...many, { ...email }]);
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    // The SDK's types already forbid this; the server must refuse it too, for callers without types.
    const withAttachment = [{ ...email, attachments: [{ filename: "a.txt", content: "YQ==" }] }];
    const withFile = await resend.batch.send(withAttachment as unknown as Parameters<typeof resend.batch.send>[0]);
    expect(withFile.error).toMatchObject({ statusCode: 422 });
    expect(server.delivered).toHaveLength(100);
  });

  it("dedups a batch replayed with the same idempotency key", async () => {
    const two = [email, { ...email, to: "b@example.go.id" }];
    const a = await resend.batch.send(two, { idempotencyKey: "batch-1" });
    const b = await resend.batch.send(two, { idempotencyKey: "batch-1" });
    expect(b.data).toEqual(a.data);
    expect(server.delivered).toHaveLength(2);
  });

  it("rate-limits at its requests per second with 429, retry-after and ratelimit headers, and counts the 429s", async () => {
    let t = Date.parse("2024-10-01T00:00:00Z");
    const limited = await startResendServer({ now: () => t, rateLimitPerSecond: 2 });
    try {
      const sdk = new Resend("re_test_key", { baseUrl: limited.url });
      expect((await sdk.batch.send([email])).error).toBeNull();
      t += 400;
      const second = await sdk.emails.send(email);
      expect(second.error).toBeNull();
      expect(second.headers?.["ratelimit-remaining"]).toBe("0");
      t += 100;
      const third = await sdk.batch.send([email]);
      expect(third.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
      expect(third.headers?.["retry-after"]).toBe("1");
      expect(third.headers?.["ratelimit-limit"]).toBe("2");
      expect(third.headers?.["ratelimit-reset"]).toBe("1");
      expect(limited.rateLimitedCount()).toBe(1);
      // One second after the first request, its slot is free again.
      t += 500;
      expect((await sdk.batch.send([email])).error).toBeNull();
      expect(limited.delivered).toHaveLength(3);
      expect(limited.rateLimitedCount()).toBe(1);
    } finally {
      await limited.close();
    }
  });
});
