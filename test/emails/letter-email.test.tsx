// The emails in Bahasa Indonesia carry what the OPD head needs: nomor, tentang, deadline, the button.
import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import { LetterEmail, letterEmailSubject } from "../../src/emails/letter-email.js";
import { ReminderEmail, reminderEmailSubject } from "../../src/emails/reminder-email.js";
import { WithdrawalEmail, withdrawalEmailSubject } from "../../src/emails/withdrawal-email.js";
import { emailPreviewHtml, sampleLetterEmail } from "../../src/send/email-preview.js";
import { renderEmail } from "../../src/send/render-email.js";

const props = { ...sampleLetterEmail, tentang: "Netralitas ASN & Larangan <Kampanye>" };

describe("letter email", () => {
  it("renders the Pemkot, nomor, tentang, deadline and the acknowledgement button to HTML", async () => {
    const { html } = await renderEmail(<LetterEmail {...props} />);
    expect(html).toContain("PEMERINTAH KOTA BENGKULU");
    expect(html).toContain(props.nomor);
    expect(html).toContain("Netralitas ASN &amp; Larangan &lt;Kampanye&gt;");
    expect(html).toContain("7 Oktober 2024");
    expect(html).toMatch(new RegExp(`<a[^>]+href="${props.ackUrl}"[^>]*>[\\s\\S]*?Konfirmasi Penerimaan`));
    for (const a of props.attachments) expect(html).toContain(a.name);
    expect(html).toContain(`href="${props.verifyUrl}"`);
    expect(html).toContain('lang="id"');
  });

  it("renders the same facts and both links to plain text", async () => {
    const { text } = await renderEmail(<LetterEmail {...props} />);
    expect(text).not.toMatch(/<\/?(p|a|table|td|div|html)\b/);
    expect(text).toContain(props.nomor);
    expect(text).toContain("Netralitas ASN & Larangan");
    expect(text).toContain("paling lambat 7 Oktober 2024");
    expect(text).toContain(props.ackUrl);
    expect(text).toContain(props.verifyUrl);
    expect(text).toContain("terlampir");
  });

  it("gives the same plain text as render(el, { plainText: true })", async () => {
    const el = <LetterEmail {...props} />;
    expect((await renderEmail(el)).text).toBe(await render(el, { plainText: true }));
  });

  it("leaves the deadline out when the letter has none", async () => {
    const { text } = await renderEmail(<LetterEmail {...props} deadline={null} />);
    expect(text).not.toContain("Batas tanda terima");
    expect(text).toContain("Mohon konfirmasi penerimaan surat ini dengan menekan tombol");
  });

  it("labels the deadline with the pages' term, Batas tanda terima", async () => {
    const { text } = await renderEmail(<LetterEmail {...props} />);
    expect(text).toMatch(/Batas tanda terima\s+7 Oktober 2024/);
    expect(text).not.toContain("Batas konfirmasi");
  });

  it("asks to pass the attached letter on to staff but to keep the personal link to oneself", async () => {
    const { text } = await renderEmail(<LetterEmail {...props} />);
    expect(text).toContain("diteruskan kepada seluruh pegawai");
    expect(text).toContain("Teruskan berkas terlampir tersebut kepada pegawai");
    expect(text).toMatch(
      /Tautan Konfirmasi Penerimaan di email ini bersifat pribadi[\s\S]*jangan teruskan\s+tautan itu/,
    );
    expect(text).not.toContain("jangan diteruskan");
  });

  it("names the attached files: the signed PDF and the DOCX, or only the one attached", async () => {
    const both = (await renderEmail(<LetterEmail {...props} />)).text;
    expect(both).toMatch(
      /terlampir pada email ini: PDF bertanda tangan elektronik \(SE-[^)]+\.pdf\) dan DOCX \(SE-[^)]+\.docx\)\./,
    );
    const pdfOnly = (await renderEmail(<LetterEmail {...props} attachments={[{ kind: "pdf", name: "SE-1.pdf" }]} />))
      .text;
    expect(pdfOnly).toContain("terlampir pada email ini: PDF bertanda tangan elektronik (SE-1.pdf).");
    expect(pdfOnly).not.toContain("DOCX");
    const docxOnly = (await renderEmail(<LetterEmail {...props} attachments={[{ kind: "docx", name: "SE-1.docx" }]} />))
      .text;
    expect(docxOnly).toContain("terlampir pada email ini: DOCX (SE-1.docx).");
    expect(docxOnly).not.toContain("PDF");
  });

  it("has a subject with nomor and tentang", () => {
    expect(letterEmailSubject(props)).toBe(`Surat Edaran Nomor ${props.nomor} tentang ${props.tentang}`);
  });
});

describe("reminder email", () => {
  const base = { ...props, overdue: false };

  it("reminds politely before the deadline", async () => {
    const { text } = await renderEmail(<ReminderEmail {...base} />);
    expect(text).toContain("belum dikonfirmasi");
    expect(text).toContain("Batas tanda terima adalah 7 Oktober 2024");
    expect(text).not.toContain("terlewati");
    expect(text).toContain(props.ackUrl);
    expect(reminderEmailSubject(base)).toMatch(/^Pengingat:/);
  });

  it("says the deadline has passed when overdue", async () => {
    const { text } = await renderEmail(<ReminderEmail {...base} overdue />);
    expect(text).toContain("Batas tanda terima (7 Oktober 2024) telah terlewati");
    expect(reminderEmailSubject({ ...base, overdue: true })).toMatch(/^Melewati batas waktu:/);
  });
});

describe("withdrawal email", () => {
  const w = {
    pemkotName: "Pemerintah Kota Bengkulu",
    headTitle: "Kepala Dinas Kesehatan Kota Bengkulu",
    nomor: "800.1.2.3/123/BKPSDM.II/2024",
    tentang: "Netralitas ASN & <Pilkada>",
    withdrawnAt: "5 Oktober 2024 pukul 10.00 WIB",
    reason: "Diganti surat edaran yang baru",
    verifyUrl: "http://localhost:8787/v/abc",
  };
  it("says-the-letter-is-revoked-when-and-why-and-asks-for-no-acknowledgement", async () => {
    const { html, text } = await renderEmail(<WithdrawalEmail {...w} />);
    expect(text).toContain("telah dicabut pada 5 Oktober 2024 pukul 10.00 WIB dan tidak berlaku lagi");
    expect(text).toContain("Alasan pencabutan: Diganti surat edaran yang baru");
    expect(text).toContain("Tanda terima dan laporan tindak lanjut atas surat ini tidak diperlukan lagi");
    expect(html).toContain("Netralitas ASN &amp; &lt;Pilkada&gt;");
    expect(html).not.toContain("Konfirmasi Penerimaan");
    expect(withdrawalEmailSubject(w)).toBe("Dicabut: Surat Edaran Nomor 800.1.2.3/123/BKPSDM.II/2024");
  });
});

describe("email preview", () => {
  it("returns a whole HTML document for each kind", async () => {
    for (const kind of ["letter", "reminder", "reminder-overdue"] as const) {
      const html = await emailPreviewHtml(kind);
      expect(html).toMatch(/^<!DOCTYPE html/i);
      expect(html).toContain("Konfirmasi Penerimaan");
    }
    expect(await emailPreviewHtml("withdrawal")).toContain("telah dicabut");
  });
});
