import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { parseStoredReport, type StoredReport } from "../../src/domain/stored-report.js";
import type { BlobStore } from "../../src/store/blob-store.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { encodeJson } from "../../src/store/json-text.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { submitReport } from "../../src/track/follow-up-report.js";
import { readReportAttachment } from "../../src/track/report-attachment-file.js";
import {
  makeTrackFixture,
  recipientRow,
  type SeededRecipient,
  seedLetter,
  type TrackFixture,
} from "../support/track-fixture.js";

const report = { staffInformed: "5", informedOn: "2024-11-04", method: "surat" };
const pdf = (text: string) => ({
  filename: "Nota Dinas.pdf",
  contentType: "application/pdf",
  bytes: new TextEncoder().encode(`%PDF-1.4 ${text}`),
});

describe("readReportAttachment", () => {
  let fx: TrackFixture;
  let blobs: BlobStore;
  let r: SeededRecipient;
  const clock = fixedClock("2024-11-05T01:00:00.000Z");
  beforeEach(async () => {
    fx = await makeTrackFixture();
    blobs = diskBlobStore(join(fx.dir, "blobs"));
    [r] = (await seedLetter(fx.store, { letterId: "L1", opdIds: ["DINKES"] })) as [SeededRecipient];
    await acknowledge(fx.store, clock, r.token, {
      name: "Kepala",
      position: "Kepala Dinas",
      ip: null,
      userAgent: null,
    });
  });
  afterEach(async () => {
    await fx.close();
  });

  it("serves-the-current-file-and-an-earlier-version-by-its-sha256-under-a-safe-name", async () => {
    await submitReport(fx.store, blobs, clock, r.token, { ...report, attachment: pdf("pertama") });
    const first = parseStoredReport((await recipientRow(fx.store, r.id)).report_json)?.attachment;
    await submitReport(fx.store, blobs, clock, r.token, { ...report, attachment: pdf("kedua") });

    const current = await readReportAttachment(fx.store, blobs, "L1", "DINKES");
    expect(new TextDecoder().decode(current.bytes)).toBe("%PDF-1.4 kedua");
    expect(current).toMatchObject({ contentType: "application/pdf", filename: "Nota_Dinas.pdf" });
    const earlier = await readReportAttachment(fx.store, blobs, "L1", "DINKES", first?.sha256);
    expect(new TextDecoder().decode(earlier.bytes)).toBe("%PDF-1.4 pertama");
  });

  it("answers-a-stored-type-the-form-does-not-accept-as-octet-stream", async () => {
    await blobs.put("reports/x/page.html", new TextEncoder().encode("<script>"), "text/html");
    const stored: StoredReport = {
      staffInformed: 5,
      informedOn: "2024-11-04",
      method: "surat",
      note: "",
      attachment: { key: "reports/x/page.html", filename: "page.html", contentType: "text/html", size: 8 },
      submittedAt: "2024-11-05T01:00:00.000Z",
    };
    await fx.store.db
      .updateTable("recipients")
      .set({ report_json: encodeJson(stored), reported_at: "2024-11-05T01:00:00.000Z" })
      .where("id", "=", r.id)
      .execute();
    expect(await readReportAttachment(fx.store, blobs, "L1", "DINKES")).toMatchObject({
      contentType: "application/octet-stream",
      filename: "page.html",
    });
  });

  it("is-not-found-without-an-attachment-and-when-the-blob-is-gone", async () => {
    await expect(readReportAttachment(fx.store, blobs, "L1", "DINKES")).rejects.toMatchObject({
      code: "not_found",
      message: "Lampiran laporan tidak ditemukan",
    });
    await submitReport(fx.store, blobs, clock, r.token, { ...report, attachment: pdf("hilang") });
    const gone = diskBlobStore(join(fx.dir, "other-blobs"));
    await expect(readReportAttachment(fx.store, gone, "L1", "DINKES")).rejects.toMatchObject({ code: "not_found" });
  });
});
