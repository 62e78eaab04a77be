import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pingStore } from "../../src/store/ping.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

describe("pingStore", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "edaran-ping-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("resolves-on-an-open-database-and-rejects-once-it-is-closed", async () => {
    const store = openSqliteStore(join(dir, "edaran.sqlite"));
    await expect(pingStore(store)).resolves.toBeUndefined();
    await store.close();
    await expect(pingStore(store)).rejects.toThrow();
  });
});
