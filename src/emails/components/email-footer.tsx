// Footer: who sent it and why the reader got it.
import { Hr, Section, Text } from "@react-email/components";

const wrap = { padding: "0 28px 20px" };
const small = { color: "#6b7280", fontSize: "12px", lineHeight: "18px", margin: "4px 0" };

export function EmailFooter({ pemkotName, personalLink }: { pemkotName: string; personalLink: boolean }) {
  return (
    <Section style={wrap}>
      <Hr style={{ borderColor: "#e5e7eb", margin: "0 0 12px" }} />
      <Text style={small}>
        Email ini dikirim otomatis oleh Sekretariat Daerah {pemkotName} melalui aplikasi edaran kepada kepala perangkat
        daerah. Mohon tidak membalas email ini.
      </Text>
      {/* The letter itself is meant to be passed on; only the personal link (and so the email holding it) is not. */}
      {personalLink ? (
        <Text style={small}>
          Tautan Konfirmasi Penerimaan di email ini bersifat pribadi untuk kepala perangkat daerah: jangan teruskan
          tautan itu (atau email ini) kepada orang lain. Untuk meneruskan Surat Edaran kepada pegawai, kirimkan berkas
          suratnya (.docx).
        </Text>
      ) : null}
    </Section>
  );
}
