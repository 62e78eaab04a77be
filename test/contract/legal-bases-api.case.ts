// The legal-basis catalogue API, run on both runtimes: the Node app on SQLite (test/http/routes/legal-bases-routes
// .test.ts) and the Worker on D1 (test/workers/legal-bases-api.test.ts). Seeded on start, extended and
// deactivated by the secretariat or admin, read by anyone signed in, and snapshotted into the letters drafted.
import { beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type ApiTarget, makeApiClient } from "../support/api-client-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";

interface Entry {
  id: string;
  judul: string;
  singkat: string;
  active: boolean;
}
interface ErrorAnswer {
  error: { code: string; issues?: { path: string; message: string }[] };
}

export function legalBasesApiContract(runtime: string, makeTarget: () => Promise<ApiTarget>): void {
  describe(`${runtime}: /api/legal-bases`, () => {
    let api: ApiClient;
    beforeAll(async () => {
      api = makeApiClient(await makeTarget());
    });

    const perwal = {
      id: `perwal-bengkulu-7-2023-${runtime}`,
      jenis: "Peraturan Wali Kota",
      nomor: "7",
      tahun: 2023,
      singkat: "Peraturan Wali Kota Bengkulu Nomor 7 Tahun 2023",
      judul: "Peraturan Wali Kota Bengkulu Nomor 7 Tahun 2023 tentang Penggunaan Kendaraan Dinas",
    };

    it("lists the seeded catalogue to anyone signed in, and to nobody else", async () => {
      const kepala = await api.login("kepala-bkpsdm");
      const { items } = await api.ok<{ items: Entry[] }>(kepala, "GET", "/api/legal-bases");
      expect(items.find((b) => b.id === "permendagri-11-2020-pakaian-dinas")).toMatchObject({
        judul:
          "Peraturan Menteri Dalam Negeri Nomor 11 Tahun 2020 tentang Pakaian Dinas Aparatur Sipil Negara di Lingkungan Kementerian Dalam Negeri dan Pemerintah Daerah",
        active: true,
      });
      expect((await api.call(null, "GET", "/api/legal-bases")).status).toBe(401);
    });

    it("lets the secretariat add an entry, refuses a taken id (409) and a kepala_opd (403)", async () => {
      const sek = await api.login("sekretariat");
      expect(await api.ok<Entry>(sek, "POST", "/api/legal-bases", perwal, 201)).toMatchObject({
        ...perwal,
        active: true,
      });
      const again = await api.call<ErrorAnswer>(sek, "POST", "/api/legal-bases", perwal);
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe("legal_base_exists");
      const bad = await api.call<ErrorAnswer>(sek, "POST", "/api/legal-bases", {
        ...perwal,
        id: "Perwal 7",
        judul: "",
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.issues?.map((i) => i.path).sort()).toEqual(["id", "judul"]);
      const kepala = await api.login("kepala-bkpsdm");
      expect((await api.call(kepala, "POST", "/api/legal-bases", { ...perwal, id: `${perwal.id}-x` })).status).toBe(
        403,
      );
    });

    it("snapshots the entry into a letter, which keeps it after the entry is deactivated", async () => {
      const sek = await api.login("sekretariat");
      const body = makeSampleBody() as { sections: { dasar: unknown[] } };
      body.sections.dasar = ["uu-20-2023-asn", perwal.id];
      const letter = await api.ok<{ id: string; input: { sections: { dasar: unknown[] } } }>(
        sek,
        "POST",
        "/api/letters",
        body,
        201,
      );
      const admin = await api.login("admin");
      expect(await api.ok<Entry>(admin, "PATCH", `/api/legal-bases/${perwal.id}`, { active: false })).toMatchObject({
        id: perwal.id,
        active: false,
      });
      const active = await api.ok<{ items: Entry[] }>(sek, "GET", "/api/legal-bases");
      expect(active.items.map((b) => b.id)).not.toContain(perwal.id);
      const all = await api.ok<{ items: Entry[] }>(sek, "GET", "/api/legal-bases?status=all");
      expect(all.items.find((b) => b.id === perwal.id)).toMatchObject({ active: false });

      const stored = await api.ok<{ input: { sections: { dasar: unknown[] } } }>(
        sek,
        "GET",
        `/api/letters/${letter.id}`,
      );
      expect(stored.input.sections.dasar[1]).toEqual({ id: perwal.id, judul: perwal.judul, singkat: perwal.singkat });

      // A new letter can no longer pick it: the issue names the exact item.
      const refused = await api.call<ErrorAnswer>(sek, "POST", "/api/letters", body);
      expect(refused.status).toBe(400);
      expect(refused.json.error.issues).toEqual([
        { path: "sections.dasar.1", message: expect.stringContaining(`"${perwal.id}"`) },
      ]);
      expect((await api.call(admin, "PATCH", "/api/legal-bases/tidak-ada", { active: false })).status).toBe(404);
    });
  });
}
