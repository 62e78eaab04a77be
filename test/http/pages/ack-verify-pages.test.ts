// The OPD head's acknowledgement pages behind the token link, and the public /v/:id verification page.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { transitionLetter } from "../../../src/drafting/transition-letter.js";
import { signLetter } from "../../../src/sign/sign-letter.js";
import { documentBytes, findSignedDocument } from "../../../src/store/documents-repo.js";
import { makePagesFixture, makeTestInput, type PagesFixture, sentLetter, userId } from "../../support/pages-fixture.js";
import { SIGNING_PASSPHRASE, seedSigningPassphrase } from "../../support/signer-fixture.js";

let p: PagesFixture;
let letterId = "";
let token = "";
let token2 = "";
beforeAll(async () => {
  p = await makePagesFixture();
  const sent = await sentLetter(p.runtime, makeTestInput());
  letterId = sent.letterId;
  token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
  token2 = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("BKPSDM")!);
});
afterAll(async () => p.close());

describe("acknowledgement pages", () => {
  it("shows the letter and the form; bad input keeps the values and says what is wrong", async () => {
    const c = p.client("10.1.0.1");
    const page = await c.get(`/tanda-terima/${token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Saya telah menerima surat ini");
    const bad = await c.post(`/tanda-terima/${token}`, { name: "<script>alert(1)</script>", position: "" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(bad.html).not.toContain("<script>alert(1)</script>");
    expect(bad.html).toMatch(/id="f-position-error"/);
  });

  it("acknowledges once, keeps the first on a second try, then takes the report", async () => {
    const c = p.client("10.1.0.2");
    await c.get(`/tanda-terima/${token}`);
    const ok = await c.post(`/tanda-terima/${token}`, { name: "dr. Susilawati", position: "Kepala Dinas Kesehatan" });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain("tanda terima tercatat");
    const again = await c.post(`/tanda-terima/${token}`, { name: "Orang Lain", position: "Staf" });
    expect(again.html).toContain("sudah dikonfirmasi");
    expect(again.html).toContain("dr. Susilawati");

    const badReport = new FormData();
    badReport.append("staffInformed", "nol");
    badReport.append("informedOn", "2024-10-01");
    badReport.append("method", "apel");
    const bad = await c.postMultipart(`/tanda-terima/${token}/laporan`, badReport);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('value="nol"');
    expect(bad.html).toMatch(/id="f-staffInformed-error"/);

    const report = new FormData();
    report.append("staffInformed", "25");
    report.append("informedOn", "2024-10-01");
    report.append("method", "apel");
    report.append("note", "Apel pagi <b>Senin</b>");
    report.append(
      "attachment",
      new File([new Uint8Array([37, 80, 68, 70])], "daftar hadir.pdf", { type: "application/pdf" }),
    );
    const done = await c.follow(await c.postMultipart(`/tanda-terima/${token}/laporan`, report));
    expect(done.html).toContain("Laporan penerusan tersimpan");
    expect(done.html).toContain("Apel pagi &lt;b&gt;Senin&lt;/b&gt;");
    const row = await p.runtime.store.db
      .selectFrom("recipients")
      .select(["reported_at", "ack_name"])
      .where("opd_id", "=", "DINKES")
      .executeTakeFirstOrThrow();
    expect(row.ack_name).toBe("dr. Susilawati");
    expect(row.reported_at).not.toBeNull();
  });

  it("a refused attachment (wrong type, over 10 MB) or correction shows its reason beside the field", async () => {
    const c = p.client("10.1.0.4");
    // The reported page shows the report, not a form: the login form hands this browser its (anonymous) token.
    await c.get("/masuk");
    const report = (attachment?: File, staffInformed = "30") => {
      const f = new FormData();
      f.append("staffInformed", staffInformed);
      f.append("informedOn", "2024-10-01");
      f.append("method", "rapat");
      if (attachment) f.append("attachment", attachment);
      return f;
    };
    const exe = await c.postMultipart(
      `/tanda-terima/${token}/laporan`,
      report(new File([new Uint8Array([77, 90])], "hadir.exe", { type: "application/x-msdownload" })),
    );
    expect(exe.status).toBe(400);
    expect(exe.html).toMatch(/id="f-attachment-error"[^>]*>Lampiran harus berupa PDF, JPG, PNG, atau DOCX</);
    const big = await c.postMultipart(
      `/tanda-terima/${token}/laporan`,
      report(new File([new Uint8Array(10 * 1024 * 1024 + 1)], "besar.pdf", { type: "application/pdf" })),
    );
    expect(big.status).toBe(400);
    expect(big.html).toMatch(/id="f-attachment-error"[^>]*>Lampiran paling besar 10 MB</);
    const zero = await c.postMultipart(`/tanda-terima/${token}/laporan`, report(undefined, "0"));
    expect(zero.status).toBe(400);
    expect(zero.html).toMatch(/id="f-staffInformed-error"[^>]*>Jumlah pegawai yang diberi tahu minimal 1</);
    expect(zero.html).toContain('value="0"');
    // The report sent before stays as it was.
    const row = await p.runtime.store.db
      .selectFrom("recipients")
      .select("report_json")
      .where("opd_id", "=", "DINKES")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.report_json ?? "{}")).toMatchObject({ staffInformed: 25, method: "apel" });
  });

  it("downloads the signed DOCX through the token", async () => {
    const r = await p.runtime.app.request(`http://localhost:8787/tanda-terima/${token}/docx`);
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toContain("wordprocessingml");
  });

  it("answers an unknown token with the invalid-link page", async () => {
    const r = await p.client().get("/tanda-terima/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(r.status).toBe(404);
    expect(r.html).toContain("Tautan tidak berlaku");
  });

  it("refuses an acknowledgement without the CSRF token", async () => {
    const c = p.client("10.1.0.3");
    await c.get(`/tanda-terima/${token2}`);
    const r = await c.post(`/tanda-terima/${token2}`, { _csrf: "", name: "Kepala BKPSDM", position: "Kepala Badan" });
    expect(r.status).toBe(403);
    const row = await p.runtime.store.db
      .selectFrom("recipients")
      .select("acknowledged_at")
      .where("opd_id", "=", "BKPSDM")
      .executeTakeFirstOrThrow();
    expect(row.acknowledged_at).toBeNull();
  });

  it("rate limits acknowledgement posts per address (30 a minute)", async () => {
    const c = p.client("10.1.0.99");
    await c.get(`/tanda-terima/${token2}`);
    for (let i = 0; i < 30; i++) await c.post(`/tanda-terima/${token2}`, { name: "", position: "" });
    const r = await c.post(`/tanda-terima/${token2}`, { name: "Kepala BKPSDM", position: "Kepala Badan" });
    expect(r.status).toBe(429);
    expect(r.headers.get("Retry-After")).toBeTruthy();
  });
});

describe("verify page", () => {
  it("shows the signed record and says AUTENTIK for the signed file, TIDAK COCOK for a changed one", async () => {
    const c = p.client("10.1.1.1");
    const page = await c.get(`/v/${letterId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("BERLAKU");
    const doc = await p.runtime.store.db
      .selectFrom("documents")
      .select("storage_key")
      .where("letter_id", "=", letterId)
      .where("kind", "=", "signed")
      .executeTakeFirstOrThrow();
    const bytes = (await p.runtime.services.blobs.get(doc.storage_key))!;
    const good = new FormData();
    good.append("file", new File([bytes as Uint8Array<ArrayBuffer>], "surat.docx"));
    const ok = await c.postMultipart(`/v/${letterId}`, good);
    expect(ok.html).toContain('data-verdict="autentik"');
    const changed = new Uint8Array(bytes);
    changed[changed.length - 10] = (changed[changed.length - 10] ?? 0) ^ 0xff;
    const bad = new FormData();
    bad.append("file", new File([changed], "ubah.docx"));
    const r = await c.postMultipart(`/v/${letterId}`, bad);
    expect(r.html).toContain('data-verdict="tidak-cocok"');
  });

  it("answers an unknown letter with TIDAK DITEMUKAN", async () => {
    const r = await p.client().get("/v/tidak-ada");
    expect(r.status).toBe(404);
    expect(r.html).toContain("TIDAK DITEMUKAN");
  });
});

describe("a letter that is not, or no longer, public", () => {
  const penandatangan = async () => ({ id: await userId(p.runtime, "penandatangan"), role: "penandatangan" as const });
  const signedBytes = async (id: string) => {
    const doc = await findSignedDocument(p.runtime.store, id);
    return documentBytes(p.runtime.services.blobs, doc!) as Promise<Uint8Array<ArrayBuffer>>;
  };

  it("serves no file through the acknowledgement or verify link once withdrawn, and says DICABUT", async () => {
    const sent = await sentLetter(p.runtime, makeTestInput());
    const t = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
    const base = "http://localhost:8787";
    expect((await p.runtime.app.request(`${base}/tanda-terima/${t}/docx`)).status).toBe(200);
    await transitionLetter(p.runtime.services, await penandatangan(), sent.letterId, {
      action: "withdraw",
      reason: "Diganti surat baru",
    });
    const file = await p.runtime.app.request(`${base}/tanda-terima/${t}/docx`);
    expect(file.status).toBe(410);
    expect(file.headers.get("Content-Type")).not.toContain("wordprocessingml");
    expect(await file.text()).toContain("dicabut");
    const c = p.client("10.1.2.1");
    const ack = await c.get(`/tanda-terima/${t}`);
    expect(ack.status).toBe(410);
    expect(ack.html).not.toContain(`/tanda-terima/${t}/docx`);
    const verify = await c.get(`/v/${sent.letterId}`);
    expect(verify.html).toContain('data-letter-status="dicabut"');
    expect(verify.html).not.toContain("dokumen.docx");
    expect((await p.runtime.app.request(`${base}/v/${sent.letterId}/dokumen.docx`)).status).toBe(410);
  });

  it("shows a signed letter not sent yet as not found, and its record only to whoever uploads its own file", async () => {
    const sent = await sentLetter(p.runtime, makeTestInput());
    const bytes = await signedBytes(sent.letterId);
    // A second letter taken to signed and stopped there: not sent, so not public.
    const { createLetter } = await import("../../../src/drafting/create-letter.js");
    const sek = { id: await userId(p.runtime, "sekretariat"), role: "sekretariat" as const };
    const rev = { id: await userId(p.runtime, "kepala-bkpsdm"), role: "kepala_opd" as const };
    const ttd = await penandatangan();
    const svc = p.runtime.services;
    const l = await createLetter(svc, sek, makeTestInput());
    await transitionLetter(svc, sek, l.id, { action: "submit", reviewers: [rev.id] });
    await transitionLetter(svc, rev, l.id, { action: "paraf" });
    const approved = await transitionLetter(svc, ttd, l.id, { action: "approve" });
    await seedSigningPassphrase(svc, ttd.id);
    await signLetter(svc, ttd, l.id, SIGNING_PASSPHRASE);

    const c = p.client("10.1.2.2");
    const page = await c.get(`/v/${l.id}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain("TIDAK DITEMUKAN");
    expect(page.html).not.toContain(approved.nomor!);
    // Another letter's genuine file earns no record of this one.
    const other = new FormData();
    other.append("file", new File([bytes], "surat-lain.docx"));
    const wrong = await c.postMultipart(`/v/${l.id}`, other);
    expect(wrong.status).toBe(404);
    expect(wrong.html).not.toContain(approved.nomor!);
    const own = new FormData();
    own.append("file", new File([await signedBytes(l.id)], "surat.docx"));
    const ok = await c.postMultipart(`/v/${l.id}`, own);
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('data-verdict="autentik"');
    expect(ok.html).toContain(approved.nomor!);
    expect(ok.html).toContain('data-letter-status="belum-dikirim"');
    expect(ok.html).not.toContain("dokumen.docx");
  });
});
