// The disk document store under concurrent writes of one key, as two audit checks writing the same checkpoint do.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("diskBlobStore", () => {
  it("survives concurrent-puts-of-one-key and keeps one of the written values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edaran-blobs-"));
    dirs.push(dir);
    const blobs = diskBlobStore(dir);
    const values = Array.from({ length: 8 }, (_, i) => new TextEncoder().encode(`versi ${i}`));
    await Promise.all(values.map((v) => blobs.put("audit/head.json", v, "application/json")));
    const stored = new TextDecoder().decode((await blobs.get("audit/head.json")) ?? new Uint8Array());
    expect(values.map((v) => new TextDecoder().decode(v))).toContain(stored);
    expect(readdirSync(join(dir, "audit"))).toEqual(["head.json"]);
  });
});
