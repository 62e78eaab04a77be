import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pemdaProfileJson from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { listAudit, verifyAuditChain } from "../../src/audit/audit-log.js";
import { getPemdaProfile } from "../../src/pemda/get-pemda-profile.js";
import { updatePemdaProfile } from "../../src/pemda/update-pemda-profile.js";
import { type ApiFixture, makeApiFixture } from "../support/api-fixture.js";

let fx: ApiFixture;
let adminId: string;
beforeAll(async () => {
  fx = await makeApiFixture();
  adminId = await fx.userId("admin");
});
afterAll(async () => {
  await fx.close();
});

const kabupaten = {
  ...pemdaProfileJson,
  level: "kabupaten",
  governmentName: "Pemerintah Kabupaten Banggai Kepulauan",
  kepalaDaerah: "Bupati Banggai Kepulauan",
  kopJabatan: "BUPATI BANGGAI KEPULAUAN",
  page: { ...pemdaProfileJson.page, paper: "F4" },
};

describe("updating the Pemda profile", () => {
  it("saves-the-next-version-with-its-audit-row-and-keeps-the-images", async () => {
    const before = await getPemdaProfile(fx.rt.store);
    const saved = await updatePemdaProfile(fx.rt.services, adminId, kabupaten);
    expect(saved.version).toBe(before.version + 1);
    expect(saved.createdBy).toBe(adminId);
    expect(saved.profile).toMatchObject({ level: "kabupaten", kopJabatan: "BUPATI BANGGAI KEPULAUAN" });
    expect(saved.profile.page.paper).toBe("F4");
    expect(saved.profile.images).toEqual(before.profile.images);
    expect((await getPemdaProfile(fx.rt.store)).version).toBe(saved.version);
    const audit = (await listAudit(fx.rt.store)).filter((r) => r.action === "pemda_profile.updated");
    expect(audit.at(-1)).toMatchObject({ actor: adminId, subject: `v${saved.version}` });
    expect((await verifyAuditChain(fx.rt.store)).intact).toBe(true);
  });

  it("names-every-bad-field-and-stores-nothing", async () => {
    const before = await getPemdaProfile(fx.rt.store);
    const audited = (await listAudit(fx.rt.store)).length;
    const bad = {
      ...kabupaten,
      level: "desa",
      kopInstansi: { address: "", email: "bukan-email" },
      page: { ...kabupaten.page, paper: "A3", marginsCm: { top: 9, bottom: 3, left: 3, right: 2.5 } },
      nomorPattern: "{kka}/{unit}",
      images: { lambang: null, emblem: null },
      warna: "merah",
    };
    const err = await updatePemdaProfile(fx.rt.services, adminId, bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_profile", status: 422 });
    const paths = ((err as { issues: { path: string }[] }).issues ?? []).map((i) => i.path).sort();
    expect(paths).toEqual(
      [
        "images",
        "kopInstansi.address",
        "kopInstansi.email",
        "level",
        "nomorPattern",
        "page.marginsCm.top",
        "page.paper",
        "warna",
      ].sort(),
    );
    expect((await getPemdaProfile(fx.rt.store)).version).toBe(before.version);
    expect((await listAudit(fx.rt.store)).length).toBe(audited);
  });

  it("lets-only-one-of-two-saves-based-on-the-same-version-win", async () => {
    const before = await getPemdaProfile(fx.rt.store);
    // Both read version N before either writes, so both aim at N + 1: the primary key lets one in.
    const results = await Promise.allSettled([
      updatePemdaProfile(fx.rt.services, adminId, { ...kabupaten, kopJabatan: "SATU" }),
      updatePemdaProfile(fx.rt.services, adminId, { ...kabupaten, kopJabatan: "DUA" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = results.find((r) => r.status === "rejected");
    expect(lost?.status === "rejected" ? lost.reason : null).toMatchObject({ code: "revision_conflict", status: 409 });
    expect((await getPemdaProfile(fx.rt.store)).version).toBe(before.version + 1);
    const audited = (await listAudit(fx.rt.store)).filter((r) => r.subject === `v${before.version + 1}`);
    expect(audited).toHaveLength(1);
  });
});
