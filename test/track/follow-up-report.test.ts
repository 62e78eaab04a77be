import { createHash } from "node:crypto";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "../../src/audit/audit-log.js";
import { fixedClock } from "../../src/domain/clock.js";
import { parseStoredReport } from "../../src/domain/stored-report.js";
import type { BlobStore } from "../../src/store/blob-store.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { findReportAttachment, safeFilename, submitReport } from "../../src/track/follow-up-report.js";
import {
  makeTrackFixture,
  recipientRow,
  type SeededRecipient,
  seedLetter,
  type TrackFixture,
} from "../support/track-fixture.js";

const ackForm = { name: "Hj. Sri Wahyuni, S.Pd.", position: "Kepala Dinas Pendidikan", ip: null, userAgent: null };
const report = { staffInformed: "42", informedOn: "2024-11-04", method: "apel", note: " Disampaikan saat apel pagi. " };

describe("follow-up report", () => {
  let fx: TrackFixture;
  let blobs: BlobStore;
  let r: SeededRecipient;
  const clock = fixedClock("2024-11-05T01:00:00.000Z");

  beforeEach(async () => {
    fx = await makeTrackFixture();
    blobs = diskBlobStore(join(fx.dir, "blobs"));
    [r] = (await seedLetter(fx.store, { letterId: "L1", opdIds: ["DIKBUD"] })) as [SeededRecipient];
    clock.set("2024-11-05T01:00:00.000Z");
  });
  afterEach(async () => {
    await fx.close();
  });

  it("is-refused-before-the-letter-is-acknowledged", async () => {
    expect(await submitReport(fx.store, blobs, clock, r.token, report)).toEqual({ status: "not_acknowledged" });
    expect((await recipientRow(fx.store, r.id)).reported_at).toBeNull();
  });

  it("after-acknowledging-stores-the-report-and-sets-reported-at", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    const res = await submitReport(fx.store, blobs, clock, r.token, report);
    expect(res).toMatchObject({ status: "reported", reportedAt: "2024-11-05T01:00:00.000Z", replaced: false });
    const row = await recipientRow(fx.store, r.id);
    expect(row.reported_at).toBe("2024-11-05T01:00:00.000Z");
    expect(parseStoredReport(row.report_json)).toEqual({
      staffInformed: 42,
      informedOn: "2024-11-04",
      method: "apel",
      note: "Disampaikan saat apel pagi.",
      attachment: null,
      submittedAt: "2024-11-05T01:00:00.000Z",
    });
  });

  it("an-attachment-goes-to-the-blob-store-under-its-sha256-and-only-its-key-into-the-row", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    const bytes = new TextEncoder().encode("%PDF-1.4 notulen rapat");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const res = await submitReport(fx.store, blobs, clock, r.token, {
      ...report,
      attachment: { filename: "../../Notulen Rapat.pdf", contentType: "application/pdf", bytes },
    });
    expect(res.status).toBe("reported");
    const stored = parseStoredReport((await recipientRow(fx.store, r.id)).report_json);
    expect(stored?.attachment).toEqual({
      key: `reports/${r.id}/${sha256}-Notulen_Rapat.pdf`,
      filename: "Notulen_Rapat.pdf",
      contentType: "application/pdf",
      size: bytes.byteLength,
      sha256,
    });
    expect(await blobs.get(`reports/${r.id}/${sha256}-Notulen_Rapat.pdf`)).toEqual(bytes);
    expect((await recipientRow(fx.store, r.id)).report_json).not.toContain("PDF-1.4");
    const audit = (await listAudit(fx.store)).find((a) => a.action === "recipient.reported");
    expect(JSON.parse(audit!.data_json).attachment).toEqual(stored?.attachment);
  });

  it("a-corrected-report-with-a-file-of-the-same-name-leaves-the-earlier-file-as-the-audit-row-names-it", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    const first = new TextEncoder().encode("%PDF-1.4 daftar hadir versi pertama");
    const second = new TextEncoder().encode("%PDF-1.4 daftar hadir versi perbaikan");
    const file = (bytes: Uint8Array) => ({ filename: "daftar-hadir.pdf", contentType: "application/pdf", bytes });
    await submitReport(fx.store, blobs, clock, r.token, { ...report, attachment: file(first) });
    clock.advance(3_600_000);
    await submitReport(fx.store, blobs, clock, r.token, { ...report, attachment: file(second) });

    const rows = await listAudit(fx.store);
    const [reported, replaced] = ["recipient.reported", "recipient.report_replaced"].map(
      (action) =>
        JSON.parse(rows.find((a) => a.action === action)!.data_json).attachment as { key: string; sha256: string },
    );
    expect(reported!.key).not.toBe(replaced!.key);
    expect(await blobs.get(reported!.key)).toEqual(first);
    expect(await blobs.get(replaced!.key)).toEqual(second);

    // The current file by default; any earlier one by its SHA-256; nothing for a hash no report carried.
    expect((await findReportAttachment(fx.store, "L1", "DIKBUD"))?.sha256).toBe(replaced!.sha256);
    expect((await findReportAttachment(fx.store, "L1", "DIKBUD", reported!.sha256))?.key).toBe(reported!.key);
    expect(await findReportAttachment(fx.store, "L1", "DIKBUD", "0".repeat(64))).toBeNull();
    expect(await findReportAttachment(fx.store, "L1", "DIKBUD", "../../etc")).toBeNull();
    expect(await findReportAttachment(fx.store, "L1", "LAIN", reported!.sha256)).toBeNull();
  });

  it("re-submitting-replaces-the-report-but-keeps-the-first-reported-at", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    await submitReport(fx.store, blobs, clock, r.token, report);
    clock.advance(2 * 86_400_000);
    const res = await submitReport(fx.store, blobs, clock, r.token, { ...report, staffInformed: 50, method: "rapat" });
    expect(res).toMatchObject({
      status: "reported",
      reportedAt: "2024-11-05T01:00:00.000Z",
      submittedAt: "2024-11-07T01:00:00.000Z",
      replaced: true,
    });
    const row = await recipientRow(fx.store, r.id);
    expect(row.reported_at).toBe("2024-11-05T01:00:00.000Z");
    expect(parseStoredReport(row.report_json)).toMatchObject({ staffInformed: 50, method: "rapat" });
    expect((await listAudit(fx.store)).map((a) => a.action)).toEqual([
      "recipient.acknowledged",
      "recipient.reported",
      "recipient.report_replaced",
    ]);
  });

  it("refuses-bad-fields-a-future-date-and-a-wrong-attachment-type-in-bahasa-indonesia", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    const bad = await submitReport(fx.store, blobs, clock, r.token, {
      staffInformed: "banyak",
      informedOn: "2024-02-30",
      method: "telepati",
    });
    expect(bad.status).toBe("invalid");
    if (bad.status === "invalid") {
      expect(bad.issues.map((i) => i.path)).toEqual(["staffInformed", "informedOn", "method"]);
      expect(bad.issues[0]?.message).toBe("Jumlah pegawai wajib diisi dengan angka");
    }
    const future = await submitReport(fx.store, blobs, clock, r.token, { ...report, informedOn: "2024-11-06" });
    expect(future).toEqual({
      status: "invalid",
      issues: [{ path: "informedOn", message: "Tanggal penyampaian tidak boleh di masa depan" }],
    });
    const exe = await submitReport(fx.store, blobs, clock, r.token, {
      ...report,
      attachment: { filename: "x.exe", contentType: "application/x-msdownload", bytes: new Uint8Array([1]) },
    });
    expect(exe).toEqual({
      status: "invalid",
      issues: [{ path: "attachment", message: "Lampiran harus berupa PDF, JPG, PNG, atau DOCX" }],
    });
    expect((await recipientRow(fx.store, r.id)).reported_at).toBeNull();
  });

  it("takes-today-in-wib-as-today-after-17-00-utc", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    // 23:00 UTC on the 5th is 06:00 WIB on the 6th: a report of something done on the 6th is not in the future.
    clock.set("2024-11-05T23:00:00.000Z");
    expect((await submitReport(fx.store, blobs, clock, r.token, { ...report, informedOn: "2024-11-06" })).status).toBe(
      "reported",
    );
    expect((await submitReport(fx.store, blobs, clock, r.token, { ...report, informedOn: "2024-11-07" })).status).toBe(
      "invalid",
    );
  });

  it("a-bad-token-or-a-withdrawn-letter-gets-no-report", async () => {
    expect(await submitReport(fx.store, blobs, clock, "bukan-token-yang-benar-sama-sekali", report)).toEqual({
      status: "invalid_token",
    });
    await acknowledge(fx.store, clock, r.token, ackForm);
    await fx.store.db.updateTable("letters").set({ status: "withdrawn" }).where("id", "=", "L1").execute();
    expect(await submitReport(fx.store, blobs, clock, r.token, report)).toEqual({ status: "letter_withdrawn" });
  });

  it("file-names-cannot-climb-out-of-the-report-folder", () => {
    expect(safeFilename("../../etc/passwd")).toBe("passwd");
    expect(safeFilename("C:\\Users\\a\\Laporan Akhir.docx")).toBe("Laporan_Akhir.docx");
    expect(safeFilename("..")).toBe("lampiran");
    expect(safeFilename(".env")).toBe("env");
  });

  it("takes-the-count-as-a-number-or-its-digits-and-never-coerces-a-boolean-or-a-nested-array", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    for (const staffInformed of [true, [[[5]]], ["5"], { n: 5 }, "5 orang", 5.5]) {
      const bad = await submitReport(fx.store, blobs, clock, r.token, { ...report, staffInformed });
      expect(bad.status, JSON.stringify(staffInformed)).toBe("invalid");
      if (bad.status === "invalid") expect(bad.issues.map((i) => i.path)).toEqual(["staffInformed"]);
    }
    expect((await recipientRow(fx.store, r.id)).report_json).toBeNull();
    const ok = await submitReport(fx.store, blobs, clock, r.token, { ...report, staffInformed: 7 });
    expect(ok).toMatchObject({ status: "reported", report: { staffInformed: 7 } });
  });

  it("refuses-a-note-with-nul-or-escape-characters-and-a-note-that-is-not-text", async () => {
    await acknowledge(fx.store, clock, r.token, ackForm);
    const nul = await submitReport(fx.store, blobs, clock, r.token, { ...report, note: "apel\u0000pagi\u001b[2J" });
    expect(nul).toEqual({
      status: "invalid",
      issues: [{ path: "note", message: "Catatan memuat karakter kendali yang tidak dapat dicetak" }],
    });
    const notText = await submitReport(fx.store, blobs, clock, r.token, { ...report, note: ["a"] });
    expect(notText).toEqual({ status: "invalid", issues: [{ path: "note", message: "Catatan harus berupa teks" }] });
    expect((await recipientRow(fx.store, r.id)).report_json).toBeNull();
  });
});
