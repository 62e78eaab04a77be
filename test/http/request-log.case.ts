// The request log on both runtimes (Node in-process, the Worker in workerd): one JSON line per request with
// its route pattern, status, id and store calls, error codes for refusals, and no secret in any line.
import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/domain/log-record.js";
import type { ApiClient } from "../support/api-client-fixture.js";
import { SIGNING_PASSPHRASE } from "../support/signer-fixture.js";

export interface LogTarget {
  api: ApiClient;
  /** Every log line written so far, as written. */
  lines(): string[];
}

function recordsOf(lines: string[], requestId: string): RequestRecord[] {
  return lines
    .map((l): unknown => JSON.parse(l))
    .filter(
      (r): r is RequestRecord =>
        typeof r === "object" &&
        r !== null &&
        "kind" in r &&
        r.kind === "request" &&
        "requestId" in r &&
        r.requestId === requestId,
    );
}

/** The one record of the request answered with `res`. */
function oneRecord(t: LogTarget, res: Response): RequestRecord {
  const id = res.headers.get("x-request-id");
  expect(id).toBeTruthy();
  const found = recordsOf(t.lines(), id!);
  expect(found).toHaveLength(1);
  return found[0]!;
}

export function requestLogSuite(target: () => LogTarget) {
  describe("request log", () => {
    it("logs /health once, with its route, status, id and no store call", async () => {
      const t = target();
      const res = await t.api.target.fetch("/health");
      expect(res.status).toBe(200);
      expect(oneRecord(t, res)).toMatchObject({
        kind: "request",
        method: "GET",
        route: "/health",
        status: 200,
        dbCalls: 0,
      });
    });

    it("keeps a safe forwarded x-request-id and replaces an unsafe one", async () => {
      const t = target();
      const kept = await t.api.target.fetch("/health", { headers: { "x-request-id": "proxy-42.abc" } });
      expect(kept.headers.get("x-request-id")).toBe("proxy-42.abc");
      oneRecord(t, kept);
      const unsafe = '<script>"x"</script>';
      const replaced = await t.api.target.fetch("/health", { headers: { "x-request-id": unsafe } });
      expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(t.lines().join("\n")).not.toContain("<script>");
    });

    it("logs a login with the store calls it made", async () => {
      const t = target();
      const res = await t.api.target.fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "sekretariat", password: t.api.target.seedPassword }),
      });
      expect(res.status).toBe(200);
      const r = oneRecord(t, res);
      expect(r).toMatchObject({ route: "/api/auth/login", status: 200 });
      expect(r.dbCalls).toBeGreaterThan(0);
      expect(r.error).toBeUndefined();
    });

    it("logs the code of a refusal, thrown or answered, and the pattern only when a route matched", async () => {
      const t = target();
      const wrong = await t.api.target.fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "sekretariat", password: "bukan-sandi-ini" }),
      });
      expect(oneRecord(t, wrong)).toMatchObject({
        route: "/api/auth/login",
        status: 401,
        error: { code: "login_failed" },
      });
      const anonymous = await t.api.target.fetch("/api/letters");
      expect(oneRecord(t, anonymous)).toMatchObject({
        route: "/api/letters",
        status: 401,
        error: { code: "unauthorized" },
      });
      const nowhere = await t.api.target.fetch("/api/tidak-ada/123");
      expect(oneRecord(t, nowhere)).toMatchObject({ route: "(unmatched)", status: 404, error: { code: "not_found" } });
    });

    it("writes no token, password, passphrase or cookie in a flow from login to acknowledgement", async () => {
      const t = target();
      const { api } = t;
      const before = t.lines().length;
      const a = await api.actors();
      const { id } = await api.signedSampleLetter(a);
      // The one seeded OPD without an address would hold the send back.
      await api.ok(a.sek, "PATCH", "/api/opd/DISPORA", { email: "dispora@bengkulukota.go.id" });
      await api.ok(a.sek, "POST", `/api/letters/${id}/transitions`, { action: "send", opdIds: "all" });
      const tracking = await api.ok<{ recipients: { recipientId: string; opdId: string }[] }>(
        a.sek,
        "GET",
        `/api/letters/${id}/recipients`,
      );
      const token = await api.ackToken(tracking.recipients.find((r) => r.opdId === "BKPSDM")!.recipientId);
      const ack = await api.target.fetch(`/api/ack/${token}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Kepala BKPSDM Uji", position: "Kepala Badan" }),
      });
      expect(ack.status).toBe(201);
      expect(oneRecord(t, ack)).toMatchObject({ route: "/api/ack/:token", status: 201 });
      expect((await api.target.fetch(`/tanda-terima/${token}`)).status).toBe(200);

      const flow = t.lines().slice(before);
      expect(flow.length).toBeGreaterThan(10);
      const text = flow.join("\n");
      for (const secret of [
        token,
        api.target.seedPassword,
        SIGNING_PASSPHRASE,
        ...[a.sek, a.ttd, a.reviewer].map((s) => s.cookie.split("=")[1]!),
        "Kepala BKPSDM Uji",
      ])
        expect(text).not.toContain(secret);
      const records = flow.map((l) => JSON.parse(l) as RequestRecord);
      expect(records.map((r) => r.route)).toContain("/tanda-terima/:token");
      // The caller is named by id only, never by username or name.
      const sign = records.filter((r) => r.route === "/api/letters/:id/transitions" && r.userId === a.ttd.user.id);
      expect(sign.length).toBeGreaterThan(0);
      expect(text).not.toContain(a.ttd.user.username);
    });
  });
}
