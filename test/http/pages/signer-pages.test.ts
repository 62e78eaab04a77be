// /penandatangan/:userId and /akun/penandatangan through the real app with the browser-like page client: the
// admin edits the signer's identity and capacities, the signer sees his own and sets his signing passphrase,
// nobody else sees the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePagesFixture, type PagesFixture, userId } from "../../support/pages-fixture.js";

let p: PagesFixture;
let ip = 0;
let signerId: string;
beforeAll(async () => {
  p = await makePagesFixture();
  signerId = await userId(p.runtime, "penandatangan");
});
afterAll(async () => p.close());

const client = async (username: string) => {
  const c = p.client(`10.7.0.${++ip}`);
  await c.login(username);
  return c;
};

describe("the signer's own page", () => {
  it("is linked for the penandatangan, shows his identity read-only, and sets his passphrase", async () => {
    const c = await client("penandatangan");
    const home = await c.get("/surat");
    expect(home.html).toContain('href="/akun/penandatangan"');
    const page = await c.follow(await c.get("/akun/penandatangan"));
    expect(page.status).toBe(200);
    expect(page.html).toContain("Penjabat Wali Kota Bengkulu");
    expect(page.html).not.toContain("Simpan identitas");
    expect(page.html).toContain("Belum diatur");
    const short = await c.post(`/penandatangan/${signerId}/frasa-sandi`, { passphrase: "pendek" });
    expect(short.status).toBe(400);
    expect(short.html).toMatch(/id="f-passphrase-error"[^>]*>Frasa sandi tanda tangan paling sedikit 10 karakter/);
    const saved = await c.follow(
      await c.post(`/penandatangan/${signerId}/frasa-sandi`, { passphrase: "frasa-halaman-1" }),
    );
    expect(saved.html).toContain("Frasa sandi tanda tangan tersimpan.");
    expect(saved.html).toContain('name="currentPassphrase"');
    const row = await p.runtime.store.db
      .selectFrom("signer_profiles")
      .select("passphrase_hash")
      .where("user_id", "=", signerId)
      .executeTakeFirstOrThrow();
    expect(row.passphrase_hash).toMatch(/^pbkdf2-sha256\$/);
  });
});

describe("the admin's page of a signer", () => {
  it("edits the identity (every bad field told at its field) and adds and ends a capacity", async () => {
    const c = await client("admin");
    const users = await c.get("/admin/pengguna");
    expect(users.html).toContain(`href="/penandatangan/${signerId}"`);
    const bad = await c.post(`/penandatangan/${signerId}`, { name: "Arif Gunadi", jabatan: "", nik: "123" });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-nik-error"[^>]*>NIK harus 16 digit/);
    expect(bad.html).toMatch(/id="f-jabatan-error"/);
    const ok = await c.follow(
      await c.post(`/penandatangan/${signerId}`, {
        name: "Arif Gunadi",
        jabatan: "Penjabat Wali Kota Bengkulu",
        nik: "1771010101700001",
      }),
    );
    expect(ok.html).toContain("Data penandatangan tersimpan.");
    // The admin cannot set the signer's passphrase: the form is not his to see.
    expect(ok.html).not.toContain('name="passphrase"');
    const added = await c.follow(
      await c.post(`/penandatangan/${signerId}/kapasitas`, {
        prefix: "Plh.",
        principal: "Wali Kota Bengkulu",
        validFrom: "2024-01-01",
        validUntil: "2099-12-31",
      }),
    );
    expect(added.html).toContain("Plh. Wali Kota Bengkulu (Penjabat Wali Kota Bengkulu), 2024-01-01 s.d. 2099-12-31");
    const cap = await p.runtime.store.db
      .selectFrom("signer_capacities")
      .select("id")
      .where("user_id", "=", signerId)
      .where("prefix", "=", "Plh.")
      .executeTakeFirstOrThrow();
    const ended = await c.follow(await c.post(`/penandatangan/${signerId}/kapasitas/${cap.id}/akhiri`, {}));
    expect(ended.html).toContain("Kapasitas diakhiri hari ini.");
    const after = await p.runtime.store.db
      .selectFrom("signer_capacities")
      .select("valid_until")
      .where("id", "=", cap.id)
      .executeTakeFirstOrThrow();
    expect(after.valid_until).not.toBe("2099-12-31");
  });

  it("is refused to the secretariat and the admin cannot post a passphrase for the signer", async () => {
    const sek = await client("sekretariat");
    expect((await sek.get(`/penandatangan/${signerId}`)).status).toBe(403);
    const admin = await client("admin");
    const res = await admin.post(`/penandatangan/${signerId}/frasa-sandi`, { passphrase: "frasa-admin-123" });
    expect(res.status).toBe(403);
  });

  it("lets the admin reset a forgotten passphrase from the signer's page; the signer then sets a new one", async () => {
    const signer = await client("penandatangan");
    await signer.post(`/penandatangan/${signerId}/frasa-sandi`, {
      passphrase: "frasa-lupa-123",
      currentPassphrase: "frasa-halaman-1",
    });
    const admin = await client("admin");
    const page = await admin.get(`/penandatangan/${signerId}`);
    expect(page.html).toContain("Setel ulang frasa sandi");
    expect((await signer.post(`/penandatangan/${signerId}/frasa-sandi/setel-ulang`, {})).status).toBe(403);
    const done = await admin.follow(await admin.post(`/penandatangan/${signerId}/frasa-sandi/setel-ulang`, {}));
    expect(done.html).toContain("Frasa sandi tanda tangan disetel ulang.");
    expect(done.html).not.toContain("Setel ulang frasa sandi</button>");
    const own = await signer.follow(await signer.get("/akun/penandatangan"));
    expect(own.html).toContain("Belum diatur");
    expect(own.html).not.toContain('name="currentPassphrase"');
  });
});
