// The DOCX a letter page downloads, on the real Node app: a draft rendered now, a signed letter's stored bytes
// as they were signed, and a 500 document_missing (never a fresh unsigned render) when the stored file is gone.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterDocx } from "../../src/drafting/letter-docx.js";
import { findSignedDocument } from "../../src/store/documents-repo.js";
import { getLetter } from "../../src/store/letters-repo.js";
import { type ApiFixture, draftLetter, letterAt, makeApiFixture } from "../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

const row = async (id: string) => {
  const r = await getLetter(fx.rt.store, id);
  if (!r) throw new Error(`no letter ${id}`);
  return r;
};

describe("letterDocx", () => {
  it("renders a draft as it stands", async () => {
    const d = await letterDocx(fx.rt.services, await row((await draftLetter(fx)).id));
    expect(d.variant).toBe("konsep");
    expect(Buffer.from(d.bytes.subarray(0, 2)).toString()).toBe("PK");
  });

  it("serves the signed bytes of a signed letter, and refuses when the stored file is gone", async () => {
    const { id } = await letterAt(fx, "signed");
    const signed = await findSignedDocument(fx.rt.store, id);
    const stored = await fx.rt.services.blobs.get(signed?.storage_key ?? "");
    const d = await letterDocx(fx.rt.services, await row(id));
    expect(d.variant).toBe("ttd");
    expect(stored).not.toBeNull();
    expect(Buffer.from(d.bytes).equals(Buffer.from(stored ?? new Uint8Array()))).toBe(true);

    rmSync(join(fx.dir, "documents", signed?.storage_key ?? "missing"));
    await expect(letterDocx(fx.rt.services, await row(id))).rejects.toMatchObject({
      code: "document_missing",
      status: 500,
    });
  });
});
