// The file an OPD head attaches to the follow-up report: downloadable by the Inspektorat, admin and the
// secretariat (never shown inline), linked from the matrix and the OPD history, and each version kept.

import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { parseStoredReport } from "../../../src/domain/stored-report.js";
import { encodeJson } from "../../../src/store/json-text.js";
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
const first = new TextEncoder().encode("%PDF-1.4 daftar hadir apel (pertama)");
const second = new TextEncoder().encode("%PDF-1.4 daftar hadir apel (perbaikan)");
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function reportForm(bytes: Uint8Array): FormData {
  const f = new FormData();
  f.append("staffInformed", "25");
  f.append("informedOn", "2024-10-01");
  f.append("method", "apel");
  f.append("attachment", new File([bytes as Uint8Array<ArrayBuffer>], "daftar hadir.pdf", { type: "application/pdf" }));
  return f;
}

async function download(c: PageClient, path: string): Promise<Response> {
  return p.runtime.app.request(`http://localhost:8787${path}`, {
    headers: { Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
}

beforeAll(async () => {
  p = await makePagesFixture();
  const sent = await sentLetter(p.runtime, makeTestInput());
  letterId = sent.letterId;
  const token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
  const head = p.client("10.4.0.1");
  await head.get(`/tanda-terima/${token}`);
  await head.post(`/tanda-terima/${token}`, { name: "dr. Susilawati", position: "Kepala Dinas Kesehatan" });
  // The report, then a correction with a file of the same name.
  expect((await head.postMultipart(`/tanda-terima/${token}/laporan`, reportForm(first))).status).toBe(303);
  await head.get(`/tanda-terima/${token}`);
  expect((await head.postMultipart(`/tanda-terima/${token}/laporan`, reportForm(second))).status).toBe(303);
  insp = p.client("10.4.0.2");
  await insp.login("inspektorat");
});
afterAll(async () => p.close());

describe("report attachments", () => {
  it("the matrix row and the OPD history link the current file by its SHA-256", async () => {
    const href = `/inspektorat/surat/${letterId}/lampiran/DINKES/${sha(second)}`;
    expect((await insp.get(`/inspektorat/surat/${letterId}`)).html).toContain(`href="${href}"`);
    expect((await insp.get("/inspektorat/opd?opd=DINKES")).html).toContain(`href="${href}"`);
    // OPDs without a report get no link.
    expect((await insp.get(`/inspektorat/surat/${letterId}`)).html).not.toContain("/lampiran/BKPSDM");
  });

  it("downloads as an attachment with nosniff and the stored type, the current file by default", async () => {
    const r = await download(insp, `/inspektorat/surat/${letterId}/lampiran/DINKES`);
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("application/pdf");
    expect(r.headers.get("Content-Disposition")).toBe('attachment; filename="daftar_hadir.pdf"');
    expect(r.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(second);
  });

  it("keeps the first file, which the recipient.reported audit row names, after the correction", async () => {
    const audit = await p.runtime.store.db
      .selectFrom("audit_log")
      .select("data_json")
      .where("action", "=", "recipient.reported")
      .where("subject", "=", "DINKES")
      .executeTakeFirstOrThrow();
    const named = JSON.parse(audit.data_json).attachment as { sha256: string; key: string };
    expect(named.sha256).toBe(sha(first));
    const r = await download(insp, `/inspektorat/surat/${letterId}/lampiran/DINKES/${named.sha256}`);
    expect(r.status).toBe(200);
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(first);
    expect((await download(insp, `/inspektorat/surat/${letterId}/lampiran/DINKES/${"a".repeat(64)}`)).status).toBe(404);
    expect((await download(insp, `/inspektorat/surat/${letterId}/lampiran/BKPSDM`)).status).toBe(404);
  });

  it("serves a stored type outside the accepted ones as application/octet-stream", async () => {
    const row = await p.runtime.store.db
      .selectFrom("recipients")
      .select(["id", "report_json"])
      .where("letter_id", "=", letterId)
      .where("opd_id", "=", "DINKES")
      .executeTakeFirstOrThrow();
    const original = row.report_json!;
    const report = parseStoredReport(original)!;
    report.attachment = { ...report.attachment!, contentType: "text/html" };
    await p.runtime.store.db
      .updateTable("recipients")
      .set({ report_json: encodeJson(report) })
      .where("id", "=", row.id)
      .execute();
    try {
      const r = await download(insp, `/inspektorat/surat/${letterId}/lampiran/DINKES`);
      expect(r.headers.get("Content-Type")).toBe("application/octet-stream");
      expect(r.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    } finally {
      await p.runtime.store.db
        .updateTable("recipients")
        .set({ report_json: original })
        .where("id", "=", row.id)
        .execute();
    }
  });

  it("is open to admin and the secretariat, closed to an OPD head and to nobody", async () => {
    const path = `/inspektorat/surat/${letterId}/lampiran/DINKES`;
    for (const [who, ip] of [
      ["admin", "10.4.0.3"],
      ["sekretariat", "10.4.0.4"],
    ] as const) {
      const c = p.client(ip);
      await c.login(who);
      expect((await download(c, path)).status, who).toBe(200);
    }
    const head = p.client("10.4.0.5");
    await head.login("kepala-dinkes");
    expect((await download(head, path)).status).toBe(403);
    const anon = await download(p.client("10.4.0.6"), path);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("Location")).toMatch(/^\/masuk\?next=/);
  });
});

describe("the OPD head's report, as the page shows it back", () => {
  it("repeats-back-the-count-date-method-note-and-file-and-says-a-refused-form-s-file-must-be-chosen-again", async () => {
    const sent = await sentLetter(p.runtime, makeTestInput());
    const token = await ackTokenFor(p.runtime.services.config.ackSecret, sent.recipientIds.get("BKPSDM")!);
    const head = p.client("10.4.0.9");
    await head.get(`/tanda-terima/${token}`);
    await head.post(`/tanda-terima/${token}`, { name: "Hendra Saputra", position: "Kepala BKPSDM" });
    await head.get(`/tanda-terima/${token}`);
    // No count: refused, and the page says the chosen file was not kept.
    const bad = reportForm(first);
    bad.set("staffInformed", "");
    const refused = await head.postMultipart(`/tanda-terima/${token}/laporan`, bad);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(
      "Berkas yang tadi dipilih (daftar hadir.pdf) belum tersimpan karena laporan belum lengkap: pilih lagi sebelum mengirim.",
    );
    const ok = reportForm(first);
    ok.set("note", "Disampaikan saat apel Senin");
    expect((await head.postMultipart(`/tanda-terima/${token}/laporan`, ok)).status).toBe(303);
    const shown = (await head.get(`/tanda-terima/${token}`)).html;
    expect(shown).toMatch(/<dt>Pegawai diberi tahu<\/dt><dd>25<\/dd>/);
    expect(shown).toMatch(/<dt>Cara<\/dt><dd>Apel<\/dd>/);
    expect(shown).toMatch(/<dt>Catatan<\/dt><dd class="break">Disampaikan saat apel Senin<\/dd>/);
    expect(shown).toMatch(/<dt>Lampiran<\/dt><dd class="break">daftar_hadir\.pdf<\/dd>/);
  });
});
