import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/domain/encoding.js";
import { getPemdaProfile } from "../../src/pemda/get-pemda-profile.js";
import { pngSize } from "../../src/pemda/png-size.js";
import { uploadProfileImage } from "../../src/pemda/upload-profile-image.js";
import { type ApiFixture, makeApiFixture } from "../support/api-fixture.js";
import { makePng, SHIELD_SVG } from "../support/png-fixture.js";

let fx: ApiFixture;
let adminId: string;
beforeAll(async () => {
  fx = await makeApiFixture();
  adminId = await fx.userId("admin");
});
afterAll(async () => {
  await fx.close();
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const upload = (slot: "lambang" | "emblem", bytes: Uint8Array) =>
  uploadProfileImage(fx.rt.services, adminId, slot, bytes);

/** The refusal's code and message, and that the profile did not move. */
async function refused(slot: "lambang" | "emblem", bytes: Uint8Array) {
  const before = await getPemdaProfile(fx.rt.store);
  const err = await upload(slot, bytes).catch((e: unknown) => e);
  expect((await getPemdaProfile(fx.rt.store)).version).toBe(before.version);
  return err as { code: string; status: number; message: string };
}

describe("uploading a profile image", () => {
  it("keeps-a-png-as-its-bytes-keyed-by-its-sha256-in-a-new-version", async () => {
    const png = makePng(400, 480);
    const before = await getPemdaProfile(fx.rt.store);
    const saved = await upload("lambang", png);
    expect(saved.version).toBe(before.version + 1);
    const image = saved.profile.images.lambang;
    expect(image).toMatchObject({ sha256: await sha256Hex(png), widthPx: 400, heightPx: 480 });
    expect(image?.svgKey).toBeUndefined();
    expect(await fx.rt.services.blobs.get(image?.pngKey ?? "")).toEqual(png);
    // The other slot and the rest of the profile are as they were.
    expect(saved.profile.images.emblem).toEqual(before.profile.images.emblem);
    expect(saved.profile.kopJabatan).toBe(before.profile.kopJabatan);
  });

  it("stores-the-same-image-uploaded-twice-as-one-blob", async () => {
    const png = makePng(300, 300, [10, 120, 10]);
    const a = await upload("emblem", png);
    const b = await upload("lambang", png);
    expect(a.profile.images.emblem?.pngKey).toBe(b.profile.images.lambang?.pngKey);
  });

  it("keeps-an-svg-and-its-png-rendition-about-1000-px-high", async () => {
    const saved = await upload("emblem", utf8(SHIELD_SVG));
    const image = saved.profile.images.emblem;
    expect(image?.svgKey).toMatch(/\.svg$/);
    expect(new TextDecoder().decode((await fx.rt.services.blobs.get(image?.svgKey ?? "")) ?? new Uint8Array())).toBe(
      SHIELD_SVG,
    );
    const png = await fx.rt.services.blobs.get(image?.pngKey ?? "");
    expect(pngSize(png ?? new Uint8Array())).toEqual({ width: 833, height: 1000 });
    expect(image).toMatchObject({ widthPx: 833, heightPx: 1000 });
  });

  it("refuses-what-is-not-a-png-or-svg-by-its-bytes", async () => {
    const err = await refused("lambang", utf8("GIF89a bukan gambar yang diterima"));
    expect(err).toMatchObject({ code: "invalid_image", status: 422 });
    expect(err.message).toMatch(/bukan gambar PNG atau SVG/);
  });

  it("refuses-a-file-over-1-mb", async () => {
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(makePng(400, 400));
    const err = await refused("lambang", big);
    expect(err).toMatchObject({ code: "file_too_large", status: 413 });
    expect(err.message).toMatch(/paling besar 1 MB/);
  });

  it("refuses-a-png-under-200-or-over-4000-px-on-a-side", async () => {
    expect((await refused("lambang", makePng(120, 140))).message).toMatch(/terlalu kecil \(120 × 140 piksel\)/);
    expect((await refused("lambang", makePng(4001, 300))).message).toMatch(/terlalu besar \(4001 × 300 piksel\)/);
  });

  it("refuses-an-svg-without-a-size", async () => {
    const err = await refused(
      "emblem",
      utf8('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'),
    );
    expect(err.message).toMatch(/width dan height, atau viewBox/);
  });

  it.each([
    ["a script", "<script>alert(1)</script>", /skrip/],
    ["an event handler", '<rect width="5" height="5" onload="alert(1)"/>', /atribut peristiwa/],
    ["foreign content", "<foreignObject><p>hai</p></foreignObject>", /konten asing/],
    ["an external image", '<image href="https://contoh.test/a.png" width="5" height="5"/>', /di luar dirinya/],
    ["an external url()", '<rect width="5" height="5" style="fill:url(https://contoh.test/x#g)"/>', /di luar dirinya/],
  ])("refuses-an-svg-with-%s", async (_what, inner, message) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>`;
    const err = await refused("emblem", utf8(svg));
    expect(err).toMatchObject({ code: "invalid_image", status: 422 });
    expect(err.message).toMatch(message);
  });

  it("refuses-an-svg-where-no-rasteriser-is-available", async () => {
    const { rasteriseSvg: _none, ...withoutResvg } = fx.rt.services;
    const err = await uploadProfileImage(withoutResvg, adminId, "emblem", utf8(SHIELD_SVG)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_image" });
    expect((err as Error).message).toMatch(/unggah versi PNG-nya/);
  });
});
