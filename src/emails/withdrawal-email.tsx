// The notice to every OPD head who received a letter that has now been revoked (dicabut): what, when and why,
// and that no acknowledgement or report is needed any more.
import { Link, Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout.js";
import { LetterFacts } from "./components/letter-facts.js";

export interface WithdrawalEmailProps {
  pemkotName: string;
  headTitle: string;
  nomor: string;
  tentang: string;
  /** When it was revoked, already formatted ("5 Oktober 2024 pukul 10.00 WIB"). */
  withdrawnAt: string;
  reason: string;
  verifyUrl: string;
}

const p = { color: "#111827", fontSize: "14px", lineHeight: "22px", margin: "0 0 12px" };
const strong = { ...p, color: "#991b1b", fontWeight: 700 };

export function withdrawalEmailSubject(props: Pick<WithdrawalEmailProps, "nomor">): string {
  return `Dicabut: Surat Edaran Nomor ${props.nomor}`;
}

export function WithdrawalEmail(props: WithdrawalEmailProps) {
  return (
    <EmailLayout pemkotName={props.pemkotName} preview={withdrawalEmailSubject(props)} personalLink={false}>
      <Text style={p}>Yth. {props.headTitle}</Text>
      <Text style={strong}>
        Surat Edaran di bawah ini telah dicabut pada {props.withdrawnAt} dan tidak berlaku lagi.
      </Text>
      <LetterFacts nomor={props.nomor} tentang={props.tentang} deadline={null} />
      <Text style={p}>Alasan pencabutan: {props.reason}</Text>
      <Text style={p}>
        Tanda terima dan laporan tindak lanjut atas surat ini tidak diperlukan lagi. Mohon sampaikan pencabutan ini
        kepada pegawai yang telah menerima surat tersebut. Status surat dapat diperiksa di{" "}
        <Link href={props.verifyUrl}>{props.verifyUrl}</Link>
      </Text>
    </EmailLayout>
  );
}
