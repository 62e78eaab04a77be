// A page form posted while another process holds the SQLite write lock: the browser gets the error page with
// 503, Retry-After and the store's own message (not "Terjadi kesalahan pada server"), and nothing is written.
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePagesFixture, type PagesFixture } from "../../support/pages-fixture.js";
import { holdWriteLock } from "../../support/write-lock.js";

let fx: PagesFixture;
beforeEach(async () => {
  fx = await makePagesFixture();
});
afterEach(async () => {
  await fx.close();
});

const dispora = () =>
  fx.runtime.store.db.selectFrom("opd").select("email").where("id", "=", "DISPORA").executeTakeFirstOrThrow();

describe("a page write while the database is locked", () => {
  it("answers the error page with 503 and Retry-After, and saves nothing", async () => {
    const browser = fx.client();
    await browser.login("sekretariat");
    await browser.get("/opd");
    const before = await dispora();
    const lock = await holdWriteLock(join(fx.dataDir, "edaran.sqlite"));
    let res: Awaited<ReturnType<typeof browser.post>>;
    try {
      res = await browser.post("/opd/DISPORA", { headName: "Kepala Baru", email: "dispora@bengkulukota.go.id" });
    } finally {
      await lock.release();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.html).toContain("Layanan sedang sibuk");
    expect(res.html).not.toContain("Terjadi kesalahan pada server");
    expect(await dispora()).toEqual(before);
  });
});
