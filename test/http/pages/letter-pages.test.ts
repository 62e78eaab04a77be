// Drafting form, letter list and letter actions through the pages, on the real runtime.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EdaranInputJson } from "../../../src/domain/edaran-input.js";
import { inputToForm } from "../../../src/http/pages/draft-form-mapping.js";
import { makePagesFixture, makeTestInput, type PagesFixture, userId } from "../../support/pages-fixture.js";

let p: PagesFixture;
beforeAll(async () => {
  p = await makePagesFixture();
});
afterAll(async () => p.close());

const HOSTILE = "<script>alert(1)</script>";
const form = () => inputToForm(makeTestInput() as EdaranInputJson);

async function secretary() {
  const c = p.client();
  await c.login("sekretariat");
  await c.get("/surat/baru");
  return c;
}

describe("drafting form", () => {
  it("saves a valid draft and shows it with the preview of the letter", async () => {
    const c = await secretary();
    const r = await c.post("/surat", form());
    expect(r.status).toBe(303);
    expect(r.location).toMatch(/^\/surat\/[^/]+\/ubah$/);
    const page = await c.get(r.location!);
    expect(page.html).toContain("Konsep surat tersimpan.");
    expect(page.html).toMatch(/<iframe class="preview"[^>]*sandbox=""/);
    expect(page.html).toContain("SURAT EDARAN");
  });

  it("keeps the typed values and puts the message next to the signer choice on a capacity that does not exist; nothing is saved", async () => {
    const c = await secretary();
    const before = await p.runtime.store.db.selectFrom("letters").select("id").execute();
    const r = await c.post("/surat", { ...form(), "signer.capacityId": "bukan-kapasitas" });
    expect(r.status).toBe(400);
    expect(r.html).toMatch(/id="f-signer-capacityId-error"[^>]*>Kapasitas penandatangan tidak dikenal/);
    expect(r.html).toContain("Arif Gunadi — Penjabat Wali Kota Bengkulu");
    expect(r.html).toContain(String(form().tentang));
    expect(await p.runtime.store.db.selectFrom("letters").select("id").execute()).toHaveLength(before.length);
  });

  it("previews typed input without saving (Pratinjau)", async () => {
    const c = await secretary();
    const before = (await p.runtime.store.db.selectFrom("letters").select("id").execute()).length;
    const r = await c.post("/surat", { ...form(), tentang: "Pratinjau saja", _intent: "pratinjau" });
    expect(r.status).toBe(200);
    expect(r.html).toContain("Pratinjau saja");
    expect(r.html).toContain("<iframe");
    expect((await p.runtime.store.db.selectFrom("letters").select("id").execute()).length).toBe(before);
  });

  it("escapes hostile input in every text field, in the form and in the preview", async () => {
    const c = await secretary();
    const f = form();
    const hostile: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(f))
      hostile[k] =
        typeof v === "string" &&
        !["nomor.year", "date", "ackDeadline", "recipients.mode", "signer.capacityId", "nomor.unit"].includes(k) &&
        !k.startsWith("scope") &&
        k !== "prohibitedActs" &&
        k !== "sanctions"
          ? `${v} ${HOSTILE}`
          : v;
    const r = await c.post("/surat", { ...hostile, _intent: "pratinjau" });
    expect(r.html).not.toContain(HOSTILE);
    expect(r.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // Saved, the edit page and the list escape it too.
    const free = ["tentang", "addressees.yth", "sections.latarBelakang", "sections.isi", "tembusan"];
    const savable = { ...f, ...Object.fromEntries(free.map((k) => [k, `${String(f[k])} ${HOSTILE}`])) };
    const saved = await c.post("/surat", savable);
    expect(saved.status).toBe(303);
    const page = await c.get(saved.location!);
    expect(page.html).not.toContain(HOSTILE);
    const list = await c.get("/surat");
    expect(list.html).not.toContain(HOSTILE);
    expect(list.html).toContain("&lt;script&gt;");
  });

  it("edits a draft and refuses editing once it is submitted", async () => {
    const c = await secretary();
    const created = await c.post("/surat", form());
    const edit = created.location!;
    await c.get(edit);
    const saved = await c.post(edit, { ...form(), tentang: "Judul yang diubah" });
    expect(saved.status).toBe(303);
    const id = /\/surat\/([^/]+)\/ubah/.exec(edit)![1]!;
    const row = await p.runtime.store.db
      .selectFrom("letters")
      .select(["tentang", "revision"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ tentang: "Judul yang diubah", revision: 2 });
  });

  it("refuses a save made from a stale form instead of overwriting a newer edit", async () => {
    const c = await secretary();
    const edit = (await c.post("/surat", form())).location!;
    const page = await c.get(edit);
    expect(page.html).toContain('name="_revision" value="1"');
    // Someone else saves first (revision 2) ...
    expect((await c.post(edit, { ...form(), tentang: "Versi rekan", _revision: "1" })).status).toBe(303);
    // ... then the stale form (still revision 1) is posted.
    const stale = await c.post(edit, { ...form(), tentang: "Versi lama", _revision: "1" });
    expect(stale.status).toBe(409);
    const id = /\/surat\/([^/]+)\/ubah/.exec(edit)![1]!;
    const row = await p.runtime.store.db
      .selectFrom("letters")
      .select(["tentang", "revision"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ tentang: "Versi rekan", revision: 2 });
  });
});

describe("letter list and actions", () => {
  it("lists letters with status tabs and their counts", async () => {
    const c = await secretary();
    await c.post("/surat", form());
    const r = await c.get("/surat?status=draft");
    expect(r.status).toBe(200);
    expect(r.html).toMatch(/Konsep \(\d+\)/);
    expect(r.html).toContain('aria-current="page"');
  });

  it("submits with a reviewer, the reviewer gives paraf, the signer approves: each redirects with a flash", async () => {
    const c = await secretary();
    const id = /\/surat\/([^/]+)\/ubah/.exec((await c.post("/surat", form())).location!)![1]!;
    await c.get(`/surat/${id}`);
    const empty = await c.post(`/surat/${id}/ajukan`, {});
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("Pilih Pemaraf 1");
    const sub = await c.post(`/surat/${id}/ajukan`, { reviewers: await userId(p.runtime, "kepala-bkpsdm") });
    expect(sub.location).toBe(`/surat/${id}`);
    expect((await c.get(`/surat/${id}`)).html).toContain("Surat diajukan untuk paraf.");

    // The signer may not approve before the paraf: the refusal is a flash, not a stack trace.
    const ttd = p.client("10.0.1.2");
    await ttd.login("penandatangan");
    await ttd.get(`/surat/${id}`);
    const early = await ttd.follow(await ttd.post(`/surat/${id}/setujui`, { confirm: "ya" }));
    expect(early.html).toMatch(/flash-error/);
    expect(early.html).not.toMatch(/at .*\.ts:\d+/);

    const rev = p.client("10.0.1.3");
    await rev.login("kepala-bkpsdm");
    const detail = await rev.get(`/surat/${id}`);
    expect(detail.html).toContain("Beri paraf");
    // A too-long or control-character comment is refused beside the paraf box; nothing is recorded.
    const longParaf = await rev.post(`/surat/${id}/paraf`, { comment: "x".repeat(2001) });
    expect(longParaf.status).toBe(400);
    expect(longParaf.html).toMatch(/id="f-paraf-comment-error"[^>]*>Komentar paling banyak 2000 karakter</);
    const nulParaf = await rev.post(`/surat/${id}/paraf`, { comment: "oke\u0000" });
    expect(nulParaf.html).toMatch(/id="f-paraf-comment-error"[^>]*>Komentar memuat karakter kendali/);
    await rev.post(`/surat/${id}/paraf`, { comment: "" });
    // The approval's comment has its own box, and its message sits there (not beside the return form's).
    await ttd.get(`/surat/${id}`);
    const longApproval = await ttd.post(`/surat/${id}/setujui`, { confirm: "ya", comment: "y".repeat(2001) });
    expect(longApproval.status).toBe(400);
    expect(longApproval.html).toMatch(/id="f-approve-comment-error"[^>]*>Komentar paling banyak 2000 karakter</);
    expect(longApproval.html).not.toMatch(/id="f-return-comment-error"/);
    const approved = await ttd.follow(await ttd.post(`/surat/${id}/setujui`, { confirm: "ya" }));
    expect(approved.html).toContain("Surat disetujui dan mendapat nomor.");
    const row = await p.runtime.store.db
      .selectFrom("letters")
      .select(["status", "nomor"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("approved");
    expect(row.nomor).toBeTruthy();
  });

  it("refuses actions of a role that may not act (kepala_opd not reviewing) and unknown actions", async () => {
    const c = await secretary();
    const id = /\/surat\/([^/]+)\/ubah/.exec((await c.post("/surat", form())).location!)![1]!;
    const other = p.client("10.0.1.4");
    await other.login("kepala-dinkes");
    expect((await other.get(`/surat/${id}`)).status).toBe(404);
    const insp = p.client("10.0.1.5");
    await insp.login("inspektorat");
    await insp.get("/inspektorat");
    expect((await insp.post(`/surat/${id}/ajukan`, { reviewers: "x" })).status).toBe(403);
    await c.get(`/surat/${id}`);
    expect((await c.post(`/surat/${id}/hapus`)).status).toBe(404);
  });

  it("shows a kepala_opd only its letters: the list, the page, the DOCX and the actions of another's letter are not found", async () => {
    const c = await secretary();
    const id = /\/surat\/([^/]+)\/ubah/.exec((await c.post("/surat", form())).location!)![1]!;
    await c.get(`/surat/${id}`);
    expect((await c.post(`/surat/${id}/ajukan`, { reviewers: await userId(p.runtime, "kepala-bkpsdm") })).status).toBe(
      303,
    );

    const reviewer = p.client("10.0.1.6");
    await reviewer.login("kepala-bkpsdm");
    expect((await reviewer.get("/surat")).html).toContain(`/surat/${id}`);
    expect((await reviewer.get(`/surat/${id}/docx`)).status).toBe(200);

    const other = p.client("10.0.1.7");
    await other.login("kepala-dinkes");
    expect((await other.get("/surat")).html).not.toContain(`/surat/${id}`);
    expect((await other.get(`/surat/${id}/docx`)).status).toBe(404);
    // An action is answered 404 too, not with a flash that would tell the letter exists.
    const paraf = await other.post(`/surat/${id}/paraf`, { comment: "" });
    expect(paraf.status).toBe(404);
    const row = await p.runtime.store.db
      .selectFrom("letters")
      .select(["status", "review_step"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "in_review", review_step: 0 });
  });

  it("downloads the draft's DOCX preview", async () => {
    const c = await secretary();
    const id = /\/surat\/([^/]+)\/ubah/.exec((await c.post("/surat", form())).location!)![1]!;
    const r = await p.runtime.app.request(`http://localhost:8787/surat/${id}/docx`, {
      headers: { Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toContain("wordprocessingml");
  });
});
