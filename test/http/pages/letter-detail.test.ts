// The letter page as each role uses it: the letter itself, ordered pemaraf selects, the confirmation box
// on approve and sign, the send form's OPDs without email, the per-OPD table with "Kirim ulang", and an OPD
// head's own acknowledgement. Real runtime, real SQLite.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackTokenFor } from "../../../src/domain/ack-token.js";
import { createLetter } from "../../../src/drafting/create-letter.js";
import { transitionLetter } from "../../../src/drafting/transition-letter.js";
import { reviewerErrors, reviewerLabel } from "../../../src/http/pages/routes/letter-pages.js";
import { signLetter } from "../../../src/sign/sign-letter.js";
import { acknowledge } from "../../../src/track/acknowledge.js";
import {
  makePagesFixture,
  makeTestInput,
  type PageClient,
  type PagesFixture,
  sentLetter,
  userId,
} from "../../support/pages-fixture.js";
import { SIGNING_PASSPHRASE, seedSigningPassphrase } from "../../support/signer-fixture.js";

let p: PagesFixture;
beforeAll(async () => {
  p = await makePagesFixture();
});
afterAll(async () => p.close());

async function as(username: string, ip: string): Promise<PageClient> {
  const c = p.client(ip);
  await c.login(username);
  return c;
}

async function actor(username: string, role: "sekretariat" | "penandatangan" | "kepala_opd") {
  return { id: await userId(p.runtime, username), role };
}

/** A letter brought to `until` through the services: draft → in_review (kepala-bkpsdm) → approved → signed. */
async function letterAt(until: "draft" | "in_review" | "approved" | "signed"): Promise<string> {
  const svc = p.runtime.services;
  const sek = await actor("sekretariat", "sekretariat");
  const rev = await actor("kepala-bkpsdm", "kepala_opd");
  const ttd = await actor("penandatangan", "penandatangan");
  const { id } = await createLetter(svc, sek, makeTestInput());
  if (until === "draft") return id;
  await transitionLetter(svc, sek, id, { action: "submit", reviewers: [rev.id] });
  if (until === "in_review") return id;
  await transitionLetter(svc, rev, id, { action: "paraf" });
  await transitionLetter(svc, ttd, id, { action: "approve" });
  if (until === "approved") return id;
  await seedSigningPassphrase(svc, ttd.id);
  await signLetter(svc, ttd, id, SIGNING_PASSPHRASE);
  return id;
}

const db = () => p.runtime.store.db;
const idsOf = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);

describe("the letter itself on its page", () => {
  it("shows the pemaraf and the signer the rendered letter in the sandboxed preview, with the nomor once approved", async () => {
    const id = await letterAt("in_review");
    const rev = await as("kepala-bkpsdm", "10.2.0.1");
    const page = await rev.get(`/surat/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<iframe class="preview"[^>]*sandbox=""[^>]*srcdoc="[^"]*SURAT EDARAN/);

    await transitionLetter(p.runtime.services, await actor("kepala-bkpsdm", "kepala_opd"), id, { action: "paraf" });
    await transitionLetter(p.runtime.services, await actor("penandatangan", "penandatangan"), id, {
      action: "approve",
    });
    const nomor = (await db().selectFrom("letters").select("nomor").where("id", "=", id).executeTakeFirstOrThrow())
      .nomor!;
    const ttd = await as("penandatangan", "10.2.0.2");
    const signerPage = await ttd.get(`/surat/${id}`);
    const srcdoc = /srcdoc="([^"]*)"/.exec(signerPage.html)![1]!;
    expect(srcdoc).toContain(nomor);
  });
});

describe("choosing the pemaraf", () => {
  it("offers Pemaraf 1..3 of reviewing roles only, without oneself, labelled name — jabatan (username) once", async () => {
    const id = await letterAt("draft");
    const sek = await as("sekretariat", "10.2.1.1");
    const html = (await sek.get(`/surat/${id}`)).html;
    for (const n of [1, 2, 3]) expect(html).toContain(`<label for="f-reviewer-${n}">Pemaraf ${n}`);
    expect(html).toMatch(/<select id="f-reviewer-1" name="reviewers" required="">/);
    expect(html).not.toMatch(/<select id="f-reviewer-2"[^>]*required/);
    expect(html).not.toContain("Ctrl");
    expect(html).toContain(">Arif Gunadi — Penjabat Wali Kota Bengkulu (penandatangan)</option>");
    expect(html).toContain(">Kepala Dinas Kesehatan Kota Bengkulu (kepala-dinkes)</option>");
    expect(html).not.toContain("Kepala Dinas Kesehatan Kota Bengkulu — Kepala Dinas Kesehatan");
    expect(html).not.toContain(`value="${await userId(p.runtime, "sekretariat")}"`);
    expect(html).not.toContain(`value="${await userId(p.runtime, "inspektorat")}"`);
    expect(html).not.toContain("pemeriksa");
  });

  it("submits the chosen pemaraf in the order of the selects, skipping an empty one", async () => {
    const id = await letterAt("draft");
    const sek = await as("sekretariat", "10.2.1.2");
    await sek.get(`/surat/${id}`);
    const a = await userId(p.runtime, "kepala-dinkes");
    const b = await userId(p.runtime, "penandatangan");
    const r = await sek.post(`/surat/${id}/ajukan`, { reviewers: [a, "", b] });
    expect(r.status).toBe(303);
    const row = await db()
      .selectFrom("letters")
      .select(["status", "reviewers_json"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("in_review");
    expect(JSON.parse(row.reviewers_json)).toEqual([a, b]);
  });

  it("refuses an empty Pemaraf 1, the same pemaraf twice and a non-reviewer, beside the select, and keeps the choices", async () => {
    const id = await letterAt("draft");
    const sek = await as("sekretariat", "10.2.1.3");
    await sek.get(`/surat/${id}`);
    const a = await userId(p.runtime, "kepala-dinkes");
    const noFirst = await sek.post(`/surat/${id}/ajukan`, { reviewers: ["", a, ""] });
    expect(noFirst.status).toBe(400);
    expect(noFirst.html).toMatch(/id="f-reviewer-1-error"[^>]*>Pilih Pemaraf 1/);
    expect(noFirst.html).toMatch(new RegExp(`<select id="f-reviewer-2"[\\s\\S]*?<option value="${a}" selected=""`));
    const twice = await sek.post(`/surat/${id}/ajukan`, { reviewers: [a, a, ""] });
    expect(twice.status).toBe(400);
    expect(twice.html).toMatch(/id="f-reviewer-2-error"[^>]*>Pemaraf ini sudah dipilih/);
    const inspektorat = await userId(p.runtime, "inspektorat");
    const wrong = await sek.post(`/surat/${id}/ajukan`, { reviewers: [inspektorat] });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(/id="f-reviewer-1-error"[^>]*>Pemaraf ini tidak dapat dipilih/);
    expect(
      (await db().selectFrom("letters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status,
    ).toBe("draft");
  });

  it("checks the selects in order (pure helpers)", () => {
    const allowed = new Set(["a", "b"]);
    expect(reviewerErrors(["a", "", "b"], allowed)).toEqual({});
    expect(Object.keys(reviewerErrors(["", "a"], allowed))).toEqual(["reviewers.0"]);
    expect(Object.keys(reviewerErrors(["a", "b", "a"], allowed))).toEqual(["reviewers.2"]);
    expect(
      reviewerLabel({ display_name: "Camat Selebar", jabatan: "Camat Selebar", username: "kepala-kec-selebar" }),
    ).toBe("Camat Selebar (kepala-kec-selebar)");
    expect(reviewerLabel({ display_name: "Administrator", jabatan: null, username: "admin" })).toBe(
      "Administrator (admin)",
    );
  });
});

describe("the edit page after saving", () => {
  it("offers the next step and a way back to the letter page instead of 'Batal'", async () => {
    const id = await letterAt("draft");
    const sek = await as("sekretariat", "10.2.2.1");
    const html = (await sek.get(`/surat/${id}/ubah`)).html;
    expect(html).toContain(`href="/surat/${id}#form-ajukan">Ajukan untuk paraf</a>`);
    expect(html).toContain(`href="/surat/${id}">Kembali ke halaman surat</a>`);
    expect(html).not.toContain(">Batal<");
    expect((await sek.get(`/surat/${id}`)).html).toContain(`id="form-ajukan"`);
  });
});

describe("a deadline too near to approve", () => {
  it("warns-on-the-approve-form-and-refuses-approval-until-the-deadline-is-changed", async () => {
    const svc = p.runtime.services;
    const sek = await actor("sekretariat", "sekretariat");
    const rev = await actor("kepala-bkpsdm", "kepala_opd");
    // The fixed clock stands at 1 October 2024, 09.00 WIB: a deadline of that same day ends within a day.
    const { id } = await createLetter(svc, sek, { ...makeTestInput(), ackDeadline: "2024-10-01" });
    await transitionLetter(svc, sek, id, { action: "submit", reviewers: [rev.id] });
    await transitionLetter(svc, rev, id, { action: "paraf" });
    const ttd = await as("penandatangan", "10.2.3.9");
    const page = await ttd.get(`/surat/${id}`);
    expect(page.html).toContain("data-deadline-too-soon");
    const refused = await ttd.follow(await ttd.post(`/surat/${id}/setujui`, { confirm: "ya" }));
    expect(refused.html).toMatch(/flash-error[^>]*>[^<]*Batas waktu tanda terima \(1 Oktober 2024\) sudah lewat/);
    const row = await db()
      .selectFrom("letters")
      .select(["status", "nomor"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "in_review", nomor: null });
    // A letter with a deadline a week ahead shows no warning.
    const fine = await letterAt("in_review");
    await transitionLetter(svc, rev, fine, { action: "paraf" });
    expect((await ttd.get(`/surat/${fine}`)).html).not.toContain("data-deadline-too-soon");
  });
});

describe("approve and sign need the confirmation box", () => {
  it("does nothing without the box and approves / signs with it", async () => {
    const id = await letterAt("in_review");
    await transitionLetter(p.runtime.services, await actor("kepala-bkpsdm", "kepala_opd"), id, { action: "paraf" });
    const ttd = await as("penandatangan", "10.2.3.1");
    const page = await ttd.get(`/surat/${id}`);
    expect(page.html).toMatch(/<input id="f-confirm-approve" type="checkbox" name="confirm" value="ya" required=""/);
    expect(page.html).toContain("Saya telah membaca surat ini dan menyetujuinya");
    expect(page.html).not.toMatch(/<script/);

    const refused = await ttd.follow(await ttd.post(`/surat/${id}/setujui`));
    expect(refused.html).toMatch(/flash-error[^>]*>[^<]*Centang pernyataan/);
    const still = await db()
      .selectFrom("letters")
      .select(["status", "nomor"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ status: "in_review", nomor: null });

    expect((await ttd.follow(await ttd.post(`/surat/${id}/setujui`, { confirm: "ya" }))).html).toContain(
      "Surat disetujui",
    );
    const signPage = await ttd.get(`/surat/${id}`);
    expect(signPage.html).toContain("Saya telah membaca surat ini dan menandatanganinya");
    const unsigned = await ttd.follow(await ttd.post(`/surat/${id}/tandatangani`, { confirm: "" }));
    expect(unsigned.html).toContain("Centang pernyataan");
    expect(
      (await db().selectFrom("letters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status,
    ).toBe("approved");
    expect(
      await db()
        .selectFrom("documents")
        .select("id")
        .where("letter_id", "=", id)
        .where("kind", "=", "signed")
        .execute(),
    ).toHaveLength(0);

    expect(signPage.html).toMatch(
      /<input[^>]*type="password"[^>]*name="passphrase"|<input[^>]*name="passphrase"[^>]*type="password"/,
    );
    const ttdId = await userId(p.runtime, "penandatangan");
    const notSet = await ttd.follow(
      await ttd.post(`/surat/${id}/tandatangani`, { confirm: "ya", passphrase: "apa-saja-sepuluh" }),
    );
    expect(notSet.html).toMatch(/flash-error[^>]*>[^<]*belum mengatur frasa sandi tanda tangan/);
    await seedSigningPassphrase(p.runtime.services, ttdId);
    const wrong = await ttd.follow(
      await ttd.post(`/surat/${id}/tandatangani`, { confirm: "ya", passphrase: "bukan-frasanya" }),
    );
    expect(wrong.html).toMatch(/flash-error[^>]*>[^<]*Frasa sandi tanda tangan salah/);
    expect(
      (await db().selectFrom("letters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status,
    ).toBe("approved");

    const signed = await ttd.follow(
      await ttd.post(`/surat/${id}/tandatangani`, { confirm: "ya", passphrase: SIGNING_PASSPHRASE }),
    );
    expect(signed.html).toContain("ditandatangani secara elektronik");
    expect(
      (await db().selectFrom("letters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status,
    ).toBe("signed");
  });

  it("gives the paraf and return forms their own comment fields (no duplicate ids on the page)", async () => {
    const id = await letterAt("in_review");
    const rev = await as("kepala-bkpsdm", "10.2.3.2");
    const html = (await rev.get(`/surat/${id}`)).html;
    expect(html).toContain('id="f-paraf-comment"');
    expect(html).toContain('id="f-return-comment"');
    const ids = idsOf(html);
    expect(ids.filter((x, i) => ids.indexOf(x) !== i)).toEqual([]);
  });
});

describe("the send form", () => {
  it("links each OPD without email to its card on the OPD page and shows it unticked and disabled", async () => {
    const id = await letterAt("signed");
    const sek = await as("sekretariat", "10.2.4.1");
    const html = (await sek.get(`/surat/${id}`)).html;
    expect(html).toContain('<a href="/opd#opd-DISPORA">Dinas Pemuda dan Olahraga Kota Bengkulu</a>');
    expect(html).toMatch(/<input type="checkbox" name="opds" value="DISPORA" disabled=""\/>/);
    expect(html).toContain("(belum ada email)");
    expect(html).toMatch(/<input type="checkbox" name="opds" value="DINKES" checked=""\/>/);
  });
});

describe("OPDs a send leaves out", () => {
  it("names each OPD not sent to and why, in the flash, the Inspektorat's matrix and report, and the audit line", async () => {
    const id = await letterAt("signed");
    const sek = await as("sekretariat", "10.2.8.1");
    const withEmail = await db().selectFrom("opd").select("id").where("email", "is not", null).execute();
    // DISPORA has no email (the seed); DINKES is left unticked by the clerk.
    const chosen = withEmail.map((o) => o.id).filter((o) => o !== "DINKES");
    await sek.get(`/surat/${id}`);
    const sent = await sek.follow(await sek.post(`/surat/${id}/kirim`, { opds: chosen }));
    expect(sent.html).toContain(`Surat masuk antrean pengiriman ke ${chosen.length} perangkat daerah.`);
    expect(sent.html).toContain("Tidak dikirim ke 2:");
    expect(sent.html).toContain("Dinas Pemuda dan Olahraga Kota Bengkulu (belum ada alamat email)");
    expect(sent.html).toContain("Dinas Kesehatan Kota Bengkulu (tidak dipilih saat pengiriman)");

    const insp = await as("inspektorat", "10.2.8.2");
    for (const path of [`/inspektorat/surat/${id}`, `/inspektorat/surat/${id}/laporan`]) {
      const html = (await insp.get(path)).html;
      expect(html, path).toContain('data-not-sent="2"');
      expect(html, path).toContain("Tidak dikirim ke 2 perangkat daerah:");
      expect(html, path).toMatch(
        /<li data-opd="DISPORA">Dinas Pemuda dan Olahraga Kota Bengkulu: belum ada alamat email<\/li>/,
      );
      expect(html, path).toMatch(
        /<li data-opd="DINKES">Dinas Kesehatan Kota Bengkulu: tidak dipilih saat pengiriman<\/li>/,
      );
    }
    const audit = await db()
      .selectFrom("audit_log")
      .select("data_json")
      .where("letter_id", "=", id)
      .where("action", "=", "letter.send")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data_json).notSent).toEqual([
      "DINKES: tidak dipilih saat pengiriman",
      "DISPORA: belum ada alamat email",
    ]);
  });

  it("sends-to-the-opds-left-out-once-their-email-is-filled-in-from-kirim-ke-opd-yang-belum", async () => {
    const id = await letterAt("signed");
    const sek = await as("sekretariat", "10.2.9.1");
    const withEmail = await db().selectFrom("opd").select("id").where("email", "is not", null).execute();
    await sek.get(`/surat/${id}`);
    await sek.follow(
      await sek.post(`/surat/${id}/kirim`, { opds: withEmail.map((o) => o.id).filter((o) => o !== "DINKES") }),
    );

    // The form names both; DISPORA cannot be ticked before its address is filled in.
    let html = (await sek.get(`/surat/${id}`)).html;
    expect(html).toContain('id="form-kirim-sisa"');
    expect(html).toContain("Surat ini belum dikirim ke 2 perangkat daerah.");
    expect(html).toMatch(/<input type="checkbox" name="opds" value="DINKES" checked=""\/>/);
    expect(html).toMatch(/<input type="checkbox" name="opds" value="DISPORA" disabled=""\/>/);
    const none = await sek.post(`/surat/${id}/kirim-sisa`, {});
    expect(none.status).toBe(400);
    expect(none.html).toContain("Pilih minimal satu perangkat daerah");

    await db().updateTable("opd").set({ email: "dispora@bengkulukota.go.id" }).where("id", "=", "DISPORA").execute();
    try {
      html = (await sek.get(`/surat/${id}`)).html;
      expect(html).toMatch(/<input type="checkbox" name="opds" value="DISPORA" checked=""\/>/);
      const done = await sek.follow(await sek.post(`/surat/${id}/kirim-sisa`, { opds: ["DISPORA"] }));
      expect(done.html).toContain(
        "Surat masuk antrean pengiriman ke 1 perangkat daerah: Dinas Pemuda dan Olahraga Kota Bengkulu.",
      );
      expect(done.html).toContain(
        "Masih belum dikirim ke 1: Dinas Kesehatan Kota Bengkulu (tidak dipilih saat pengiriman).",
      );
      const rows = await db().selectFrom("recipients").select("opd_id").where("letter_id", "=", id).execute();
      expect(rows.map((r) => r.opd_id)).toContain("DISPORA");

      const insp = await as("inspektorat", "10.2.9.2");
      const matrix = (await insp.get(`/inspektorat/surat/${id}`)).html;
      expect(matrix).toContain('data-not-sent="1"');
      expect(matrix).not.toContain('<li data-opd="DISPORA">');
      // The other roles are refused, and nothing is written.
      const ttd = await as("penandatangan", "10.2.9.3");
      await ttd.get(`/surat/${id}`);
      const refused = await ttd.follow(await ttd.post(`/surat/${id}/kirim-sisa`, { opds: ["DINKES"] }));
      expect(refused.html).toContain("Hanya sekretariat yang dapat mengirim surat ke perangkat daerah");
      expect((await db().selectFrom("recipients").select("opd_id").where("letter_id", "=", id).execute()).length).toBe(
        rows.length,
      );
    } finally {
      await db().updateTable("opd").set({ email: null }).where("id", "=", "DISPORA").execute();
    }
  });
});

describe("per-OPD status after sending", () => {
  it("lists every OPD with email, status, acknowledgement and report, for the secretariat, the signer and the Inspektorat", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    const dinkes = recipientIds.get("DINKES")!;
    await acknowledge(
      p.runtime.store,
      p.runtime.services.clock,
      await ackTokenFor(p.runtime.services.config.ackSecret, dinkes),
      {
        name: "dr. Susilawati",
        position: "Kepala Dinas Kesehatan",
        ip: null,
        userAgent: null,
      },
    );
    for (const [who, ip] of [
      ["sekretariat", "10.2.5.1"],
      ["penandatangan", "10.2.5.2"],
      ["inspektorat", "10.2.5.3"],
    ] as const) {
      const html = (await (await as(who, ip)).get(`/surat/${letterId}`)).html;
      expect(html, who).toContain("Penerima per perangkat daerah");
      expect(html, who).toMatch(/belum mengonfirmasi penerimaan/);
      const row = /<tr data-opd="DINKES"[\s\S]*?<\/tr>/.exec(html)?.[0] ?? "";
      expect(row, who).toContain("Sudah dikonfirmasi");
      expect(row, who).toContain("dr. Susilawati");
      expect(row, who).toContain("Kepala Dinas Kesehatan");
      expect(html, who).toMatch(/<tr data-opd="BKPSDM" data-status="queued">/);
      expect(html, who).toContain("Dalam antrean");
    }
    // An OPD head sees their own row, not everyone's.
    const head = await as("kepala-dinkes", "10.2.5.4");
    expect((await head.get(`/surat/${letterId}`)).html).not.toContain("Penerima per perangkat daerah");
  });

  it("re-sends a failed email from the page (sekretariat) like the API does, and refuses it twice or for other roles", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    const rid = recipientIds.get("DINKES")!;
    const msg = await db()
      .selectFrom("outbox")
      .select("id")
      .where("recipient_id", "=", rid)
      .where("kind", "=", "letter")
      .executeTakeFirstOrThrow();
    await db()
      .updateTable("outbox")
      .set({ status: "failed", last_error: "422 invalid_to" })
      .where("id", "=", msg.id)
      .execute();
    await db().updateTable("recipients").set({ status: "failed" }).where("id", "=", rid).execute();

    const ttd = await as("penandatangan", "10.2.6.1");
    const signerView = (await ttd.get(`/surat/${letterId}`)).html;
    expect(signerView).toContain("Email gagal dikirim");
    expect(signerView).not.toContain("/kirim-ulang/");
    expect((await ttd.post(`/surat/${letterId}/kirim-ulang/${msg.id}`)).status).toBe(403);

    const sek = await as("sekretariat", "10.2.6.2");
    const page = await sek.get(`/surat/${letterId}`);
    expect(page.html).toMatch(/<tr data-opd="DINKES" data-status="failed">/);
    expect(page.html).toContain("422 invalid_to");
    expect(page.html).toContain(`action="/surat/${letterId}/kirim-ulang/${msg.id}"`);
    const auditBefore = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "outbox.retried")
      .execute();

    const r = await sek.post(`/surat/${letterId}/kirim-ulang/${msg.id}`);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/surat/${letterId}#penerima`);
    expect((await sek.follow(r)).html).toContain(
      "Email untuk Dinas Kesehatan Kota Bengkulu masuk antrean untuk dikirim ulang.",
    );
    expect(
      (await db().selectFrom("outbox").select("status").where("id", "=", msg.id).executeTakeFirstOrThrow()).status,
    ).toBe("pending");
    expect(
      (await db().selectFrom("recipients").select("status").where("id", "=", rid).executeTakeFirstOrThrow()).status,
    ).toBe("queued");
    const audit = await db().selectFrom("audit_log").selectAll().where("action", "=", "outbox.retried").execute();
    expect(audit.length).toBe(auditBefore.length + 1);
    expect(audit.at(-1)!.subject).toBe(msg.id);

    await sek.get(`/surat/${letterId}`);
    const again = await sek.follow(await sek.post(`/surat/${letterId}/kirim-ulang/${msg.id}`));
    expect(again.html).toContain("Pesan ini tidak gagal dan tidak memantul");

    // A message of another letter is not found through this letter's page.
    const other = await letterAt("draft");
    expect((await sek.post(`/surat/${other}/kirim-ulang/${msg.id}`)).status).toBe(404);
  });

  it("closes a sent letter from the page for the secretariat only, audited, and offers it no more once closed", async () => {
    const { letterId } = await sentLetter(p.runtime, makeTestInput());
    const ttd = await as("penandatangan", "10.2.7.1");
    expect((await ttd.get(`/surat/${letterId}`)).html).not.toContain("Tandai selesai");
    const refused = await ttd.follow(await ttd.post(`/surat/${letterId}/selesai`, { comment: "" }));
    expect(refused.html).toContain("Tindakan menutup hanya dapat dilakukan oleh Sekretariat atau Admin");
    const still = await db()
      .selectFrom("letters")
      .select("status")
      .where("id", "=", letterId)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe("sent");

    const sek = await as("sekretariat", "10.2.7.2");
    const page = await sek.get(`/surat/${letterId}`);
    expect(page.html).toContain(`action="/surat/${letterId}/selesai"`);
    const r = await sek.post(`/surat/${letterId}/selesai`, { comment: "Semua OPD telah melapor" });
    expect(r.status).toBe(303);
    const after = await sek.follow(r);
    expect(after.html).toContain("Surat ditandai selesai.");
    expect(after.html).not.toContain(`action="/surat/${letterId}/selesai"`);
    const row = await db()
      .selectFrom("letters")
      .select(["status", "closed_at"])
      .where("id", "=", letterId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("closed");
    expect(row.closed_at).not.toBeNull();
    const audit = await db()
      .selectFrom("audit_log")
      .select(["actor", "data_json"])
      .where("letter_id", "=", letterId)
      .where("action", "=", "letter.close")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data_json)).toMatchObject({
      from: "sent",
      to: "closed",
      comment: "Semua OPD telah melapor",
    });
  });

  it("says a bounced address bounced and links to the OPD's card to fix the email", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    await db()
      .updateTable("recipients")
      .set({ status: "bounced", bounced_at: "2024-10-01T03:00:00.000Z" })
      .where("id", "=", recipientIds.get("DISHUB")!)
      .execute();
    const sek = await as("sekretariat", "10.2.7.1");
    const html = (await sek.get(`/surat/${letterId}`)).html;
    const row = /<tr data-opd="DISHUB"[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toContain('data-status="bounced"');
    expect(row).toContain("menolak surat (bounce)");
    expect(row).toContain('href="/opd#opd-DISHUB"');
    // Problems are listed first.
    expect(html.indexOf('data-opd="DISHUB"')).toBeLessThan(html.indexOf('data-opd="BKPSDM"'));
  });
});

describe("an OPD head's own acknowledgement", () => {
  it("offers 'Konfirmasi penerimaan' to the head's personal link, then shows who confirmed", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    const rid = recipientIds.get("DINKES")!;
    const token = await ackTokenFor(p.runtime.services.config.ackSecret, rid);
    const head = await as("kepala-dinkes", "10.2.8.1");
    const before = await head.get(`/surat/${letterId}`);
    expect(before.status).toBe(200);
    expect(before.html).toContain(`<a class="btn btn-success" href="/tanda-terima/${token}">Konfirmasi penerimaan</a>`);
    expect(before.html).toContain("belum mengonfirmasi");
    expect((await head.get(`/tanda-terima/${token}`)).status).toBe(200);

    await acknowledge(p.runtime.store, p.runtime.services.clock, token, {
      name: "dr. Susilawati",
      position: "Kepala Dinas Kesehatan",
      ip: null,
      userAgent: null,
    });
    const after = await head.get(`/surat/${letterId}`);
    expect(after.html).toContain("Penerimaan dikonfirmasi");
    expect(after.html).toContain("oleh dr. Susilawati, Kepala Dinas Kesehatan");
    expect(after.html).not.toContain(">Konfirmasi penerimaan<");
    expect(after.html).toContain(`href="/tanda-terima/${token}">Kirim laporan tindak lanjut</a>`);
  });

  it("offers no acknowledgement to other roles, nor to a head whose OPD only reviewed the letter", async () => {
    const id = await letterAt("in_review");
    const reviewer = await as("kepala-bkpsdm", "10.2.8.2");
    expect((await reviewer.get(`/surat/${id}`)).html).not.toContain("Konfirmasi penerimaan");
    const { letterId } = await sentLetter(p.runtime, makeTestInput());
    const sek = await as("sekretariat", "10.2.8.3");
    expect((await sek.get(`/surat/${letterId}`)).html).not.toContain("/tanda-terima/");
  });
});

describe("revoking a sent letter from its page", () => {
  it("asks-for-the-confirmation-and-a-reason-then-revokes-in-one-word-and-queues-a-notice-per-opd-reached", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    // Two OPDs had the letter handed to the provider.
    const reached = [recipientIds.get("DINKES")!, recipientIds.get("BKPSDM")!];
    await db()
      .updateTable("recipients")
      .set({ sent_at: "2024-10-01T02:10:00.000Z" })
      .where("id", "in", reached)
      .execute();
    const ttd = await as("penandatangan", "10.2.10.1");
    const page = await ttd.get(`/surat/${letterId}`);
    expect(page.html).toContain('id="form-cabut"');
    expect(page.html).toMatch(/<input id="f-confirm-revoke" type="checkbox" name="confirm" value="ya" required=""/);
    expect(page.html).toContain("setiap kepala perangkat daerah penerimanya diberi tahu melalui email");
    expect(page.html).not.toMatch(/[Dd]itarik|Tarik surat/);

    const unconfirmed = await ttd.follow(await ttd.post(`/surat/${letterId}/cabut`, { reason: "Diganti" }));
    expect(unconfirmed.html).toMatch(/flash-error[^>]*>[^<]*Centang pernyataan bahwa Anda memahami surat yang dicabut/);
    const noReason = await ttd.post(`/surat/${letterId}/cabut`, { confirm: "ya", reason: "" });
    expect(noReason.status).toBe(400);
    expect(
      (await db().selectFrom("letters").select("status").where("id", "=", letterId).executeTakeFirstOrThrow()).status,
    ).toBe("sent");

    const done = await ttd.follow(
      await ttd.post(`/surat/${letterId}/cabut`, { confirm: "ya", reason: "Diganti surat edaran yang baru" }),
    );
    expect(done.html).toContain("Surat dicabut.");
    expect(done.html).toMatch(/<dt>Dicabut<\/dt>/);
    expect(done.html).not.toMatch(/[Dd]itarik/);
    const notices = await db()
      .selectFrom("outbox")
      .select(["recipient_id", "status"])
      .where("kind", "=", "withdrawal")
      .where("recipient_id", "in", [...recipientIds.values()])
      .execute();
    expect(notices.map((n) => n.recipient_id).sort()).toEqual([...reached].sort());
    expect(notices.every((n) => n.status === "pending")).toBe(true);
  });
});

describe("reminding from the letter page", () => {
  it("offers-kirim-pengingat-sekarang-to-the-secretariat-and-shows-each-opd-s-reminders-and-the-last-one", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    const reached = [recipientIds.get("DINKES")!, recipientIds.get("BKPSDM")!];
    await db()
      .updateTable("recipients")
      .set({ sent_at: "2024-10-01T02:10:00.000Z", status: "sent" })
      .where("id", "in", reached)
      .execute();
    const sek = await as("sekretariat", "10.2.11.1");
    const page = await sek.get(`/surat/${letterId}`);
    expect(page.html).toContain('id="form-ingatkan"');
    // It counts whom it reaches: the two the letter reached, not the OPDs whose letter still waits.
    expect(page.html).toContain("belum mengonfirmasi (2 OPD)");
    const done = await sek.follow(await sek.post(`/surat/${letterId}/ingatkan`));
    expect(done.html).toContain("Pengingat masuk antrean untuk 2 perangkat daerah yang belum mengonfirmasi.");
    expect(done.html).toMatch(/data-reminders="1">1× pengingat, terakhir 01\/10\/2024 09\.00/);
    const again = await sek.follow(await sek.post(`/surat/${letterId}/ingatkan`));
    expect(again.html).toContain("2 perangkat daerah sudah diingatkan dalam satu jam terakhir");
    // The Inspektorat sees the letter page without the button.
    const insp = await as("inspektorat", "10.2.11.2");
    expect((await insp.get(`/surat/${letterId}`)).html).not.toContain('id="form-ingatkan"');
  });
});

describe("re-sending every failed email at once", () => {
  it("re-queues-each-failed-one-and-names-the-bounced-one-whose-address-is-unchanged", async () => {
    const { letterId, recipientIds } = await sentLetter(p.runtime, makeTestInput());
    const letterMessage = async (opd: string) =>
      db()
        .selectFrom("outbox")
        .select("id")
        .where("recipient_id", "=", recipientIds.get(opd)!)
        .where("kind", "=", "letter")
        .executeTakeFirstOrThrow();
    const dinkes = await letterMessage("DINKES");
    const bkpsdm = await letterMessage("BKPSDM");
    const setda = await letterMessage("SETDA");
    await db()
      .updateTable("outbox")
      .set({ status: "failed", last_error: "500 provider" })
      .where("id", "in", [dinkes.id, bkpsdm.id])
      .execute();
    await db()
      .updateTable("recipients")
      .set({ status: "failed" })
      .where("id", "in", [recipientIds.get("DINKES")!, recipientIds.get("BKPSDM")!])
      .execute();
    // SETDA's was sent but bounced, and nobody has corrected its address yet.
    await db().updateTable("outbox").set({ status: "sent" }).where("id", "=", setda.id).execute();
    await db()
      .updateTable("recipients")
      .set({ status: "bounced", bounced_at: "2024-10-01T02:20:00.000Z", sent_at: "2024-10-01T02:10:00.000Z" })
      .where("id", "=", recipientIds.get("SETDA")!)
      .execute();

    const sek = await as("sekretariat", "10.2.12.1");
    const page = await sek.get(`/surat/${letterId}`);
    expect(page.html).toContain('id="form-kirim-ulang-semua"');
    expect(page.html).toContain("3 email surat ini gagal atau ditolak.");
    const done = await sek.follow(await sek.post(`/surat/${letterId}/kirim-ulang-semua`));
    expect(done.html).toContain(
      "Email untuk 2 perangkat daerah masuk antrean untuk dikirim ulang: Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bengkulu, Dinas Kesehatan Kota Bengkulu.",
    );
    expect(done.html).toMatch(/Belum dapat dikirim ulang: Sekretariat Daerah Kota Bengkulu \([^)]+\)/);
    const statuses = await db()
      .selectFrom("outbox")
      .select(["id", "status"])
      .where("id", "in", [dinkes.id, bkpsdm.id, setda.id])
      .orderBy("id")
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [dinkes.id]: "pending",
      [bkpsdm.id]: "pending",
      [setda.id]: "sent",
    });
    const audit = await db().selectFrom("audit_log").select("subject").where("action", "=", "outbox.retried").execute();
    expect(audit.map((a) => a.subject)).toEqual(expect.arrayContaining([dinkes.id, bkpsdm.id]));
  });
});
