// The email that carries a signed Surat Edaran to one OPD head: what it is, the deadline, the
// acknowledgement button, and either the note naming the signed files attached (the PDF, the DOCX or both) or,
// in the Pemda's link mode, the OPD head's personal links to read and download them; and how to verify them.
import { Link, Text } from "@react-email/components";
import { ActionButton } from "./components/action-button.js";
import { EmailLayout } from "./components/email-layout.js";
import { LetterFacts } from "./components/letter-facts.js";

export interface LetterEmailProps {
  pemkotName: string;
  /** 'Kepala Dinas Pendidikan' — how the OPD head is addressed. */
  headTitle: string;
  opdName: string;
  nomor: string;
  tentang: string;
  /** Formatted acknowledgement deadline, or null when the letter sets none. */
  deadline: string | null;
  ackUrl: string;
  verifyUrl: string;
  /** The files attached, in the order attached: the signed PDF when the letter has one, the DOCX per the Pemda. */
  attachments: LetterAttachment[];
  /** Link mode (no attachments): the personal download links of the signed files, PDF first. */
  downloads?: LetterDownload[];
}

export interface LetterDownload {
  kind: "pdf" | "docx";
  url: string;
}

export interface LetterAttachment {
  kind: "pdf" | "docx";
  name: string;
}

const p = { color: "#111827", fontSize: "14px", lineHeight: "22px", margin: "0 0 12px" };
const note = { color: "#374151", fontSize: "13px", lineHeight: "20px", margin: "0 0 8px" };

const KIND_TEXT: Record<LetterAttachment["kind"], string> = {
  pdf: "PDF bertanda tangan elektronik",
  docx: "DOCX",
};

const DOWNLOAD_TEXT: Record<LetterDownload["kind"], string> = {
  pdf: "Unduh PDF bertanda tangan elektronik",
  docx: "Unduh DOCX",
};

/** "PDF bertanda tangan elektronik (SE-….pdf) dan DOCX (SE-….docx)": what is attached, as the body names it. */
export function attachedText(attachments: readonly LetterAttachment[]): string {
  return attachments.map((a) => `${KIND_TEXT[a.kind]} (${a.name})`).join(" dan ");
}

export function letterEmailSubject(props: Pick<LetterEmailProps, "nomor" | "tentang">): string {
  return `Surat Edaran Nomor ${props.nomor} tentang ${props.tentang}`;
}

export function LetterEmail(props: LetterEmailProps) {
  return (
    <EmailLayout pemkotName={props.pemkotName} preview={`Surat Edaran ${props.nomor}: ${props.tentang}`}>
      <Text style={p}>Yth. {props.headTitle}</Text>
      <Text style={p}>
        Bersama ini kami sampaikan Surat Edaran {props.pemkotName} kepada {props.opdName} untuk dilaksanakan dan
        diteruskan kepada seluruh pegawai di lingkungan unit kerja Saudara.
      </Text>
      <LetterFacts nomor={props.nomor} tentang={props.tentang} deadline={props.deadline} />
      <Text style={p}>
        {props.deadline
          ? `Mohon konfirmasi penerimaan surat ini paling lambat ${props.deadline} dengan menekan tombol di bawah.`
          : "Mohon konfirmasi penerimaan surat ini dengan menekan tombol di bawah."}
      </Text>
      <ActionButton href={props.ackUrl} label="Konfirmasi Penerimaan" />
      {props.attachments.length > 0 ? (
        <Text style={note}>
          Surat Edaran yang telah ditandatangani secara elektronik terlampir pada email ini:{" "}
          {attachedText(props.attachments)}. Teruskan berkas terlampir tersebut kepada pegawai; tautan konfirmasi di
          atas hanya untuk Saudara. Surat juga dapat dibaca langsung di halaman konfirmasi.
        </Text>
      ) : (
        <>
          <Text style={note}>
            Email ini tidak membawa lampiran. Surat Edaran yang telah ditandatangani secara elektronik dapat dibaca di
            halaman konfirmasi (<Link href={props.ackUrl}>{props.ackUrl}</Link>) dan diunduh melalui tautan berikut:
          </Text>
          {(props.downloads ?? []).map((d) => (
            <Text style={note} key={d.kind}>
              {DOWNLOAD_TEXT[d.kind]}: <Link href={d.url}>{d.url}</Link>
            </Text>
          ))}
          <Text style={note}>
            Teruskan berkas yang diunduh kepada pegawai; tautan di email ini khusus untuk Saudara dan jangan diteruskan.
          </Text>
        </>
      )}
      <Text style={note}>
        Keaslian dokumen dapat diperiksa di <Link href={props.verifyUrl}>{props.verifyUrl}</Link>
      </Text>
    </EmailLayout>
  );
}
