// /admin/profil-pemda: the admin edits the Pemda profile and uploads its images through the real app with the
// browser-like page client; every save is a new version with its audit row, and a refusal keeps what was typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPemdaProfile } from "../../../src/pemda/get-pemda-profile.js";
import {
  makePagesFixture,
  makeTestInput,
  type PageClient,
  type PagesFixture,
  userId,
} from "../../support/pages-fixture.js";
import { makePng, SHIELD_SVG } from "../../support/png-fixture.js";

let p: PagesFixture;
let ip = 0;
let admin: PageClient;
beforeAll(async () => {
  p = await makePagesFixture();
  admin = p.client("10.3.0.1");
  await admin.login("admin");
});
afterAll(async () => p.close());

const client = () => p.client(`10.3.1.${++ip}`);
const version = async () => (await getPemdaProfile(p.runtime.store)).version;

/** The form's current fields as the page shows them, with changes on top. */
function fields(changes: Record<string, string> = {}): Record<string, string> {
  return {
    level: "kota",
    governmentName: "Pemerintah Kota Bengkulu",
    kepalaDaerah: "Wali Kota Bengkulu",
    "kopInstansi.address": "Jalan Basuki Rahmat Nomor 1 Sawah Lebar, Bengkulu 38222",
    "kopInstansi.phone": "(0736) 21256",
    "kopInstansi.email": "setda@bengkulukota.go.id",
    "kopInstansi.website": "bengkulukota.go.id",
    kopJabatan: "WALI KOTA BENGKULU",
    kopRule: "by-signer",
    "page.paper": "A4",
    "page.marginsCm.top": "2,5",
    "page.marginsCm.bottom": "3",
    "page.marginsCm.left": "3",
    "page.marginsCm.right": "2,5",
    "page.font": "Arial",
    "page.fontSizePt": "12",
    nomorPattern: "{kka}/{seq}/{unit}/{year}",
    nameCase: "upper",
    "signerRules.sekdaShowsIdentity": "on",
    "signerRules.gelarForOfficials": "on",
    "delivery.attachDocx": "on",
    ...changes,
  };
}

describe("access", () => {
  it("is-for-the-admin-only-and-refuses-a-post-without-the-csrf-token", async () => {
    const before = await version();
    for (const username of ["sekretariat", "penandatangan", "inspektorat"]) {
      const c = client();
      await c.login(username);
      expect((await c.get("/admin/profil-pemda")).status, username).toBe(403);
      expect((await c.post("/admin/profil-pemda", fields({ kopJabatan: "PENYUSUP" }))).status).toBe(403);
    }
    expect((await client().get("/admin/profil-pemda")).location).toMatch(/^\/masuk\?next=/);
    await admin.get("/admin/profil-pemda");
    expect((await admin.post("/admin/profil-pemda", { ...fields(), _csrf: "palsu" })).status).toBe(403);
    expect(await version()).toBe(before);
  });

  it("shows-the-admin-a-profil-pemda-link-and-the-current-values", async () => {
    const r = await admin.get("/admin/profil-pemda");
    expect(r.status).toBe(200);
    expect(r.html).toContain('href="/admin/profil-pemda"');
    expect(r.html).toContain('value="WALI KOTA BENGKULU"');
    expect(r.html).toContain('value="2,5"');
    expect(r.html).toContain("Sistem (data awal)");
  });
});

describe("saving the profile", () => {
  it("saves-a-new-version-and-lists-it-in-the-history", async () => {
    const before = await version();
    await admin.get("/admin/profil-pemda");
    const r = await admin.follow(
      await admin.post("/admin/profil-pemda", fields({ "page.paper": "F4", "page.marginsCm.left": "3,5" })),
    );
    expect(r.html).toContain(`Profil Pemda tersimpan sebagai versi ${before + 1}.`);
    const saved = await getPemdaProfile(p.runtime.store);
    expect(saved.version).toBe(before + 1);
    expect(saved.profile.page).toMatchObject({ paper: "F4", marginsCm: { left: 3.5, top: 2.5 } });
    expect(r.html).toContain("Administrator");
  });

  it("turns-the-docx-attachment-of-the-email-off-and-on-again", async () => {
    expect((await getPemdaProfile(p.runtime.store)).profile.delivery).toEqual({ mode: "link", attachDocx: true });
    let page = await admin.get("/admin/profil-pemda");
    expect(page.html).toMatch(/<input[^>]*name="delivery.attachDocx"[^>]*checked/);
    expect(page.html).toMatch(/<option value="link" selected/);
    await admin.follow(await admin.post("/admin/profil-pemda", { ...fields(), "delivery.mode": "attach" }));
    expect((await getPemdaProfile(p.runtime.store)).profile.delivery).toEqual({ mode: "attach", attachDocx: true });
    await admin.follow(await admin.post("/admin/profil-pemda", fields()));
    const { "delivery.attachDocx": _on, ...off } = fields();
    await admin.follow(await admin.post("/admin/profil-pemda", off));
    expect((await getPemdaProfile(p.runtime.store)).profile.delivery).toEqual({ mode: "link", attachDocx: false });
    page = await admin.get("/admin/profil-pemda");
    expect(page.html).toContain("Lampirkan juga DOCX bertanda tangan");
    expect(page.html).toMatch(/<input[^>]*name="delivery.attachDocx"/);
    expect(page.html).not.toMatch(/<input[^>]*name="delivery.attachDocx"[^>]*checked/);
    await admin.follow(await admin.post("/admin/profil-pemda", fields()));
    expect((await getPemdaProfile(p.runtime.store)).profile.delivery).toEqual({ mode: "link", attachDocx: true });
  });

  it("sets-the-reminder-policy-and-refuses-a-cap-that-is-not-a-whole-number", async () => {
    expect((await getPemdaProfile(p.runtime.store)).profile.reminders).toEqual({
      maxPerRecipient: 3,
      stopAfterDaysPastDeadline: 30,
    });
    expect((await admin.get("/admin/profil-pemda")).html).toContain("Pengingat dan eskalasi");
    await admin.follow(
      await admin.post(
        "/admin/profil-pemda",
        fields({
          "reminders.maxPerRecipient": "5",
          "reminders.stopAfterDaysPastDeadline": "14",
          "reminders.intervalHours": "12",
        }),
      ),
    );
    expect((await getPemdaProfile(p.runtime.store)).profile.reminders).toEqual({
      maxPerRecipient: 5,
      stopAfterDaysPastDeadline: 14,
      intervalHours: 12,
    });
    expect((await admin.get("/admin/profil-pemda")).html).toMatch(
      /name="reminders.maxPerRecipient"[^>]*value="5"|value="5"[^>]*name="reminders.maxPerRecipient"/,
    );
    const before = await version();
    const r = await admin.post("/admin/profil-pemda", fields({ "reminders.maxPerRecipient": "2,5" }));
    expect(r.html).toContain("Jumlah pengingat harus bilangan bulat");
    expect(await version()).toBe(before);
    await admin.follow(await admin.post("/admin/profil-pemda", fields()));
  });

  it("shows-the-form-again-with-the-typed-values-and-every-message", async () => {
    const before = await version();
    await admin.get("/admin/profil-pemda");
    const r = await admin.post(
      "/admin/profil-pemda",
      fields({
        governmentName: "",
        "page.marginsCm.top": "sembilan",
        nomorPattern: "{kka}/{unit}",
        kopJabatan: "BUPATI BARU",
      }),
    );
    expect(r.status).toBe(422);
    expect(r.html).toContain("Periksa kembali 3 isian berikut");
    expect(r.html).toMatch(/Nama pemerintah daerah wajib diisi|Nama pemerintah daerah tidak boleh kosong/);
    expect(r.html).toContain("Margin atas harus berupa angka (cm)");
    expect(r.html).toContain("Pola nomor harus memuat {seq}");
    expect(r.html).toContain('value="BUPATI BARU"');
    expect(r.html).toContain('value="sembilan"');
    expect(await version()).toBe(before);
  });
});

describe("uploading an image", () => {
  it("stores-a-png-and-shows-its-preview", async () => {
    await admin.get("/admin/profil-pemda");
    const form = new FormData();
    form.append("file", new Blob([makePng(300, 360)], { type: "image/png" }), "lambang.png");
    const r = await admin.follow(await admin.postMultipart("/admin/profil-pemda/gambar/lambang", form));
    expect(r.html).toMatch(/Gambar tersimpan; Profil Pemda kini versi \d+\./);
    expect(r.html).toContain("300 × 360 piksel");
    expect(r.html).toMatch(/src="\/api\/pemda-profile\/images\/lambang\?v=[0-9a-f]{12}"/);
  });

  it("rasterises-an-svg-emblem", async () => {
    await admin.get("/admin/profil-pemda");
    const form = new FormData();
    form.append("file", new Blob([SHIELD_SVG], { type: "image/svg+xml" }), "garuda.svg");
    const r = await admin.follow(await admin.postMultipart("/admin/profil-pemda/gambar/emblem", form));
    expect(r.html).toContain("833 × 1000 piksel (dari SVG)");
  });

  it("says-why-beside-the-upload-and-changes-nothing-for-a-file-that-is-not-an-image", async () => {
    const before = await version();
    await admin.get("/admin/profil-pemda");
    const form = new FormData();
    // Named .png, but its bytes are text: the bytes decide.
    form.append("file", new Blob(["ini bukan gambar"], { type: "image/png" }), "lambang.png");
    const r = await admin.postMultipart("/admin/profil-pemda/gambar/lambang", form);
    expect(r.status).toBe(422);
    expect(r.html).toContain("bukan gambar PNG atau SVG");
    expect(await version()).toBe(before);
  });
});

describe("letters and the profile", () => {
  it("names-the-profile-and-version-on-the-draft-form-and-prints-its-kop-in-the-letter-preview", async () => {
    const sek = client();
    await sek.login("sekretariat");
    const v = await version();
    const form = await sek.get("/surat/baru");
    expect(form.html).toContain(`Pemerintah Kota Bengkulu (versi ${v})`);
    expect(form.html).not.toContain('name="government.name"');
    const { createLetter } = await import("../../../src/drafting/create-letter.js");
    const sekId = await userId(p.runtime, "sekretariat");
    const letter = await createLetter(p.runtime.services, { id: sekId }, makeTestInput());
    const page = await sek.get(`/surat/${letter.id}`);
    // The input has no government block: the kop in the preview is the profile's. Its Pj signs, so by the
    // profile's kop rule it is the kop jabatan: the jabatan line, no address lines.
    expect(page.html).toContain("WALI KOTA BENGKULU");
    expect(page.html).not.toContain("Jalan Basuki Rahmat Nomor 1 Sawah Lebar");
  });
});
