import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pemdaProfileJson from "../../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { sha256Hex } from "../../../src/domain/encoding.js";
import { type ApiFixture, issuePaths, makeApiFixture } from "../../support/api-fixture.js";
import { makePng, SHIELD_SVG } from "../../support/png-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

interface ProfileAnswer {
  version: number;
  createdBy: string;
  profile: {
    governmentName: string;
    kopJabatan: string;
    images: { lambang: { sha256: string } | null };
    delivery: { attachDocx: boolean };
  };
}

const current = () => fx.json<ProfileAnswer>("GET", "/api/pemda-profile", 200, { as: "admin" });
const putImage = (slot: string, raw: BodyInit, type: string, as: "admin" | "sekretariat" = "admin") =>
  fx.call("PUT", `/api/pemda-profile/images/${slot}`, { as, raw, headers: { "content-type": type } });

describe("GET /api/pemda-profile", () => {
  it("answers-the-seeded-kota-bengkulu-profile-to-any-signed-in-user", async () => {
    const p = await fx.json<ProfileAnswer>("GET", "/api/pemda-profile", 200, { as: "kepala_opd" });
    expect(p.version).toBeGreaterThanOrEqual(1);
    expect(p.profile).toMatchObject({ governmentName: "Pemerintah Kota Bengkulu", kopJabatan: "WALI KOTA BENGKULU" });
    expect((await fx.call("GET", "/api/pemda-profile")).status).toBe(401);
  });
});

describe("PUT /api/pemda-profile", () => {
  it("saves-a-new-version-for-the-admin", async () => {
    const before = await current();
    const saved = await fx.json<ProfileAnswer>("PUT", "/api/pemda-profile", 200, {
      as: "admin",
      body: { ...pemdaProfileJson, kopJabatan: "PENJABAT WALI KOTA BENGKULU" },
    });
    expect(saved.version).toBe(before.version + 1);
    expect((await current()).profile.kopJabatan).toBe("PENJABAT WALI KOTA BENGKULU");
  });

  it("sets-whether-the-email-attaches-the-docx-and-a-profile-without-it-sends-links-with-the-docx", async () => {
    // The seeded sample has no delivery block: it reads as the default, links to the files, the DOCX among them.
    expect(pemdaProfileJson).not.toHaveProperty("delivery");
    expect((await current()).profile.delivery).toEqual({ mode: "link", attachDocx: true });
    await fx.json("PUT", "/api/pemda-profile", 200, {
      as: "admin",
      body: { ...pemdaProfileJson, delivery: { attachDocx: false } },
    });
    expect((await current()).profile.delivery).toEqual({ mode: "link", attachDocx: false });
    const bad = await fx.call("PUT", "/api/pemda-profile", {
      as: "admin",
      body: { ...pemdaProfileJson, delivery: { attachDocx: "ya" } },
    });
    expect(bad.status).toBe(422);
    expect(await issuePaths(bad)).toEqual(["delivery.attachDocx"]);
    await fx.json("PUT", "/api/pemda-profile", 200, { as: "admin", body: pemdaProfileJson });
    expect((await current()).profile.delivery).toEqual({ mode: "link", attachDocx: true });
  });

  it("answers-422-with-every-bad-field", async () => {
    const res = await fx.call("PUT", "/api/pemda-profile", {
      as: "admin",
      body: { ...pemdaProfileJson, level: "desa", page: { ...pemdaProfileJson.page, fontSizePt: 30 } },
    });
    expect(res.status).toBe(422);
    expect(await issuePaths(res)).toEqual(["level", "page.fontSizePt"]);
  });

  it("refuses-a-non-admin-and-a-body-that-is-not-json-and-a-sibling-origin", async () => {
    const before = await current();
    expect((await fx.call("PUT", "/api/pemda-profile", { as: "sekretariat", body: pemdaProfileJson })).status).toBe(
      403,
    );
    const plain = await fx.call("PUT", "/api/pemda-profile", {
      as: "admin",
      raw: JSON.stringify(pemdaProfileJson),
      headers: { "content-type": "text/plain" },
    });
    expect(plain.status).toBe(415);
    const sibling = await fx.call("PUT", "/api/pemda-profile", {
      as: "admin",
      body: pemdaProfileJson,
      headers: { Origin: "https://lain.bengkulukota.go.id" },
    });
    expect(sibling.status).toBe(403);
    expect((await current()).version).toBe(before.version);
  });
});

describe("/api/pemda-profile/images/:slot", () => {
  it("stores-an-uploaded-png-and-serves-it-back", async () => {
    const png = makePng(400, 480);
    const res = await putImage("lambang", png, "image/png");
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ProfileAnswer;
    expect(saved.profile.images.lambang?.sha256).toBe(await sha256Hex(png));
    const got = await fx.call("GET", "/api/pemda-profile/images/lambang", { as: "penandatangan" });
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
  });

  it("serves-an-uploaded-svg-as-its-png-rendition", async () => {
    expect((await putImage("emblem", SHIELD_SVG, "image/svg+xml")).status).toBe(200);
    const got = await fx.call("GET", "/api/pemda-profile/images/emblem", { as: "admin" });
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(Array.from(new Uint8Array(await got.arrayBuffer()).subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });

  it("answers-413-415-422-and-403-with-clear-messages-and-changes-nothing", async () => {
    const before = await current();
    const big = new Uint8Array(1024 * 1024 + 10);
    big.set(makePng(300, 300));
    const tooBig = await putImage("lambang", big, "image/png");
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      error: { code: "file_too_large", message: expect.stringMatching(/1 MB/) },
    });
    expect((await putImage("lambang", makePng(300, 300), "image/gif")).status).toBe(415);
    // Declared as a PNG, but the bytes are not an image: the bytes decide.
    const fake = await putImage("lambang", "<html>bukan gambar</html>", "image/png");
    expect(fake.status).toBe(422);
    expect(await fake.json()).toMatchObject({
      error: { code: "invalid_image", message: expect.stringMatching(/bukan gambar PNG atau SVG/) },
    });
    const small = await putImage("lambang", makePng(120, 140), "image/png");
    expect(small.status).toBe(422);
    expect((await putImage("lambang", makePng(300, 300), "image/png", "sekretariat")).status).toBe(403);
    expect((await putImage("stempel", makePng(300, 300), "image/png")).status).toBe(404);
    expect((await current()).version).toBe(before.version);
  });
});
