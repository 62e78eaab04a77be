// The Inspektorat's views: matrix with filters, CSV / XLSX exports, printable report, per-OPD history, audit log
// with the chain check, the violations register; plus the secretariat's OPD page and the dev email preview.
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LATEST_CHECKPOINT_KEY } from "../../../src/audit/checkpoint-blobs.js";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { acknowledge } from "../../../src/track/acknowledge.js";
import { submitReport } from "../../../src/track/follow-up-report.js";
import {
  makePagesFixture,
  makeTestInput,
  type PageClient,
  type PagesFixture,
  sentLetter,
} from "../../support/pages-fixture.js";

let p: PagesFixture;
let letterId = "";
let insp: PageClient;
beforeAll(async () => {
  p = await makePagesFixture({ env: { DEV_ROUTES: "1" } });
  const sent = await sentLetter(p.runtime, makeTestInput());
  letterId = sent.letterId;
  const token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
  await acknowledge(p.runtime.store, p.runtime.services.clock, token, {
    name: "dr. Susilawati",
    position: "Kepala Dinas",
    ip: null,
    userAgent: null,
  });
  insp = p.client("10.2.0.1");
  await insp.login("inspektorat");
  await insp.get("/inspektorat");
});
afterAll(async () => p.close());

async function download(c: PageClient, path: string): Promise<Response> {
  return p.runtime.app.request(`http://localhost:8787${path}`, {
    headers: { Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
}

describe("compliance matrix", () => {
  it("shows every OPD with the acknowledged count, and filters by status", async () => {
    const all = await insp.get(`/inspektorat/surat/${letterId}`);
    expect(all.status).toBe(200);
    expect(all.html).toContain("dr. Susilawati");
    const acked = await insp.get(`/inspektorat/surat/${letterId}?status=acknowledged`);
    expect(acked.html).toContain("Dinas Kesehatan");
    expect(acked.html).toContain("Jumlah (1 OPD)");
  });

  it("exports-the-whole-matrix-with-jabatan-follow-up-report-and-the-opds-not-sent-to-unless-asked-to-filter", async () => {
    const dinkes = await p.runtime.store.db
      .selectFrom("recipients")
      .select("id")
      .where("letter_id", "=", letterId)
      .where("opd_id", "=", "DINKES")
      .executeTakeFirstOrThrow();
    const reported = await submitReport(
      p.runtime.store,
      p.runtime.services.blobs,
      p.runtime.services.clock,
      await ackTokenFor(p.runtime.services.config.ackSecret, dinkes.id),
      {
        staffInformed: "42",
        informedOn: "2024-10-01",
        method: "apel",
        note: "Disampaikan saat apel pagi",
        attachment: { filename: "daftar hadir.pdf", contentType: "application/pdf", bytes: new Uint8Array([37, 80]) },
      },
    );
    expect(reported.status).toBe("reported");
    const csv = await download(insp, `/inspektorat/surat/${letterId}/matriks.csv?status=acknowledged`);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n");
    const opds = await p.runtime.store.db
      .selectFrom("recipients")
      .select("id")
      .where("letter_id", "=", letterId)
      .execute();
    // The screen's filter does not narrow the export: every OPD sent to, then DISPORA, which was not.
    expect(lines).toHaveLength(opds.length + 2);
    expect(lines[0]).toContain("Jabatan yang mengonfirmasi,Dilaporkan (WIB),Pegawai yang diberi tahu");
    expect(lines.find((l) => l.startsWith("DINKES,"))).toMatch(
      /dr\. Susilawati,Kepala Dinas,[^,]+,42,1 Oktober 2024,Apel,Disampaikan saat apel pagi,daftar_hadir\.pdf,/,
    );
    expect(lines.at(-1)).toMatch(
      /^DISPORA,Dinas Pemuda dan Olahraga Kota Bengkulu,,,tidak dikirim: belum ada alamat email,/,
    );
    const filtered = (
      await (await download(insp, `/inspektorat/surat/${letterId}/matriks.csv?status=acknowledged&saring=1`)).text()
    )
      .trim()
      .split("\r\n");
    expect(filtered).toHaveLength(2);
    const xlsx = await download(insp, `/inspektorat/surat/${letterId}/matriks.xlsx`);
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    expect(Object.keys(files)).toContain("xl/worksheets/sheet1.xml");
    const sheet = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain("tidak dikirim: belum ada alamat email");
    expect(sheet).toContain("Disampaikan saat apel pagi");
    // The page offers the whole matrix, and the filtered one only when a filter is on.
    const page = await insp.get(`/inspektorat/surat/${letterId}?status=acknowledged`);
    expect(page.html).toContain("Unduh seluruh matriks (CSV)");
    expect(page.html).toContain("saring=1");
    expect((await insp.get(`/inspektorat/surat/${letterId}`)).html).not.toContain("saring=1");
  });

  it("shows-each-opd-s-reminders-and-the-last-one-in-the-matrix-and-its-export", async () => {
    await p.runtime.store.db
      .updateTable("recipients")
      .set({ reminder_count: 2, last_reminded_at: "2024-10-03T03:00:00.000Z" })
      .where("letter_id", "=", letterId)
      .where("opd_id", "=", "BKPSDM")
      .execute();
    const html = (await insp.get(`/inspektorat/surat/${letterId}`)).html;
    expect(html).toMatch(/data-reminders="2">2× pengingat, terakhir 03\/10\/2024 10\.00/);
    const lines = (await (await download(insp, `/inspektorat/surat/${letterId}/matriks.csv`)).text()).split("\r\n");
    expect(lines[0]).toContain("Pengingat terkirim,Pengingat terakhir (WIB),Pelanggaran");
    expect(lines.find((l) => l.startsWith("BKPSDM,"))).toMatch(/,2,03\/10\/2024 10\.00,\d+$/);
  });

  it("prints a report with the last recorded chain check, and runs none itself", async () => {
    const never = await insp.get(`/inspektorat/surat/${letterId}/laporan`);
    expect(never.status).toBe(200);
    expect(never.html).toContain("Laporan kepatuhan surat edaran");
    expect(never.html).toContain('data-chain="belum-diperiksa"');
    const rt = p.runtime;
    await insp.post("/inspektorat/audit/periksa");
    while ((await rt.auditCheckSlice())?.status === "running");
    const checked = await insp.get(`/inspektorat/surat/${letterId}/laporan`);
    expect(checked.html).toContain('data-chain="utuh"');
    const checkedAt = /pemeriksaan terakhir ([^)]+)\)/.exec(checked.html)?.[1];
    expect(checkedAt).toBeTruthy();
    // A row changed after that check: the report still shows the recorded result and its time (no check ran).
    const victim = await rt.store.db
      .selectFrom("audit_log")
      .select(["seq", "subject"])
      .where("seq", "=", 2)
      .executeTakeFirstOrThrow();
    await rt.store.db.updateTable("audit_log").set({ subject: "diubah" }).where("seq", "=", victim.seq).execute();
    const still = await insp.get(`/inspektorat/surat/${letterId}/laporan`);
    expect(still.html).toContain('data-chain="utuh"');
    expect(still.html).toContain(`pemeriksaan terakhir ${checkedAt})`);
    // The full re-check, run by the background job, finds it; the report shows that from now on.
    await insp.post("/inspektorat/audit/periksa");
    while ((await rt.auditCheckSlice())?.status === "running");
    const broken = await insp.get(`/inspektorat/surat/${letterId}/laporan`);
    expect(broken.html).toContain('data-chain="rusak"');
    expect(broken.html).toContain(`RUSAK mulai baris #${victim.seq}`);
    await rt.store.db.updateTable("audit_log").set({ subject: victim.subject }).where("seq", "=", victim.seq).execute();
    await insp.post("/inspektorat/audit/periksa");
    while ((await rt.auditCheckSlice())?.status === "running");
  });

  it("shows one OPD's history with its average time to acknowledge", async () => {
    const r = await insp.get("/inspektorat/opd?opd=DINKES");
    expect(r.status).toBe(200);
    expect(r.html).toContain("Rata-rata waktu konfirmasi");
    expect(r.html).toContain(letterId);
  });
});

/** Starts the full re-check from the page, runs the job to its end as the background loop would, shows the log. */
async function fullCheck() {
  await insp.post("/inspektorat/audit/periksa");
  while ((await p.runtime.auditCheckSlice())?.status === "running");
  return insp.get("/inspektorat/audit");
}

describe("audit log", () => {
  it("lists the log overall and per letter, and the chain check says UTUH", async () => {
    const all = await insp.get("/inspektorat/audit");
    expect(all.html).toContain('data-code="auth.login"');
    const one = await insp.get(`/inspektorat/audit?letter=${letterId}`);
    expect(one.html).toContain('data-code="letter.sign"');
    expect(one.html).not.toContain('data-code="auth.login"');
    const started = await insp.follow(await insp.post("/inspektorat/audit/periksa"));
    expect(started.html).toContain('data-job="berjalan"');
    expect(started.html).toContain("Pemeriksaan penuh rantai audit dimulai");
    await p.runtime.auditCheckSlice({ maxRows: 3 });
    const progress = await insp.get("/inspektorat/audit");
    expect(progress.html).toContain("3 dari");
    expect((await fullCheck()).html).toContain('data-chain="utuh"');
  });

  it("filters-the-log-by-action-opd-and-days-keeps-the-filter-in-its-links-and-exports-what-it-shows", async () => {
    const page = await insp.get("/inspektorat/audit?action=recipient.acknowledged&opd=DINKES");
    expect(page.status).toBe(200);
    expect(page.html).toContain("data-audit-filters");
    expect(page.html).toMatch(/<option value="recipient\.acknowledged" selected="">/);
    const codes = [...page.html.matchAll(/data-code="([^"]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(["recipient.acknowledged"]));
    expect(page.html).toContain('href="/inspektorat/audit.csv?action=recipient.acknowledged&amp;opd=DINKES"');
    const none = await insp.get("/inspektorat/audit?action=recipient.acknowledged&opd=DISPORA");
    expect(none.html).toContain("Tidak ada baris yang cocok dengan saringan ini.");
    const early = await insp.get("/inspektorat/audit?to=2000-01-01");
    expect(early.html).toContain("Tidak ada baris yang cocok dengan saringan ini.");

    const csv = await download(insp, "/inspektorat/audit.csv?action=recipient.acknowledged&opd=DINKES");
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.headers.get("Content-Disposition")).toMatch(/filename="log-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("#,Waktu (WIB),Pelaku,Tindakan,Kode tindakan,Surat,Tentang,Rincian,Hash");
    expect(lines).toHaveLength(codes.length + 1);
    expect(lines.slice(1).every((l) => l.includes(",recipient.acknowledged,"))).toBe(true);
    // Closed to the secretariat like the page.
    const sek = p.client("10.2.0.29");
    await sek.login("sekretariat");
    expect((await download(sek, "/inspektorat/audit.csv")).status).toBe(403);
  });

  it("says whether the chain matched the signed checkpoint kept outside the database, or refuses it", async () => {
    await p.runtime.checkpointAudit();
    const matched = await fullCheck();
    expect(matched.html).toContain('data-chain="utuh"');
    expect(matched.html).toContain('data-checkpoint="cocok"');
    const { blobs } = p.runtime.services;
    const original = (await blobs.get(LATEST_CHECKPOINT_KEY))!;
    await blobs.put(LATEST_CHECKPOINT_KEY, new TextEncoder().encode("{}"), "application/json");
    const refused = await fullCheck();
    expect(refused.html).toContain('data-checkpoint="ditolak"');
    expect(refused.html).toContain("Berkas checkpoint rusak.");
    await blobs.put(LATEST_CHECKPOINT_KEY, original, "application/json");
  });

  it("names the first changed row when a row was tampered with", async () => {
    const rt = p.runtime;
    const victim = await rt.store.db
      .selectFrom("audit_log")
      .select(["seq", "subject"])
      .orderBy("seq")
      .limit(1)
      .offset(2)
      .executeTakeFirstOrThrow();
    await rt.store.db.updateTable("audit_log").set({ subject: "diubah" }).where("seq", "=", victim.seq).execute();
    const check = await fullCheck();
    expect(check.html).toContain('data-chain="rusak"');
    expect(check.html).toContain(`#${victim.seq}`);
    await rt.store.db.updateTable("audit_log").set({ subject: victim.subject }).where("seq", "=", victim.seq).execute();
  });
});

describe("violations register", () => {
  it("records a violation with an audit row and counts it in the matrix", async () => {
    await insp.get("/inspektorat/pelanggaran");
    const r = await insp.post("/inspektorat/pelanggaran", {
      employeeName: "Joko <b>Susanto</b>",
      employeeNip: "198503122010011002",
      employeeStatus: "PNS",
      opdId: "DINKES",
      letterId,
      act: "Mengunggah dukungan kepada pasangan calon",
      evidence: "Tangkapan layar",
      source: "Bawaslu",
      clauseRef: "",
      sanction: "",
      status: "dilaporkan",
    });
    expect(r.status).toBe(303);
    const list = await insp.get("/inspektorat/pelanggaran");
    expect(list.html).toContain("Joko &lt;b&gt;Susanto&lt;/b&gt;");
    const audit = await p.runtime.store.db
      .selectFrom("audit_log")
      .select("subject")
      .where("action", "=", "violation.recorded")
      .execute();
    expect(audit).toEqual([{ subject: "DINKES" }]);
    const matrix = await insp.get(`/inspektorat/surat/${letterId}?status=acknowledged`);
    expect(matrix.html).toMatch(/<td class="num">1<\/td>/);
  });

  it("moves-a-case-from-dilaporkan-to-diperiksa-to-dijatuhi-sanksi-naming-the-clause-and-refuses-a-decided-case", async () => {
    await insp.get("/inspektorat/pelanggaran");
    await insp.post("/inspektorat/pelanggaran", {
      employeeName: "Rina Marlina",
      employeeNip: "",
      employeeStatus: "PTT",
      opdId: "DINKES",
      letterId,
      act: "Menghadiri kampanye dengan atribut pasangan calon",
      status: "dilaporkan",
    });
    const row = await p.runtime.store.db
      .selectFrom("violations")
      .select("id")
      .where("employee_name", "=", "Rina Marlina")
      .executeTakeFirstOrThrow();
    let list = await insp.get("/inspektorat/pelanggaran");
    expect(list.html).toContain(`action="/inspektorat/pelanggaran/${row.id}"`);

    const examined = await insp.follow(await insp.post(`/inspektorat/pelanggaran/${row.id}`, { status: "diperiksa" }));
    expect(examined.html).toContain("Penanganan pelanggaran Rina Marlina diperbarui.");
    // A sanction without its sanction and clause is refused, naming both, and nothing changes.
    const refused = await insp.follow(
      await insp.post(`/inspektorat/pelanggaran/${row.id}`, { status: "dijatuhi_sanksi", sanction: "", clauseRef: "" }),
    );
    expect(refused.html).toContain("Sanksi yang dijatuhkan wajib diisi; Pilih ketentuan yang menjadi dasar sanksi");
    const still = await p.runtime.store.db
      .selectFrom("violations")
      .select("status")
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe("diperiksa");

    await insp.post(`/inspektorat/pelanggaran/${row.id}`, {
      status: "dijatuhi_sanksi",
      sanction: "Pemutusan hubungan kerja",
      clauseRef: "Sanksi 2",
      note: "Terbukti dari foto dan keterangan saksi",
    });
    list = await insp.get("/inspektorat/pelanggaran");
    expect(list.html).toContain("Pemutusan hubungan kerja");
    expect(list.html).toContain("Terbukti dari foto dan keterangan saksi");
    expect(list.html).not.toContain(`action="/inspektorat/pelanggaran/${row.id}"`);
    const again = await insp.follow(
      await insp.post(`/inspektorat/pelanggaran/${row.id}`, { status: "tidak_terbukti", note: "x" }),
    );
    expect(again.html).toContain("Kasus ini sudah diputus (Dijatuhi sanksi) dan tidak dapat diubah lagi");
    const steps = await p.runtime.store.db
      .selectFrom("audit_log")
      .select("data_json")
      .where("action", "=", "violation.updated")
      .orderBy("seq")
      .execute();
    expect(steps.map((a) => JSON.parse(a.data_json))).toEqual([
      { violationId: row.id, from: "dilaporkan", to: "diperiksa" },
      {
        violationId: row.id,
        from: "diperiksa",
        to: "dijatuhi_sanksi",
        sanction: "Pemutusan hubungan kerja",
        clauseRef: "Sanksi 2",
        note: "Terbukti dari foto dan keterangan saksi",
      },
    ]);
    // Other roles cannot.
    const sek = p.client("10.2.0.19");
    await sek.login("sekretariat");
    await sek.get("/surat");
    const forbidden = await sek.post(`/inspektorat/pelanggaran/${row.id}`, { status: "diperiksa" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.html).not.toContain("CSRF");
  });

  it("keeps the values and shows messages for a bad NIP; NIP may be empty only for PTT", async () => {
    await insp.get("/inspektorat/pelanggaran");
    const base = {
      employeeName: "Sri",
      employeeStatus: "PNS",
      opdId: "DINKES",
      act: "Ikut kampanye",
      status: "dilaporkan",
    };
    const bad = await insp.post("/inspektorat/pelanggaran", { ...base, employeeNip: "123" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("NIP harus 18 digit");
    expect(bad.html).toContain('value="123"');
    const none = await insp.post("/inspektorat/pelanggaran", { ...base, employeeNip: "" });
    expect(none.html).toContain("NIP wajib diisi untuk PNS dan PPPK");
    const ptt = await insp.post("/inspektorat/pelanggaran", { ...base, employeeStatus: "PTT", employeeNip: "" });
    expect(ptt.status).toBe(303);
  });

  it("is closed to the secretariat", async () => {
    const c = p.client("10.2.0.9");
    await c.login("sekretariat");
    expect((await c.get("/inspektorat/pelanggaran")).status).toBe(403);
    expect((await c.get(`/inspektorat/surat/${letterId}/matriks.csv`)).status).toBe(403);
  });
});

describe("OPD page and dev previews", () => {
  it("lets the secretariat set an OPD head's email, refusing a bad address", async () => {
    const c = p.client("10.2.1.1");
    await c.login("sekretariat");
    const page = await c.get("/opd");
    expect(page.html).toContain("belum memiliki alamat email");
    const bad = await c.post("/opd/DISPORA", { headName: "Hendri", email: "bukan-email" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Alamat email tidak valid");
    // Each refused field of the correction says why beside itself.
    const both = await c.post("/opd/DISPORA", { headName: "H".repeat(121), email: "bukan-email" });
    expect(both.status).toBe(400);
    expect(both.html).toMatch(/id="head-DISPORA-error"[^>]*>Nama kepala paling banyak 120 karakter</);
    expect(both.html).toMatch(/id="email-DISPORA-error"[^>]*>Alamat email tidak valid</);
    const ok = await c.post("/opd/DISPORA", { headName: "Hendri", email: "dispora@bengkulukota.go.id" });
    expect(ok.status).toBe(303);
    const row = await p.runtime.store.db
      .selectFrom("opd")
      .select(["email", "head_name"])
      .where("id", "=", "DISPORA")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: "dispora@bengkulukota.go.id", head_name: "Hendri" });
  });

  it("shows the email preview when dev routes are on", async () => {
    const r = await p.runtime.app.request("http://localhost:8787/dev/emails/letter");
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("tanda-terima");
  });
});
