import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAudit, verifyAuditChain } from "../../src/audit/audit-log.js";
import { AppError } from "../../src/domain/app-error.js";
import { fixedClock } from "../../src/domain/clock.js";
import { opdUpdateSchema, updateOpdDetails } from "../../src/opd/update-opd.js";
import { getOpd } from "../../src/store/opd-repo.js";
import { makeTrackFixture, seedLetter, type TrackFixture } from "../support/track-fixture.js";

describe("updating an OPD's head and email", () => {
  let fx: TrackFixture;
  const clock = fixedClock("2024-11-05T01:00:00.000Z");
  beforeEach(async () => {
    fx = await makeTrackFixture();
    await seedLetter(fx.store, { letterId: "L1", opdIds: ["DINKES"] });
  });
  afterEach(async () => {
    await fx.close();
  });

  it("stores-the-change-and-its-opd-updated-audit-row-and-returns-the-stored-opd", async () => {
    const body = opdUpdateSchema.parse({ head_name: "dr. Lia Kurnia", email: "dinkes@bengkulukota.go.id" });
    const opd = await updateOpdDetails({ store: fx.store, clock }, "u-sekretariat", "DINKES", body);
    expect(opd).toMatchObject({
      id: "DINKES",
      head_name: "dr. Lia Kurnia",
      email: "dinkes@bengkulukota.go.id",
      head_title: "Kepala Dinas DINKES",
      updated_at: "2024-11-05T01:00:00.000Z",
    });
    expect(await getOpd(fx.store, "DINKES")).toEqual(opd);
    const audit = await listAudit(fx.store);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "u-sekretariat", action: "opd.updated", subject: "DINKES" });
    expect(JSON.parse(audit[0]!.data_json)).toEqual(body);
    expect((await verifyAuditChain(fx.store)).intact).toBe(true);
  });

  it("clears-the-email-with-null-and-leaves-the-fields-not-given", async () => {
    await updateOpdDetails({ store: fx.store, clock }, "u-sekretariat", "DINKES", { email: null });
    expect(await getOpd(fx.store, "DINKES")).toMatchObject({ email: null, head_name: "Kepala DINKES" });
  });

  it("refuses-an-unknown-opd-with-not-found-and-writes-no-audit-row", async () => {
    const err = await updateOpdDetails({ store: fx.store, clock }, "u-sekretariat", "NOPE", { email: null }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "not_found", message: "Perangkat daerah tidak ditemukan" });
    expect(await listAudit(fx.store)).toEqual([]);
  });

  it("the-schema-names-unknown-fields-and-refuses-an-empty-change", () => {
    const unknown = opdUpdateSchema.safeParse({ name: "Dinas Baru" });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues.map((i) => i.message)).toEqual(["Kolom tidak dapat diubah: name"]);
    const empty = opdUpdateSchema.safeParse({});
    expect(empty.error?.issues.map((i) => i.message)).toEqual(["Tidak ada yang diubah"]);
  });
});
