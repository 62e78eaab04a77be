// Dates the Inspektorat filters on and reads are WIB calendar days: 06:00 WIB on 21 November is
// 2024-11-20T23:00Z, and it belongs to the 21st, not the 20th its UTC string starts with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { fixedClock } from "../../../src/domain/clock.js";
import { filterMatrix } from "../../../src/http/pages/compliance-letter-page.js";
import type { MatrixRow } from "../../../src/http/pages/components/compliance-matrix.js";
import { tanggal, wibDate } from "../../../src/http/pages/format.js";
import { acknowledge } from "../../../src/track/acknowledge.js";
import {
  makePagesFixture,
  makeTestInput,
  type PageClient,
  type PagesFixture,
  sentLetter,
} from "../../support/pages-fixture.js";

describe("wibDate and tanggal", () => {
  it("put an instant after 17:00 UTC on the next WIB day", () => {
    expect(wibDate("2024-11-20T23:00:00.000Z")).toBe("2024-11-21");
    expect(wibDate("2024-11-20T16:59:59.999Z")).toBe("2024-11-20");
    expect(wibDate("2024-11-20T17:00:00.000Z")).toBe("2024-11-21");
    expect(tanggal("2024-11-20T23:00:00.000Z")).toBe("21 November 2024");
  });

  it("leave a calendar date as it is, and an empty or unreadable value empty", () => {
    expect(wibDate("2024-11-21")).toBe("2024-11-21");
    expect(tanggal("2024-11-21")).toBe("21 November 2024");
    expect(wibDate(null)).toBe("");
    expect(wibDate("bukan tanggal")).toBe("");
    expect(tanggal("bukan tanggal")).toBe("bukan tanggal");
  });
});

describe("filterMatrix", () => {
  const row = (acknowledgedAt: string | null, sentAt: string | null): MatrixRow => ({
    opdId: "DINKES",
    opdName: "Dinas Kesehatan",
    sentAt,
    deliveredAt: null,
    acknowledgedAt,
    reportedAt: null,
    overdue: false,
  });

  it("counts an acknowledgement at 06:00 WIB on 21 November in 'from 2024-11-21', not in 'to 2024-11-20'", () => {
    const rows = [row("2024-11-20T23:00:00.000Z", "2024-11-20T02:00:00.000Z")];
    expect(filterMatrix(rows, { status: "all", from: "2024-11-21" })).toHaveLength(1);
    expect(filterMatrix(rows, { status: "all", to: "2024-11-21" })).toHaveLength(1);
    expect(filterMatrix(rows, { status: "all", to: "2024-11-20" })).toHaveLength(0);
  });

  it("falls back to the WIB day it was sent when not acknowledged", () => {
    const rows = [row(null, "2024-11-20T18:30:00.000Z")];
    expect(filterMatrix(rows, { status: "all", from: "2024-11-21", to: "2024-11-21" })).toHaveLength(1);
  });
});

describe("Inspektorat pages filter on WIB days", () => {
  let p: PagesFixture;
  let letterId = "";
  let insp: PageClient;
  beforeAll(async () => {
    p = await makePagesFixture();
    const sent = await sentLetter(p.runtime, makeTestInput());
    letterId = sent.letterId;
    // Sent to DINKES at 01:00 WIB on 2 October, acknowledged at 06:00 WIB on 2 October: both still 1 October in UTC.
    await p.runtime.store.db
      .updateTable("recipients")
      .set({ sent_at: "2024-10-01T18:00:00.000Z" })
      .where("id", "=", sent.recipientIds.get("DINKES")!)
      .execute();
    const token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
    await acknowledge(p.runtime.store, fixedClock("2024-10-01T23:00:00.000Z"), token, {
      name: "dr. Susilawati",
      position: "Kepala Dinas",
      ip: null,
      userAgent: null,
    });
    insp = p.client("10.3.0.1");
    await insp.login("inspektorat");
  });
  afterAll(async () => p.close());

  it("the matrix keeps the OPD in 'from 2 October' and drops it from 'to 1 October'", async () => {
    const from = await insp.get(`/inspektorat/surat/${letterId}?status=acknowledged&from=2024-10-02`);
    expect(from.html).toContain("Dinas Kesehatan");
    expect(from.html).toContain("Jumlah (1 OPD)");
    const to = await insp.get(`/inspektorat/surat/${letterId}?status=acknowledged&to=2024-10-01`);
    expect(to.html).not.toContain("Jumlah (1 OPD)");
    expect(to.html).toContain("Tidak ada perangkat daerah yang cocok");
  });

  it("the OPD history counts the letter on the WIB day it was sent", async () => {
    const on2 = await insp.get("/inspektorat/opd?opd=DINKES&from=2024-10-02&to=2024-10-02");
    expect(on2.html).toContain(letterId);
    const on1 = await insp.get("/inspektorat/opd?opd=DINKES&from=2024-10-01&to=2024-10-01");
    expect(on1.html).not.toContain(letterId);
  });
});
