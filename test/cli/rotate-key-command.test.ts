// Key rotation on the Node runtime: letters signed before keep verifying, new letters use the new key.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { rotateKeyCommand } from "../../src/cli/rotate-key-command.js";
import { type ApiFixture, letterAt, makeApiFixture } from "../support/api-fixture.js";

interface KeySetBody {
  keys: { kid: string; retiredAt?: string; revokedAt?: string }[];
}

describe("edaran rotate-key", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "edaran-rotate-"));
  let fx: ApiFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it("retires the old key, keeps its letters authentic, and signs new letters with the new key", async () => {
    fx = await makeApiFixture({ env: { DATA_DIR: dataDir } });
    const old = await letterAt(fx, "signed");
    const oldFile = await fx.call("GET", `/api/letters/${old.id}/signed.docx`, { as: "sekretariat" });
    const oldDoc = new Uint8Array(await oldFile.arrayBuffer());
    const before = await fx.json<KeySetBody>("GET", "/.well-known/edaran-keys.json", 200);
    expect(before.keys).toHaveLength(1);
    await fx.close();
    fx = undefined;

    const out: string[] = [];
    expect(await rotateKeyCommand(["--data-dir", dataDir], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(
      0,
    );
    expect(out.join("\n")).toContain(before.keys[0]!.kid);

    fx = await makeApiFixture({ env: { DATA_DIR: dataDir } });
    const after = await fx.json<KeySetBody>("GET", "/.well-known/edaran-keys.json", 200);
    expect(after.keys).toHaveLength(2);
    const retired = after.keys.find((k) => k.kid === before.keys[0]!.kid);
    expect(retired?.retiredAt).toBeTruthy();
    expect(retired?.revokedAt).toBeUndefined();

    const check = await fx.json<{ verdict: string }>("POST", "/api/verify", 200, { raw: oldDoc });
    expect(check.verdict).toBe("authentic");

    const fresh = await letterAt(fx, "signed");
    const doc = await fx.rt.store.db
      .selectFrom("documents")
      .select(["letter_id", "key_id"])
      .where("kind", "=", "signed")
      .execute();
    const byLetter = new Map(doc.map((d) => [d.letter_id, d.key_id]));
    expect(byLetter.get(old.id)).toBe(before.keys[0]!.kid);
    const newKid = after.keys.find((k) => !k.retiredAt)!.kid;
    expect(byLetter.get(fresh.id)).toBe(newKid);
    expect(newKid).not.toBe(before.keys[0]!.kid);
  });

  it("refuses an unknown option with exit code 2", async () => {
    const err: string[] = [];
    expect(await rotateKeyCommand(["--nope"], { out: () => {}, err: (l) => err.push(l) })).toBe(2);
    expect(err.join("\n")).toContain("rotate-key");
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
});
