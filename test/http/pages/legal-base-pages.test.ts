// /admin/dasar-hukum and the drafting form's Dasar picker, through the real app with the page client: the
// catalogue the secretariat extends is what the form offers, and the form's new wording fields reach the letter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EdaranInputJson } from "../../../src/domain/edaran-input.js";
import { inputToForm } from "../../../src/http/pages/draft-form-mapping.js";
import { letterInput } from "../../../src/store/letter-json.js";
import { getLetter } from "../../../src/store/letters-repo.js";
import { makePagesFixture, makeTestInput, type PageClient, type PagesFixture } from "../../support/pages-fixture.js";

let p: PagesFixture;
let ip = 0;
beforeAll(async () => {
  p = await makePagesFixture();
});
afterAll(async () => p.close());

async function signedIn(username: string): Promise<PageClient> {
  const c = p.client(`10.3.0.${++ip}`);
  await c.login(username);
  return c;
}

const perwal = {
  id: "perwal-bengkulu-7-2023",
  jenis: "Peraturan Wali Kota",
  nomor: "7",
  tahun: "2023",
  singkat: "Peraturan Wali Kota Bengkulu Nomor 7 Tahun 2023",
  judul: "Peraturan Wali Kota Bengkulu Nomor 7 Tahun 2023 tentang Penggunaan Kendaraan Dinas",
};

describe("/admin/dasar-hukum", () => {
  it("is for the secretariat and the admin; others get the 403 page and cannot add", async () => {
    for (const username of ["penandatangan", "kepala-bkpsdm", "inspektorat"]) {
      const c = await signedIn(username);
      expect((await c.get("/admin/dasar-hukum")).status, username).toBe(403);
      expect((await c.post("/admin/dasar-hukum", { ...perwal, id: `x-${username}` })).status, username).toBe(403);
    }
    const sek = await signedIn("sekretariat");
    const page = await sek.get("/admin/dasar-hukum");
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/admin/dasar-hukum"');
    expect(page.html).toContain("Peraturan Presiden Nomor 21 Tahun 2023 tentang Hari Kerja dan Jam Kerja");
  });

  it("adds an entry, keeps the typed values beside their messages on a refusal, and offers it in the form", async () => {
    const sek = await signedIn("sekretariat");
    await sek.get("/admin/dasar-hukum");
    const bad = await sek.post("/admin/dasar-hukum", { ...perwal, id: "Perwal 7", tahun: "" });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-id-error"[^>]*>Kode dasar hukum harus huruf kecil/);
    expect(bad.html).toMatch(/id="f-tahun-error"[^>]*>Tahun peraturan/);
    expect(bad.html).toContain(perwal.judul);

    const ok = await sek.post("/admin/dasar-hukum", perwal);
    expect(ok.status).toBe(303);
    expect((await sek.follow(ok)).html).toContain(`${perwal.singkat} ditambahkan ke katalog.`);
    const taken = await sek.post("/admin/dasar-hukum", perwal);
    expect(taken.status).toBe(409);
    expect(taken.html).toMatch(
      /id="f-id-error"[^>]*>Kode &quot;perwal-bengkulu-7-2023&quot; sudah ada|id="f-id-error"[^>]*>Kode "perwal-bengkulu-7-2023" sudah ada/,
    );

    const form = await sek.get("/surat/baru");
    expect(form.html).toContain(`value="${perwal.id}"`);
  });

  it("deactivates an entry: the form no longer offers it, the page still lists it", async () => {
    const admin = await signedIn("admin");
    await admin.get("/admin/dasar-hukum");
    const r = await admin.post("/admin/dasar-hukum/uu-11-2008-ite/nonaktifkan");
    expect(r.status).toBe(303);
    const page = await admin.follow(r);
    expect(page.html).toContain("dinonaktifkan; surat yang sudah ada tidak berubah");
    expect(page.html).toMatch(/data-legal-base="uu-11-2008-ite"[\s\S]*?Tidak aktif/);
    expect((await admin.get("/surat/baru")).html).not.toContain('value="uu-11-2008-ite"');
    await admin.post("/admin/dasar-hukum/uu-11-2008-ite/aktifkan");
    expect((await admin.get("/surat/baru")).html).toContain('value="uu-11-2008-ite"');
  });

  it("refuses a post without the CSRF token", async () => {
    const sek = await signedIn("sekretariat");
    await sek.get("/admin/dasar-hukum");
    const r = await sek.post("/admin/dasar-hukum", { ...perwal, id: "perwal-tanpa-token", _csrf: "salah" });
    expect(r.status).toBe(403);
  });
});

describe("the drafting form's wording fields", () => {
  it("saves the non-ASN name, the hidden sanction class, the reporter, an inline basis and no optional sections", async () => {
    const sek = await signedIn("sekretariat");
    await sek.get("/surat/baru");
    const fields = inputToForm(makeTestInput() as EdaranInputJson);
    const r = await sek.post("/surat", {
      ...fields,
      "sections.latarBelakang": "",
      "sections.maksudTujuan": "",
      "sections.ruangLingkup": "",
      "sections.dasarLain": "Peraturan Wali Kota Bengkulu Nomor 3 Tahun 2021 tentang Jam Kerja | Perwal 3/2021",
      "scope.nonAsnName": "PTT/non-ASN",
      "display.sanctionClassAfterActs": "false",
      prohibitedActs: "menggunakan kendaraan dinas untuk mudik",
      "reporting.who": "Camat",
    });
    expect(r.status, r.html.slice(0, 800)).toBe(303);
    const id = /\/surat\/([^/]+)\/ubah/.exec(r.location ?? "")?.[1] ?? "";
    const row = await getLetter(p.runtime.store, id);
    if (!row) throw new Error("not saved");
    const input = letterInput(row);
    expect(input.sections.latarBelakang).toBeUndefined();
    expect(input.sections.dasar.at(-1)).toEqual({
      judul: "Peraturan Wali Kota Bengkulu Nomor 3 Tahun 2021 tentang Jam Kerja",
      singkat: "Perwal 3/2021",
    });
    expect(input.scope.nonAsnName).toBe("PTT/non-ASN");
    expect(input.display).toEqual({ sanctionClassAfterActs: false });
    expect(input.prohibitedActs).toEqual([{ text: "menggunakan kendaraan dinas untuk mudik" }]);
    expect(input.reporting).toEqual({ who: "Camat" });

    const page = await sek.get(`/surat/${id}/ubah`);
    expect(page.html).toContain("PTT/non-ASN dilarang:");
    expect(page.html).toContain("menggunakan kendaraan dinas untuk mudik.");
    expect(page.html).toContain("Camat agar menyampaikan Surat Edaran ini");
    // The preview sits in the iframe's srcdoc, escaped once more.
    expect(page.html).toContain("1.&lt;/span&gt; Dasar");
    expect(page.html).toContain("2.&lt;/span&gt; Isi Edaran");
    expect(page.html).not.toContain("&gt; Latar Belakang&lt;");
  });
});
