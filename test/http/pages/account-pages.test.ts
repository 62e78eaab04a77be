// /akun/kata-sandi: every signed-in user changes their own password; a user whose password the admin set is
// held on this page until they do. Through the real app with the browser-like page client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserAccount } from "../../../src/auth/create-user.js";
import { makePagesFixture, PASSWORD, type PagesFixture, userId } from "../../support/pages-fixture.js";

let p: PagesFixture;
let ip = 0;
beforeAll(async () => {
  p = await makePagesFixture();
});
afterAll(async () => p.close());

// A fresh address per client, so the rate limit counters of one test never reach another.
const client = () => p.client(`10.1.0.${++ip}`);

async function adminMadeAccount(username: string) {
  return createUserAccount(p.runtime.services, await userId(p.runtime, "admin"), {
    username,
    displayName: "Pegawai Baru",
    role: "sekretariat",
  });
}

describe("the link in the layout", () => {
  it("shows 'Kata sandi' to every signed-in role", async () => {
    for (const username of ["sekretariat", "penandatangan", "kepala-bkpsdm", "inspektorat", "admin"]) {
      const c = client();
      const page = await c.follow(await c.login(username));
      expect(page.status, username).toBe(200);
      expect(page.html, username).toContain('href="/akun/kata-sandi"');
    }
  });
});

describe("changing one's own password on the page", () => {
  it("saves the new password, signs out the other browser, and the old password no longer works", async () => {
    const here = client();
    const there = client();
    await here.login("penandatangan");
    await there.login("penandatangan");
    expect((await here.get("/akun/kata-sandi")).status).toBe(200);
    const saved = await here.post("/akun/kata-sandi", {
      currentPassword: PASSWORD,
      newPassword: "penandatangan-2024",
      confirmPassword: "penandatangan-2024",
    });
    expect(saved.status).toBe(303);
    const landed = await here.follow(saved);
    expect(landed.status).toBe(200);
    expect(landed.html).toContain("Kata sandi berhasil diganti");

    const other = await there.get("/surat");
    expect(other.status).toBe(303);
    expect(other.location).toMatch(/^\/masuk/);
    expect((await client().login("penandatangan")).status).toBe(400);
    expect((await client().login("penandatangan", "penandatangan-2024")).status).toBe(303);
  });

  it("shows each problem beside its field with 400 and keeps the password", async () => {
    const c = client();
    await c.login("inspektorat");
    await c.get("/akun/kata-sandi");
    const cases: [Record<string, string>, string][] = [
      [
        { currentPassword: "bukan-ini-sandinya", newPassword: "inspektorat-2024", confirmPassword: "inspektorat-2024" },
        "Kata sandi saat ini salah",
      ],
      [
        { currentPassword: PASSWORD, newPassword: "inspektorat-2024", confirmPassword: "inspektorat-2025" },
        "Ulangan kata sandi baru tidak sama",
      ],
      [{ currentPassword: PASSWORD, newPassword: "pendek", confirmPassword: "pendek" }, "paling sedikit 10 karakter"],
      [
        { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD },
        "harus berbeda dari kata sandi saat ini",
      ],
    ];
    for (const [fields, message] of cases) {
      const r = await c.post("/akun/kata-sandi", fields);
      expect(r.status, message).toBe(400);
      expect(r.html).toContain(message);
      expect(r.html).toContain("field-invalid");
      // Typed passwords are never written back into the page.
      for (const typed of Object.values(fields)) expect(r.html).not.toContain(typed);
    }
    expect((await client().login("inspektorat")).status).toBe(303);
  });

  it("refuses the form without its CSRF token with 403, and the password stays", async () => {
    const c = client();
    await c.login("kepala-bkpsdm");
    await c.get("/akun/kata-sandi");
    for (const token of ["", "B".repeat(43)]) {
      const r = await c.post("/akun/kata-sandi", {
        _csrf: token,
        currentPassword: PASSWORD,
        newPassword: "dari-situs-lain-1",
        confirmPassword: "dari-situs-lain-1",
      });
      expect(r.status).toBe(403);
      expect(r.html).toContain("Formulir kedaluwarsa");
    }
    expect((await client().login("kepala-bkpsdm")).status).toBe(303);
  });

  it("sends anonymous visitors to the login page", async () => {
    const r = await client().get("/akun/kata-sandi");
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/masuk?next=${encodeURIComponent("/akun/kata-sandi")}`);
  });
});

describe("a password set by the admin", () => {
  it("lands the user on /akun/kata-sandi after login and keeps them there until they change it", async () => {
    const { temporaryPassword } = await adminMadeAccount("sekretaris-baru");
    const c = client();
    const login = await c.login("sekretaris-baru", temporaryPassword);
    expect(login.status).toBe(303);
    expect(login.location).toBe("/akun/kata-sandi");
    for (const path of ["/", "/surat", "/surat/baru", "/opd"]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(303);
      expect(r.location, path).toBe("/akun/kata-sandi");
    }
    // A form post elsewhere is held too.
    await c.get("/akun/kata-sandi");
    expect((await c.post("/opd/BKPSDM", { headName: "Diubah", email: "" })).location).toBe("/akun/kata-sandi");

    const form = await c.get("/akun/kata-sandi");
    expect(form.status).toBe(200);
    expect(form.html).toContain('data-forced="true"');
    const saved = await c.post("/akun/kata-sandi", {
      currentPassword: temporaryPassword,
      newPassword: "sekretaris-sendiri-1",
      confirmPassword: "sekretaris-sendiri-1",
    });
    expect(saved.status).toBe(303);
    expect((await c.get("/surat")).status).toBe(200);
    expect((await c.get("/akun/kata-sandi")).html).not.toContain('data-forced="true"');
  });
});
