// The offline Workers flow of `npm run dev:worker` (scripts/dev-worker/start-dev-worker.ts), started the same way
// and walked over HTTP only: the real Worker in workerd on local D1 (migrated by `wrangler d1 migrations apply
// --local`), R2 and a Queue with its consumer, sending through the local Resend stand-in. Draft to signed, sent to
// every OPD with an email, one acknowledged through the link in its email, then a cron tick a day later whose
// reminders must reach every other OPD exactly once. The tick's budget is asserted through its outcomes: the
// trigger answers "ok" (a tick over D1's per-invocation limits throws), its log line says every due recipient
// was handled in this one tick (no "more next tick"), and the stand-in's count per address shows each reminder
// went out once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeDevSecrets } from "../../scripts/dev-worker/dev-secrets.js";
import { type DevWorker, startDevWorker } from "../../scripts/dev-worker/start-dev-worker.js";
import { type ApiClient, makeApiClient } from "../support/api-client-fixture.js";
import type { DeliveredEmail } from "../support/resend-server.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";

const PASSWORD = "rahasia-smoke-123";
const HOUR_MS = 60 * 60 * 1000;

let dev: DevWorker;
let api: ApiClient;
let persistDir = "";
const logLines: string[] = [];

beforeAll(async () => {
  persistDir = mkdtempSync(join(tmpdir(), "edaran-dev-worker-"));
  const secrets = await makeDevSecrets();
  // The Worker's console output reaches this process through wrangler's logger.
  const log = console.log;
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logLines.push(args.map(String).join(" "));
    if (process.env.DEV_WORKER_LOG) log(...args);
  });
  // No catch: if wrangler cannot start, this hook fails with its error and every test below fails with it.
  dev = await startDevWorker({
    persistDir,
    secrets,
    port: 0,
    seedPassword: PASSWORD,
    // A quick KDF for the seeded accounts; the stand-in allows Resend's 2 requests per second.
    vars: { PASSWORD_ITERATIONS: "1000" },
    logLevel: "log",
  });
  api = makeApiClient({
    fetch: (path, init) => fetch(`${dev.url}${path}`, init),
    seedPassword: PASSWORD,
    ackSecret: secrets.ACK_SECRET,
  });
}, 90_000);

afterAll(async () => {
  await dev?.close();
  vi.restoreAllMocks();
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
});

/** Waits until `done()` holds, polling the stand-in; fails with `what` after `ms`. */
async function until(what: string, done: () => boolean, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const countsOf = (emails: readonly DeliveredEmail[]) => {
  const counts = new Map<string, number>();
  for (const e of emails) for (const to of e.to) counts.set(to.toLowerCase(), (counts.get(to.toLowerCase()) ?? 0) + 1);
  return counts;
};

describe("npm run dev:worker, walked over HTTP", () => {
  it("sends one email per OPD through the Queue, takes an acknowledgement, and a cron tick reminds the rest once", async () => {
    const health = await fetch(`${dev.url}/health`);
    expect(health.status).toBe(200);

    // Draft, submit, paraf, approve, set the passphrase, sign: the seeded officials, each logged in over HTTP.
    const actors = await api.actors();
    const body = { ...makeSampleBody(), ackDeadline: "2099-12-31" };
    const { id } = await api.signedSampleLetter(actors, body);

    const opds = (await api.ok<{ items: { id: string; email: string | null }[] }>(actors.sek, "GET", "/api/opd")).items;
    const withEmail = opds.filter((o) => o.email);
    expect(withEmail.length).toBeGreaterThan(10);
    expect(withEmail.length).toBeLessThan(opds.length); // DISPORA is seeded without one, and is left out
    const sent = await api.ok<{ status: string; recipients: number }>(
      actors.sek,
      "POST",
      `/api/letters/${id}/transitions`,
      { action: "send", opdIds: withEmail.map((o) => o.id) },
    );
    expect(sent).toMatchObject({ status: "sent", recipients: withEmail.length });

    // The Queue consumer sends them in the background, paced to the stand-in's 2 requests per second.
    const addresses = withEmail.map((o) => (o.email ?? "").toLowerCase());
    await until(`${addresses.length} letter emails`, () => dev.resend.delivered.length >= addresses.length);
    const letterCounts = countsOf(dev.resend.delivered);
    expect([...letterCounts.keys()].sort()).toEqual([...new Set(addresses)].sort());
    for (const a of addresses) expect(letterCounts.get(a), a).toBe(1);
    expect(dev.resend.rateLimitedCount()).toBe(0);

    // One OPD head follows the personal link in their email and acknowledges.
    const [first] = withEmail;
    const email = dev.resend.deliveredTo(first?.email ?? "")[0];
    const link = /https?:\/\/[^\s"'<>]+\/tanda-terima\/([A-Za-z0-9_-]+)/.exec(`${email?.html}\n${email?.text}`);
    expect(link?.[0].startsWith(`${dev.url}/tanda-terima/`), "the link names the Worker's PUBLIC_URL").toBe(true);
    const page = await fetch(link?.[0] ?? "");
    expect(page.status).toBe(200);
    const ack = { name: "Kepala OPD Uji", position: "Kepala Dinas" };
    expect(await api.ok(null, "POST", `/api/ack/${link?.[1]}`, ack, 201)).toMatchObject({ status: "acknowledged" });

    // A cron tick a day and an hour later: every other OPD is due its first reminder.
    const before = dev.resend.delivered.length;
    const outcome = await dev.scheduled(new Date(Date.now() + 25 * HOUR_MS));
    expect(outcome).toBe("ok");
    const expected = addresses.length - 1;
    await until(`${expected} reminders`, () => dev.resend.delivered.length >= before + expected);
    // A little longer than the consumer's batch timeout (2 s): a duplicate would arrive by then.
    await new Promise((r) => setTimeout(r, 3_000));
    const reminders = dev.resend.delivered.slice(before);
    expect(reminders).toHaveLength(expected);
    const reminderCounts = countsOf(reminders);
    expect(reminderCounts.has((first?.email ?? "").toLowerCase()), "no reminder to the OPD that acknowledged").toBe(
      false,
    );
    for (const a of addresses.slice(1)) expect(reminderCounts.get(a), a).toBe(1);

    // The tick's structured job record (one JSON line, as Workers Logs read it): what it did and its D1 calls.
    const cronLine = logLines.find((l) => l.startsWith("{") && l.includes('"job":"cron"'));
    expect(cronLine, `the tick's log line among:\n${logLines.slice(-20).join("\n")}`).toBeDefined();
    const record = JSON.parse(cronLine ?? "{}") as { summary?: string; dbCalls?: number };
    expect(record.summary).toContain(`${expected} reminders queued`);
    expect(record.summary).not.toContain("more next tick");
    expect(record.dbCalls, "one cron tick within D1's budget").toBeLessThanOrEqual(200);
  }, 120_000);
});
