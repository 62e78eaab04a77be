// The API while another process holds the SQLite write lock (a CLI command, a backup, a second server):
// /health and reads keep answering at once, a write answers 503 database_busy with Retry-After within about
// a second instead of freezing the server, and nothing of it is half-written.
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ApiFixture, makeApiFixture } from "../support/api-fixture.js";
import { holdWriteLock } from "../support/write-lock.js";

let fx: ApiFixture;
beforeEach(async () => {
  fx = await makeApiFixture();
});
afterEach(async () => {
  await fx.close();
});

const dispora = async () =>
  fx.rt.store.db.selectFrom("opd").select("email").where("id", "=", "DISPORA").executeTakeFirstOrThrow();

describe("a database locked by another process", () => {
  it("answers /health at once and a write with 503 and Retry-After, writing nothing, while the loop keeps running", async () => {
    const patch = { as: "sekretariat" as const, body: { email: "dispora@bengkulukota.go.id" } };
    await fx.login("sekretariat");
    const before = await dispora();
    const lock = await holdWriteLock(join(fx.dir, "edaran.sqlite"));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const order: string[] = [];
    const noted = (name: string) => (r: Response) => {
      order.push(name);
      return r;
    };
    let write: Response;
    let health: Response;
    try {
      [write, health] = await Promise.all([
        fx.call("PATCH", "/api/opd/DISPORA", patch).then(noted("write")),
        fx.call("GET", "/health").then(noted("health")),
      ]);
    } finally {
      // Through the event loop first, so the monitor's timer can record a block that just ended.
      await lock.release();
      delay.disable();
    }
    expect(health.status).toBe(200);
    // /health was not queued behind the waiting write.
    expect(order).toEqual(["health", "write"]);
    expect(write.status).toBe(503);
    expect(write.headers.get("retry-after")).toBe("1");
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe("database_busy");
    expect(delay.max / 1e6).toBeLessThan(1000);

    expect(await dispora()).toEqual(before);
    const audited = await fx.rt.store.db
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "opd.updated")
      .execute();
    expect(audited).toHaveLength(0);
    // Once the lock is gone, the same request goes through.
    expect((await fx.call("PATCH", "/api/opd/DISPORA", patch)).status).toBe(200);
    expect((await dispora()).email).toBe("dispora@bengkulukota.go.id");
  });
});
