// Development preview of the emails with sample data (mounted by the app at /dev/emails/...).
import type { LetterEmailProps } from "../emails/letter-email.js";
import { lazyEmailBodies } from "./lazy-email-bodies.js";

export type PreviewKind = "letter" | "reminder" | "reminder-overdue" | "withdrawal";

export const sampleLetterEmail: LetterEmailProps = {
  pemkotName: "Pemerintah Kota Bengkulu",
  headTitle: "Kepala Dinas Pendidikan dan Kebudayaan Kota Bengkulu",
  opdName: "Dinas Pendidikan dan Kebudayaan",
  nomor: "800.1.2.3/123/BKPSDM.II/2024",
  tentang: "Netralitas Aparatur Sipil Negara pada Pemilihan Kepala Daerah Tahun 2024",
  deadline: "7 Oktober 2024",
  ackUrl: "http://localhost:8787/tanda-terima/contoh-token",
  verifyUrl: "http://localhost:8787/verifikasi/contoh-dokumen",
  attachments: [
    { kind: "pdf", name: "SE-800.1.2.3-123-BKPSDM.II-2024.pdf" },
    { kind: "docx", name: "SE-800.1.2.3-123-BKPSDM.II-2024.docx" },
  ],
};

/** The HTML of one sample email, as a mail client would get it. */
export async function emailPreviewHtml(kind: PreviewKind = "letter"): Promise<string> {
  const s = sampleLetterEmail;
  const bodies = await lazyEmailBodies();
  if (kind === "withdrawal") {
    return (
      await bodies.withdrawalEmailBody({
        pemkotName: s.pemkotName,
        headTitle: s.headTitle,
        nomor: s.nomor,
        tentang: s.tentang,
        withdrawnAt: "5 Oktober 2024 pukul 10.00 WIB",
        reason: "Diganti Surat Edaran Nomor 800.1.2.3/130/BKPSDM.II/2024",
        verifyUrl: s.verifyUrl,
      })
    ).html;
  }
  const body =
    kind === "letter"
      ? await bodies.letterEmailBody(s)
      : await bodies.reminderEmailBody({
          pemkotName: s.pemkotName,
          headTitle: s.headTitle,
          nomor: s.nomor,
          tentang: s.tentang,
          deadline: s.deadline,
          overdue: kind === "reminder-overdue",
          ackUrl: s.ackUrl,
          verifyUrl: s.verifyUrl,
        });
  return body.html;
}
