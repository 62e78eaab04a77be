// A reminder to an OPD head who has not acknowledged yet; firmer once the deadline has passed.
import { Link, Text } from "@react-email/components";
import { ActionButton } from "./components/action-button.js";
import { EmailLayout } from "./components/email-layout.js";
import { LetterFacts } from "./components/letter-facts.js";

export interface ReminderEmailProps {
  pemkotName: string;
  headTitle: string;
  nomor: string;
  tentang: string;
  deadline: string | null;
  /** The deadline has passed without an acknowledgement. */
  overdue: boolean;
  ackUrl: string;
  verifyUrl: string;
}

const p = { color: "#111827", fontSize: "14px", lineHeight: "22px", margin: "0 0 12px" };
const warn = { ...p, color: "#991b1b", fontWeight: 700 };

export function reminderEmailSubject(props: Pick<ReminderEmailProps, "nomor" | "overdue">): string {
  return props.overdue
    ? `Melewati batas waktu: konfirmasi Surat Edaran Nomor ${props.nomor}`
    : `Pengingat: konfirmasi penerimaan Surat Edaran Nomor ${props.nomor}`;
}

export function ReminderEmail(props: ReminderEmailProps) {
  return (
    <EmailLayout pemkotName={props.pemkotName} preview={reminderEmailSubject(props)}>
      <Text style={p}>Yth. {props.headTitle}</Text>
      {props.overdue ? (
        <Text style={warn}>
          Batas tanda terima{props.deadline ? ` (${props.deadline})` : ""} telah terlewati dan penerimaan surat di bawah
          ini belum dikonfirmasi. Mohon segera melakukan konfirmasi.
        </Text>
      ) : (
        <Text style={p}>
          Kami mengingatkan bahwa penerimaan Surat Edaran berikut belum dikonfirmasi
          {props.deadline ? `. Batas tanda terima adalah ${props.deadline}.` : "."}
        </Text>
      )}
      <LetterFacts nomor={props.nomor} tentang={props.tentang} deadline={props.deadline} />
      <ActionButton href={props.ackUrl} label="Konfirmasi Penerimaan" />
      <Text style={p}>
        Surat dapat dibaca dan diunduh melalui tautan konfirmasi di atas. Keaslian dokumen dapat diperiksa di{" "}
        <Link href={props.verifyUrl}>{props.verifyUrl}</Link>
      </Text>
    </EmailLayout>
  );
}
