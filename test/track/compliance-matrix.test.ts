import { createHash } from "node:crypto";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import type { BlobStore } from "../../src/store/blob-store.js";
import { diskBlobStore } from "../../src/store/disk-blob-store.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { complianceMatrix } from "../../src/track/compliance-matrix.js";
import { submitReport } from "../../src/track/follow-up-report.js";
import { recordViolation } from "../../src/track/violations-repo.js";
import { makeTrackFixture, type SeededRecipient, seedLetter, type TrackFixture } from "../support/track-fixture.js";

const ackForm = { name: "Hj. Sri Wahyuni", position: "Kepala Dinas", ip: null, userAgent: null };
const report = { staffInformed: "12", informedOn: "2024-11-04", method: "apel" };
const violation = (opdId: string, letterId: string) => ({
  employeeName: "Budi Santoso",
  employeeNip: "198503122010011002",
  employeeStatus: "PNS",
  opdId,
  letterId,
  act: "Memasang foto bersama calon di media sosial",
  status: "dilaporkan",
});

describe("the compliance matrix of a letter", () => {
  let fx: TrackFixture;
  let blobs: BlobStore;
  const clock = fixedClock("2024-11-05T01:00:00.000Z");
  beforeEach(async () => {
    fx = await makeTrackFixture();
    blobs = diskBlobStore(join(fx.dir, "blobs"));
    clock.set("2024-11-05T01:00:00.000Z");
  });
  afterEach(async () => {
    await fx.close();
  });

  it("is-null-for-a-letter-that-does-not-exist", async () => {
    expect(await complianceMatrix(fx.store, clock, "NOPE")).toBeNull();
  });

  it("has-one-row-per-opd-with-its-acknowledgement-its-violations-under-this-letter-and-its-report-attachment", async () => {
    const [a, b] = (await seedLetter(fx.store, { letterId: "L1", opdIds: ["A", "B", "C"] })) as SeededRecipient[];
    await seedLetter(fx.store, { letterId: "L2", opdIds: ["A"] });
    await acknowledge(fx.store, clock, a!.token, ackForm);
    const bytes = new TextEncoder().encode("%PDF-1.4 notulen");
    await submitReport(fx.store, blobs, clock, a!.token, {
      ...report,
      attachment: { filename: "notulen.pdf", contentType: "application/pdf", bytes },
    });
    await acknowledge(fx.store, clock, b!.token, { ...ackForm, name: "Drs. Hendra" });
    await submitReport(fx.store, blobs, clock, b!.token, report);
    await fx.store.db
      .updateTable("recipients")
      .set({ status: "bounced", bounced_at: "2024-11-01T02:05:00.000Z" })
      .where("id", "=", "rcp-L1-C")
      .execute();
    await recordViolation(fx.store, clock, "u-sekretariat", violation("A", "L1"));
    await recordViolation(fx.store, clock, "u-sekretariat", violation("A", "L1"));
    await recordViolation(fx.store, clock, "u-sekretariat", violation("A", "L2"));

    const m = await complianceMatrix(fx.store, clock, "L1");
    expect(m?.letter).toMatchObject({ id: "L1", nomor: "800.1.3/L1/BKPSDM.II/2024", ackDeadline: "2024-11-20" });
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(m?.rows).toEqual([
      {
        opdId: "A",
        opdName: "Dinas A",
        sentAt: "2024-11-01T02:00:00.000Z",
        deliveredAt: null,
        deliveryProblem: null,
        acknowledgedAt: "2024-11-05T01:00:00.000Z",
        ackName: "Hj. Sri Wahyuni",
        ackPosition: "Kepala Dinas",
        reportedAt: "2024-11-05T01:00:00.000Z",
        report: { staffInformed: 12, informedOn: "2024-11-04", method: "apel", note: "" },
        overdue: false,
        lateness: null,
        daysLate: null,
        // Acknowledged in time: no escalation step was ever taken for it.
        escalation: null,
        remindersSent: 0,
        lastRemindedAt: null,
        violations: 2,
        attachment: { filename: "notulen.pdf", sha256 },
      },
      expect.objectContaining({ opdId: "B", ackName: "Drs. Hendra", violations: 0, attachment: null }),
      expect.objectContaining({
        opdId: "C",
        deliveryProblem: "bounced",
        acknowledgedAt: null,
        ackPosition: null,
        report: null,
        attachment: null,
      }),
    ]);
  });

  it("marks-a-failed-delivery-and-an-opd-past-the-deadline", async () => {
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["A", "B"], ackDeadline: "2024-11-03" });
    await fx.store.db.updateTable("recipients").set({ status: "failed" }).where("id", "=", "rcp-L1-B").execute();
    const rows = (await complianceMatrix(fx.store, clock, "L1"))?.rows ?? [];
    expect(rows.map((r) => [r.opdId, r.deliveryProblem, r.overdue, r.lateness, r.daysLate])).toEqual([
      ["A", null, true, "overdue", 2],
      ["B", "failed", true, "overdue", 2],
    ]);
  });
});
