// The Pemda profile inside workerd: version 1 seeded on D1 with the bundled lambang in R2, and uploads (a PNG kept
// as is) stored in R2; an SVG is refused (no resvg-wasm in the bundle: the profile page converts it in the browser) under their sha256 and served back.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/domain/encoding.js";
import { openD1Store } from "../../src/store/d1-store.js";
import { pemdaProfileVersion } from "../../src/store/pemda-profile-repo.js";
import { makeApiClient } from "../support/api-client-fixture.js";
import { makePng, SHIELD_SVG } from "../support/png-fixture.js";
import { makeWorkerdTarget } from "../support/workerd-target-fixture.js";

interface ProfileAnswer {
  version: number;
  profile: { images: Record<string, { pngKey: string; svgKey?: string; sha256: string } | null> };
}

describe("workerd: the Pemda profile on D1 and R2", () => {
  const api = makeApiClient(makeWorkerdTarget());
  const upload = async (slot: string, body: BodyInit, type: string) => {
    const admin = await api.login("admin");
    return api.target.fetch(`/api/pemda-profile/images/${slot}`, {
      method: "PUT",
      headers: { cookie: admin.cookie, "content-type": type },
      body,
    });
  };

  it("seeds version 1 with the bundled lambang in R2", async () => {
    await api.login("admin"); // the first request prepares the isolate (seeding)
    const v1 = await pemdaProfileVersion(openD1Store(env.DB), 1);
    const lambang = v1?.profile.images.lambang;
    expect(v1?.profile.governmentName).toBe("Pemerintah Kota Bengkulu");
    const object = await env.DOCS.get(lambang?.pngKey ?? "");
    expect(object).not.toBeNull();
    expect(await sha256Hex(new Uint8Array(await object!.arrayBuffer()))).toBe(lambang?.sha256);
  });

  it("stores an uploaded PNG in R2 under its sha256 and serves it back", async () => {
    const png = makePng(320, 400);
    const res = await upload("lambang", png, "image/png");
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ProfileAnswer;
    const image = saved.profile.images.lambang;
    expect(image?.sha256).toBe(await sha256Hex(png));
    const object = await env.DOCS.get(image?.pngKey ?? "");
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(png);
    const admin = await api.login("admin");
    const got = await api.target.fetch("/api/pemda-profile/images/lambang", { headers: { cookie: admin.cookie } });
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
  });

  it("refuses an SVG sent to the API, saying to upload its PNG, and changes nothing", async () => {
    const admin = await api.login("admin");
    const before = await api.ok<ProfileAnswer>(admin, "GET", "/api/pemda-profile");
    const res = await upload("emblem", SHIELD_SVG, "image/svg+xml");
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("unggah versi PNG-nya");
    expect((await api.ok<ProfileAnswer>(admin, "GET", "/api/pemda-profile")).version).toBe(before.version);
  });

  it("refuses a file that is not an image and changes nothing", async () => {
    const admin = await api.login("admin");
    const before = await api.ok<ProfileAnswer>(admin, "GET", "/api/pemda-profile");
    const res = await upload("lambang", "bukan gambar", "image/png");
    expect(res.status).toBe(422);
    expect((await api.ok<ProfileAnswer>(admin, "GET", "/api/pemda-profile")).version).toBe(before.version);
  });
});
