import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSignedFile } from "../../src/sign/signed-file.js";
import type { BlobStore } from "../../src/store/blob-store.js";
import type { DocumentKind } from "../../src/store/database.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const SIGNED_BYTES = new TextEncoder().encode("PK signed docx");

describe("readSignedFile", () => {
  let fx: TrackFixture;
  let blobs: BlobStore;
  let deps: { store: TrackFixture["store"]; blobs: BlobStore; assets: Record<string, never> };
  beforeEach(async () => {
    fx = await makeTrackFixture();
    blobs = diskBlobStore(join(fx.dir, "blobs"));
    deps = { store: fx.store, blobs, assets: {} };
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DINKES"] });
  });
  afterEach(async () => {
    await fx.close();
  });

  async function storeSignedDocument(kind: DocumentKind = "signed", letterId = "L1") {
    await fx.store.db
      .insertInto("documents")
      .values({
        id: `doc-${kind}-${letterId}`,
        letter_id: letterId,
        kind,
        sha256: "ab".repeat(32),
        size: SIGNED_BYTES.byteLength,
        storage_key: `letters/${letterId}/${kind}.docx`,
        key_id: "k1",
        signature: null,
        signed_at: "2024-10-30T03:00:00.000Z",
        created_at: "2024-10-30T03:00:00.000Z",
      })
      .execute();
  }

  it("answers-the-signed-bytes-with-the-letter-id-and-nomor", async () => {
    await storeSignedDocument();
    await blobs.put("letters/L1/signed.docx", SIGNED_BYTES, "application/octet-stream");
    const file = await readSignedFile(deps, "L1");
    expect(file.letter).toEqual({ id: "L1", nomor: "800.1.3/L1/BKPSDM.II/2024" });
    expect(new TextDecoder().decode(file.bytes)).toBe("PK signed docx");
  });

  it("is-not-found-for-an-unknown-letter-and-for-one-with-only-an-unsigned-document", async () => {
    await expect(readSignedFile(deps, "NOPE")).rejects.toMatchObject({
      code: "not_found",
      message: "Dokumen bertanda tangan tidak ditemukan",
    });
    // cast: a kind the app does not write (yet); the lookup must pass it over.
    await storeSignedDocument("draft" as DocumentKind);
    await blobs.put("letters/L1/draft.docx", SIGNED_BYTES, "application/octet-stream");
    await expect(readSignedFile(deps, "L1")).rejects.toMatchObject({ code: "not_found" });
  });

  it("is-not-found-for-a-letter-signed-but-not-sent-and-gone-for-a-withdrawn-one", async () => {
    await seedLetter(fx.store, { letterId: "L2", opdIds: [], status: "signed" });
    await fx.store.db.updateTable("letters").set({ sent_at: null }).where("id", "=", "L2").execute();
    await storeSignedDocument("signed", "L2");
    await blobs.put("letters/L2/signed.docx", SIGNED_BYTES, "application/octet-stream");
    await expect(readSignedFile(deps, "L2")).rejects.toMatchObject({ code: "not_found" });
    await storeSignedDocument();
    await blobs.put("letters/L1/signed.docx", SIGNED_BYTES, "application/octet-stream");
    // Both withdrawn: L1 after it was sent, L2 before.
    await fx.store.db.updateTable("letters").set({ status: "withdrawn", withdrawn_at: "2024-11-01" }).execute();
    await expect(readSignedFile(deps, "L1")).rejects.toMatchObject({ code: "letter_withdrawn", status: 410 });
    // Withdrawn before it was ever sent: still nothing public, so not found rather than gone.
    await expect(readSignedFile(deps, "L2")).rejects.toMatchObject({ code: "not_found" });
  });

  it("is-document-missing-when-the-blob-store-lost-the-file", async () => {
    await storeSignedDocument();
    await expect(readSignedFile(deps, "L1")).rejects.toMatchObject({ code: "document_missing" });
  });
});
