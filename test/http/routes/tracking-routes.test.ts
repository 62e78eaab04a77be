// Tracking through the real app: per-letter recipients, re-sending a failed message, the audit log, and
// the acknowledgement API behind each OPD head's personal link.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LATEST_CHECKPOINT_KEY } from "../../../src/audit/checkpoint-blobs.js";
import { fixedClock } from "../../../src/domain/clock.js";
import {
  type ApiFixture,
  ackToken,
  issuePaths,
  letterAt,
  makeApiFixture,
  sendLetter,
  signedWebhook,
} from "../../support/api-fixture.js";

let fx: ApiFixture;
let letterId: string;
beforeAll(async () => {
  fx = await makeApiFixture();
  letterId = (await letterAt(fx, "signed")).id;
  await sendLetter(fx, letterId, ["BKPSDM", "KOMINFO", "BAPPEDA"]);
});
afterAll(async () => {
  await fx.close();
});

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

interface StatusView {
  letter: { id: string; status: string };
  recipients: { opdId: string; status: string; acknowledgedBy: { name: string } | null; reportedAt: string | null }[];
  counts: Record<string, number>;
  totals: { recipients: number; acknowledged: number; reported: number };
}

/** What the outbox leaves after the last failed try: the message and its recipient both failed, with the reason. */
async function markFailed(row: { id: string; recipient_id: string }, error: string): Promise<void> {
  await fx.rt.store.db
    .updateTable("outbox")
    .set({ status: "failed", last_error: error })
    .where("id", "=", row.id)
    .execute();
  await fx.rt.store.db.updateTable("recipients").set({ status: "failed" }).where("id", "=", row.recipient_id).execute();
}

describe("GET /api/letters/:id/recipients", () => {
  it("answers one row per addressed OPD with counts that add up", async () => {
    const v = await fx.json<StatusView>("GET", `/api/letters/${letterId}/recipients`, 200, { as: "inspektorat" });
    expect(v.letter).toMatchObject({ id: letterId, status: "sent" });
    expect(v.recipients.map((r) => r.opdId).sort()).toEqual(["BAPPEDA", "BKPSDM", "KOMINFO"]);
    expect(v.totals.recipients).toBe(3);
    expect(Object.values(v.counts).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("answers 404 for an unknown letter, 403 to a kepala OPD and 401 to nobody", async () => {
    expect((await fx.call("GET", `/api/letters/${UNKNOWN}/recipients`, { as: "sekretariat" })).status).toBe(404);
    expect((await fx.call("GET", `/api/letters/${letterId}/recipients`, { as: "kepala_opd" })).status).toBe(403);
    expect((await fx.call("GET", `/api/letters/${letterId}/recipients`)).status).toBe(401);
  });
});

describe("POST /api/outbox/:id/retry", () => {
  it("puts a failed message back in the queue once; a second retry is 409 not_failed", async () => {
    const row = await fx.rt.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "outbox.recipient_id"])
      .where("recipients.letter_id", "=", letterId)
      .where("recipients.opd_id", "=", "BAPPEDA")
      .executeTakeFirstOrThrow();
    await markFailed(row, "uji: 550 mailbox penuh");

    expect(await fx.json("POST", `/api/outbox/${row.id}/retry`, 200, { as: "sekretariat" })).toEqual({
      id: row.id,
      status: "pending",
    });
    const again = await fx.call("POST", `/api/outbox/${row.id}/retry`, { as: "admin" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "not_failed" } });
    expect((await fx.call("POST", `/api/outbox/${UNKNOWN}/retry`, { as: "admin" })).status).toBe(409);
  });

  it("re-sends a bounced letter only after the OPD's address was corrected, as a new message, once", async () => {
    const row = await fx.rt.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "outbox.recipient_id", "recipients.email"])
      .where("recipients.letter_id", "=", letterId)
      .where("recipients.opd_id", "=", "KOMINFO")
      .executeTakeFirstOrThrow();
    // Sent, then Resend reports the bounce through the signed webhook.
    await fx.rt.store.db
      .updateTable("outbox")
      .set({ status: "sent", provider_id: "re_bounce_1" })
      .where("id", "=", row.id)
      .execute();
    await fx.rt.store.db
      .updateTable("recipients")
      .set({ status: "sent", provider_message_id: "re_bounce_1" })
      .where("id", "=", row.recipient_id)
      .execute();
    const w = await signedWebhook({
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: { email_id: "re_bounce_1" },
    });
    await fx.json("POST", "/webhooks/resend", 200, { raw: w.raw, headers: w.headers });

    const unchanged = await fx.call("POST", `/api/outbox/${row.id}/retry`, { as: "sekretariat" });
    expect(unchanged.status).toBe(409);
    expect(await unchanged.json()).toMatchObject({ error: { code: "address_unchanged" } });

    await fx.json("PATCH", "/api/opd/KOMINFO", 200, {
      as: "sekretariat",
      body: { email: "kominfo.baru@bengkulukota.go.id" },
    });
    const resent = await fx.json<{ id: string; status: string }>("POST", `/api/outbox/${row.id}/retry`, 200, {
      as: "sekretariat",
    });
    expect(resent.id).not.toBe(row.id);
    const rec = await fx.rt.store.db
      .selectFrom("recipients")
      .selectAll()
      .where("id", "=", row.recipient_id)
      .executeTakeFirstOrThrow();
    expect(rec).toMatchObject({
      email: "kominfo.baru@bengkulukota.go.id",
      status: "queued",
      bounced_at: null,
      provider_message_id: null,
    });
    const fresh = await fx.rt.store.db
      .selectFrom("outbox")
      .selectAll()
      .where("id", "=", resent.id)
      .executeTakeFirstOrThrow();
    expect(fresh).toMatchObject({ recipient_id: row.recipient_id, kind: "letter", status: "pending" });
    // A second click finds nothing bounced any more.
    expect((await fx.call("POST", `/api/outbox/${row.id}/retry`, { as: "sekretariat" })).status).toBe(409);
    const audit = await fx.rt.store.db
      .selectFrom("audit_log")
      .select("data_json")
      .where("action", "=", "outbox.resent_after_bounce")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data_json)).toMatchObject({ from: row.email, to: "kominfo.baru@bengkulukota.go.id" });
  });

  it("re-sends a failed letter to the OPD's corrected address as a new message, never to the old one", async () => {
    const l = await letterAt(fx, "signed");
    await sendLetter(fx, l.id, ["BPBD"]);
    const row = await fx.rt.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "outbox.recipient_id", "recipients.email"])
      .where("recipients.letter_id", "=", l.id)
      .executeTakeFirstOrThrow();
    // The provider refused the address for good.
    await markFailed(row, "resend 422 validation_error: Invalid `to` field");
    await fx.json("PATCH", "/api/opd/BPBD", 200, {
      as: "sekretariat",
      body: { email: "bpbd.benar@bengkulukota.go.id" },
    });

    const resent = await fx.json<{ id: string }>("POST", `/api/outbox/${row.id}/retry`, 200, { as: "sekretariat" });
    expect(resent.id).not.toBe(row.id);
    const rec = await fx.rt.store.db
      .selectFrom("recipients")
      .select(["email", "status"])
      .where("id", "=", row.recipient_id)
      .executeTakeFirstOrThrow();
    expect(rec).toEqual({ email: "bpbd.benar@bengkulukota.go.id", status: "queued" });
    const rows = await fx.rt.store.db
      .selectFrom("outbox")
      .select(["id", "status"])
      .where("recipient_id", "=", row.recipient_id)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: row.id, status: "cancelled" },
      { id: resent.id, status: "pending" },
    ]);
    // The old row cannot be retried to the old address any more.
    expect((await fx.call("POST", `/api/outbox/${row.id}/retry`, { as: "sekretariat" })).status).toBe(409);
  });

  it("answers 401 to nobody and 403 to the inspektorat", async () => {
    expect((await fx.call("POST", `/api/outbox/${UNKNOWN}/retry`)).status).toBe(401);
    expect((await fx.call("POST", `/api/outbox/${UNKNOWN}/retry`, { as: "inspektorat" })).status).toBe(403);
  });
});

describe("GET /api/audit and /api/audit/verify", () => {
  it("lists a letter's audit rows and reports an intact chain", async () => {
    const rows = await fx.json<{ items: { action: string }[] }>("GET", `/api/audit?letterId=${letterId}`, 200, {
      as: "inspektorat",
    });
    expect(rows.items.map((r) => r.action)).toEqual(
      expect.arrayContaining(["letter.drafted", "letter.approve", "letter.sign", "letter.send"]),
    );
    expect(await fx.json("GET", "/api/audit/verify", 200, { as: "admin" })).toMatchObject({
      intact: true,
      check: { kind: "incremental", status: "intact" },
    });
  });

  it("pages a letter's audit rows to the end and hands out no cursor to an empty page", async () => {
    const all = await fx.json<{ items: { seq: number }[] }>("GET", `/api/audit?letterId=${letterId}&limit=500`, 200, {
      as: "inspektorat",
    });
    const n = all.items.length;
    expect(n).toBeGreaterThan(2);
    // A page size that divides the rows exactly: the old answer gave the last full page a cursor to nothing.
    for (const size of [1, n, n - 1]) {
      const seen: number[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const q: string = after ? `&after=${after}` : "";
        const page: { items: { seq: number }[]; nextCursor: string | null } = await fx.json(
          "GET",
          `/api/audit?letterId=${letterId}&limit=${size}${q}`,
          200,
          { as: "inspektorat" },
        );
        expect(page.items.length).toBeGreaterThan(0);
        seen.push(...page.items.map((r) => r.seq));
        after = page.nextCursor;
        pages++;
      } while (after);
      expect(seen).toEqual(all.items.map((r) => r.seq));
      expect(pages).toBe(Math.ceil(n / size));
    }
  });

  it("answers a full re-check with 202 and its job, which runs in slices and reports progress", async () => {
    const r = await fx.call("POST", "/api/audit/verify", { as: "inspektorat" });
    expect(r.status).toBe(202);
    const { job } = (await r.json()) as { job: { id: string; rowsTotal: number } };
    expect(r.headers.get("Location")).toBe(`/api/audit/verify/jobs/${job.id}`);
    expect(job.rowsTotal).toBeGreaterThan(4);
    const first = await fx.rt.auditCheckSlice({ maxRows: 2, pageSize: 1 });
    expect(first).toMatchObject({ id: job.id, status: "running", rowsRead: 2 });
    expect(await fx.json("GET", `/api/audit/verify/jobs/${job.id}`, 200, { as: "inspektorat" })).toMatchObject({
      status: "running",
      rowsRead: 2,
      rowsTotal: job.rowsTotal,
    });
    while ((await fx.rt.auditCheckSlice({ maxRows: 50 }))?.status === "running");
    const done = await fx.json<{ rowsRead: number }>("GET", `/api/audit/verify/jobs/${job.id}`, 200, { as: "admin" });
    expect(done).toMatchObject({ status: "intact", finishedAt: expect.any(String) });
    expect(done.rowsRead).toBeGreaterThanOrEqual(job.rowsTotal);
    expect((await fx.call("GET", `/api/audit/verify/jobs/${job.id}`, { as: "sekretariat" })).status).toBe(403);
  });

  it("checks against the latest signed checkpoint, serves it to keep, and refuses a forged one", async () => {
    // The incremental check of GET /api/audit/verify (in the test before) signed a checkpoint of its head.
    expect(await fx.json("GET", "/api/audit/checkpoint", 200, { as: "inspektorat" })).toMatchObject({
      status: "verified",
    });
    await letterAt(fx, "draft");
    const written = await fx.rt.checkpointAudit();
    expect(written.status).toBe("written");
    const kept = await fx.json<{ status: string; checkpoint: { seq: number; signature: string } }>(
      "GET",
      "/api/audit/checkpoint",
      200,
      { as: "inspektorat" },
    );
    expect(kept).toMatchObject({ status: "verified", checkpoint: { seq: expect.any(Number) } });
    expect(await fx.json("GET", "/api/audit/verify", 200, { as: "admin" })).toMatchObject({
      intact: true,
      checkpoint: { status: "verified", checkpoint: { seq: kept.checkpoint.seq } },
    });
    const { blobs } = fx.rt.services;
    const original = (await blobs.get(LATEST_CHECKPOINT_KEY))!;
    const forged = { ...kept.checkpoint, seq: kept.checkpoint.seq + 1 };
    await blobs.put(LATEST_CHECKPOINT_KEY, new TextEncoder().encode(JSON.stringify(forged)), "application/json");
    expect(await fx.json("GET", "/api/audit/verify", 200, { as: "admin" })).toMatchObject({
      checkpoint: { status: "refused", problem: "bad_signature" },
    });
    // The Inspektorat's own copy is checked when the full re-check starts; a forged one is refused.
    expect(
      await fx.json("POST", "/api/audit/verify", 202, { as: "inspektorat", body: { checkpoint: forged } }),
    ).toMatchObject({ started: true, kept: { status: "refused", problem: "bad_signature" } });
    await blobs.put(LATEST_CHECKPOINT_KEY, original, "application/json");
    // Starting again while the job runs answers the running one.
    const again = await fx.json<{ started: boolean; job: { id: string }; kept: { status: string } }>(
      "POST",
      "/api/audit/verify",
      202,
      { as: "inspektorat", body: { checkpoint: kept.checkpoint } },
    );
    expect(again).toMatchObject({ started: false, kept: { status: "verified" } });
    while ((await fx.rt.auditCheckSlice({ maxRows: 5 }))?.status === "running");
    expect(await fx.json("GET", `/api/audit/verify/jobs/${again.job.id}`, 200, { as: "admin" })).toMatchObject({
      kind: "full",
      status: "intact",
      intact: true,
      rowsRead: expect.any(Number),
      finishedAt: expect.any(String),
    });
    expect((await fx.call("GET", "/api/audit/verify/jobs/nope", { as: "admin" })).status).toBe(404);
    expect((await fx.call("GET", "/api/audit/checkpoint", { as: "sekretariat" })).status).toBe(403);
  });

  it("answers 400 at afterSeq and limit, 403 to the secretariat and 401 to nobody", async () => {
    const res = await fx.call("GET", "/api/audit?afterSeq=-1&limit=501", { as: "admin" });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["afterSeq", "limit"]);
    expect((await fx.call("GET", "/api/audit", { as: "sekretariat" })).status).toBe(403);
    expect((await fx.call("GET", "/api/audit/verify", { as: "penandatangan" })).status).toBe(403);
    expect((await fx.call("GET", "/api/audit")).status).toBe(401);
  });
});

describe("/api/ack/:token", () => {
  it("shows the letter, records the acknowledgement once, then takes the follow-up report", async () => {
    const { token } = await ackToken(fx, letterId, "BKPSDM");
    const info = await fx.json<{ letter: { id: string }; opd: { id: string }; acknowledgedAt: string | null }>(
      "GET",
      `/api/ack/${token}`,
      200,
    );
    expect(info).toMatchObject({ letter: { id: letterId }, opd: { id: "BKPSDM" }, acknowledgedAt: null });

    const early = await fx.call("POST", `/api/ack/${token}/report`, {
      body: { staffInformed: 5, informedOn: "2024-11-04", method: "apel" },
    });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: "not_acknowledged" } });

    const first = await fx.call("POST", `/api/ack/${token}`, {
      body: { name: "Drs. Kepala Badan", position: "Kepala BKPSDM" },
      headers: { "X-Forwarded-For": "10.1.2.3, 172.16.0.1", "User-Agent": "uji-peramban" },
    });
    expect(first.status).toBe(201);
    const second = await fx.call("POST", `/api/ack/${token}`, { body: { name: "Orang Lain", position: "Staf" } });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ status: "already" });
    const row = await fx.rt.store.db
      .selectFrom("recipients")
      .select(["ack_name", "ack_ip", "ack_user_agent"])
      .where("letter_id", "=", letterId)
      .where("opd_id", "=", "BKPSDM")
      .executeTakeFirstOrThrow();
    // Without TRUST_PROXY the client's own X-Forwarded-For is not evidence; app.request has no socket either.
    expect(row).toEqual({ ack_name: "Drs. Kepala Badan", ack_ip: null, ack_user_agent: "uji-peramban" });

    expect(
      await fx.json("POST", `/api/ack/${token}/report`, 201, {
        body: { staffInformed: "25", informedOn: "2024-11-04", method: "rapat", note: "Rapat staf" },
      }),
    ).toMatchObject({});
    const v = await fx.json<StatusView>("GET", `/api/letters/${letterId}/recipients`, 200, { as: "sekretariat" });
    const bkpsdm = v.recipients.find((r) => r.opdId === "BKPSDM")!;
    expect(bkpsdm.acknowledgedBy?.name).toBe("Drs. Kepala Badan");
    expect(bkpsdm.reportedAt).not.toBeNull();
  });

  it("answers 400 with exact paths for a bad acknowledgement or report", async () => {
    const { token } = await ackToken(fx, letterId, "KOMINFO");
    const bad = await fx.call("POST", `/api/ack/${token}`, { body: { name: "A", position: "" } });
    expect(bad.status).toBe(400);
    expect(await issuePaths(bad)).toEqual(["name", "position"]);
    await fx.json("POST", `/api/ack/${token}`, 201, { body: { name: "Kepala Dinas", position: "Kepala Diskominfo" } });
    const badReport = await fx.call("POST", `/api/ack/${token}/report`, {
      body: { staffInformed: 0, informedOn: "4 November", method: "merpati" },
    });
    expect(badReport.status).toBe(400);
    expect(await issuePaths(badReport)).toEqual(["informedOn", "method", "staffInformed"]);
  });

  it("refuses a report count of true and a body nested 1,000 arrays deep, naming the field; nothing is stored", async () => {
    const { token, recipientId } = await ackToken(fx, letterId, "BAPPEDA");
    await fx.json("POST", `/api/ack/${token}`, 201, { body: { name: "Kepala Badan", position: "Kepala Bappeda" } });
    const report = { informedOn: "2024-11-04", method: "apel" };
    const asTrue = await fx.call("POST", `/api/ack/${token}/report`, { body: { ...report, staffInformed: true } });
    expect(asTrue.status).toBe(400);
    expect(await issuePaths(asTrue)).toEqual(["staffInformed"]);
    let deep: unknown = 5;
    for (let i = 0; i < 1000; i++) deep = [deep];
    const nested = await fx.call("POST", `/api/ack/${token}/report`, { body: { ...report, staffInformed: deep } });
    expect(nested.status).toBe(400);
    expect(await nested.json()).toMatchObject({
      error: {
        code: "validation_failed",
        issues: [{ path: "staffInformed", message: expect.stringMatching(/terlalu dalam/) }],
      },
    });
    const row = await fx.rt.store.db
      .selectFrom("recipients")
      .select(["report_json", "reported_at"])
      .where("id", "=", recipientId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ report_json: null, reported_at: null });
  });

  it("answers 404 invalid_token for a made-up token on every ack route", async () => {
    const fake = "x".repeat(43);
    for (const [method, path, body] of [
      ["GET", `/api/ack/${fake}`, undefined],
      ["POST", `/api/ack/${fake}`, { name: "Siapa Saja", position: "Kepala" }],
      ["POST", `/api/ack/${fake}/report`, { staffInformed: 1, informedOn: "2024-11-04", method: "apel" }],
    ] as const) {
      const res = await fx.call(method, path, body ? { body } : {});
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_token" } });
    }
  });

  it("answers 410 letter_withdrawn once the letter is withdrawn", async () => {
    const l = await letterAt(fx, "signed");
    await sendLetter(fx, l.id, ["BKPSDM"]);
    const { token } = await ackToken(fx, l.id, "BKPSDM");
    await fx.json("POST", `/api/letters/${l.id}/transitions`, 200, {
      as: "penandatangan",
      body: { action: "withdraw", reason: "Diganti surat baru" },
    });
    const res = await fx.call("POST", `/api/ack/${token}`, {
      body: { name: "Kepala Badan", position: "Kepala BKPSDM" },
    });
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ error: { code: "letter_withdrawn" } });
  });
});

describe("the acknowledging address and the ack rate limit", () => {
  async function ackRow(f: ApiFixture, id: string, opdId: string) {
    return f.rt.store.db
      .selectFrom("recipients")
      .select(["ack_ip", "ack_name"])
      .where("letter_id", "=", id)
      .where("opd_id", "=", opdId)
      .executeTakeFirstOrThrow();
  }

  it("records the socket's address, not a spoofed X-Forwarded-For, when served by Node", async () => {
    const l = await letterAt(fx, "signed");
    await sendLetter(fx, l.id, ["BAPPEDA"]);
    const { token } = await ackToken(fx, l.id, "BAPPEDA");
    const server = serve({ fetch: fx.rt.app.fetch, hostname: "127.0.0.1", port: 0 });
    try {
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/ack/${token}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "X-Forwarded-For": "203.0.113.66",
          "CF-Connecting-IP": "203.0.113.67",
        },
        body: JSON.stringify({ name: "Kepala Bappeda", position: "Kepala Badan" }),
      });
      expect(res.status).toBe(201);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect((await ackRow(fx, l.id, "BAPPEDA")).ack_ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  describe("behind a trusted proxy (TRUST_PROXY=1)", () => {
    let px: ApiFixture;
    const clock = fixedClock("2024-10-02T03:00:00.000Z");
    beforeAll(async () => {
      px = await makeApiFixture({ clock, env: { TRUST_PROXY: "1" } });
    });
    afterAll(async () => {
      await px.close();
    });

    it("records the last X-Forwarded-For entry, the one the proxy appended", async () => {
      const l = await letterAt(px, "signed");
      await sendLetter(px, l.id, ["BKPSDM"]);
      const { token } = await ackToken(px, l.id, "BKPSDM");
      const res = await px.call("POST", `/api/ack/${token}`, {
        body: { name: "Kepala Badan", position: "Kepala BKPSDM" },
        headers: { "X-Forwarded-For": "203.0.113.9, 198.51.100.7" },
      });
      expect(res.status).toBe(201);
      expect((await ackRow(px, l.id, "BKPSDM")).ack_ip).toBe("198.51.100.7");
    });

    it("answers 429 after 30 ack posts a minute from one address, API and page together", async () => {
      clock.advance(60_000);
      const fake = "x".repeat(43);
      const from = (client: string) => ({ "X-Forwarded-For": `${client}, 198.51.100.20` });
      for (let i = 0; i < 20; i++) {
        const r = await px.call("POST", `/api/ack/${fake}`, {
          body: { name: "A", position: "B" },
          headers: from(`203.0.113.${i}`),
        });
        expect(r.status).toBe(404);
      }
      for (let i = 0; i < 10; i++) {
        const r = await px.call("POST", `/tanda-terima/${fake}`, {
          raw: new URLSearchParams({ name: "A" }),
          headers: from("203.0.113.99"),
        });
        expect(r.status).toBe(403);
      }
      // A new first entry (the client's own part of the header) is still the same address.
      const limited = await px.call("POST", `/api/ack/${fake}/report`, {
        body: { staffInformed: 1, informedOn: "2024-10-01", method: "apel" },
        headers: from("203.0.113.200"),
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
      expect(
        (
          await px.call("POST", `/tanda-terima/${fake}`, {
            raw: new URLSearchParams({ name: "A" }),
            headers: from("203.0.113.1"),
          })
        ).status,
      ).toBe(429);
      // Another address is not affected.
      const other = await px.call("POST", `/api/ack/${fake}`, {
        body: { name: "A", position: "B" },
        headers: { "X-Forwarded-For": "198.51.100.21" },
      });
      expect(other.status).toBe(404);
    });
  });
});
