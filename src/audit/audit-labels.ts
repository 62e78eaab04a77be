// Indonesian words for the audit log's action codes and data, so an auditor can read the log without knowing
// the code's names. Pure: the page keeps the raw code next to the label for the technical reader.
import { isRecord } from "../domain/json-value.js";

/** Every action code the app writes (grep `action:` in src). An unknown code is shown as is. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.login": "Masuk",
  "auth.login_failed": "Gagal masuk",
  "auth.logout": "Keluar",
  "auth.password_changed": "Kata sandi diganti",
  "auth.setup_link_made": "Tautan pemasangan dibuat",
  "auth.first_admin": "Administrator pertama dibuat",
  "auth.account_activated": "Akun diaktifkan lewat tautan",
  "letter.drafted": "Konsep dibuat",
  "letter.edited": "Konsep diubah",
  "letter.submit": "Diajukan untuk paraf",
  "letter.paraf": "Diparaf",
  "letter.return": "Dikembalikan untuk perbaikan",
  "letter.approve": "Disetujui",
  "letter.sign": "Ditandatangani",
  "letter.sign_refused": "Penandatanganan ditolak",
  "letter.send": "Dikirim ke perangkat daerah",
  "letter.sent_to_remaining": "Dikirim ke perangkat daerah yang belum menerima",
  "letter.close": "Ditutup (selesai)",
  "letter.withdraw": "Dicabut",
  "email.sent": "Surel terkirim",
  "email.failed": "Surel gagal dikirim",
  "email.cancelled": "Surel dibatalkan sebelum dikirim",
  "email.delivered": "Surel diterima server penerima",
  "email.bounced": "Surel ditolak (bounce)",
  "email.complained": "Surel ditandai spam",
  "email.delivery_delayed": "Pengiriman surel tertunda",
  "reminder.sent": "Pengingat terkirim",
  "recipient.escalated": "Pengingat dihentikan, OPD dieskalasi",
  "reminder.cancelled": "Pengingat dibatalkan sebelum dikirim",
  "recipient.acknowledged": "Tanda terima dikonfirmasi",
  "recipient.reported": "Laporan tindak lanjut dikirim",
  "recipient.report_replaced": "Laporan tindak lanjut diganti",
  "recipient.reminded": "Pengingat dijadwalkan",
  "recipient.overdue": "Melewati batas tanda terima",
  "opd.updated": "Data perangkat daerah diubah",
  "outbox.retried": "Pengiriman diulang",
  "outbox.resent_after_bounce": "Dikirim ulang ke alamat yang diperbaiki",
  "register.created": "Register nomor dibuat",
  "legal_base.created": "Dasar hukum ditambahkan ke katalog",
  "legal_base.deactivated": "Dasar hukum dinonaktifkan",
  "legal_base.activated": "Dasar hukum diaktifkan kembali",
  "pemda_profile.updated": "Profil pemda diubah",
  "pemda_profile.image_uploaded": "Gambar profil pemda diunggah",
  "violation.recorded": "Pelanggaran dicatat",
  "violation.updated": "Penanganan pelanggaran diperbarui",
  "user.created": "Akun dibuat",
  "user.updated": "Akun diubah",
  "user.disabled": "Akun dinonaktifkan",
  "user.enabled": "Akun diaktifkan kembali",
  "user.password_reset": "Kata sandi diatur ulang",
  "user.activation_link_made": "Tautan aktivasi dibuat",
  "signer.updated": "Data penandatangan diubah",
  "signer.capacity_added": "Kapasitas penandatangan ditambahkan",
  "signer.capacity_ended": "Kapasitas penandatangan diakhiri",
  "signer.passphrase_set": "Frasa sandi tanda tangan diatur",
  "signer.passphrase_reset": "Frasa sandi tanda tangan disetel ulang oleh admin",
};

/** The Indonesian label of an action code; the code itself when it has none. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const KEY_LABELS: Record<string, string> = {
  from: "dari",
  to: "menjadi",
  comment: "catatan",
  reason: "alasan",
  name: "nama",
  position: "jabatan",
  ip: "IP",
  error: "galat",
  attempts: "percobaan",
  reminder: "pengingat ke",
  deadline: "batas",
  opd: "OPD",
  providerId: "ID pesan",
  outboxId: "ID antrean",
  webhookId: "ID webhook",
  recipients: "jumlah penerima",
  notSent: "tidak dikirim ke",
  sha256: "SHA-256",
  keyId: "ID kunci",
  nomor: "nomor",
  staffInformed: "pegawai diberi tahu",
  informedOn: "tanggal pemberitahuan",
  method: "cara",
  attachment: "lampiran",
  filename: "nama berkas",
  violationId: "ID pelanggaran",
  employeeStatus: "status pegawai",
  status: "status",
  clauseRef: "ketentuan",
  via: "melalui",
  userId: "ID pengguna",
  changes: "perubahan",
  displayName: "nama tampilan",
  role: "peran",
  opdId: "OPD",
  disabledAt: "dinonaktifkan",
  email: "email",
  head_name: "nama kepala",
  head_title: "jabatan kepala",
  revision: "revisi",
};

// Values that are codes themselves: letter statuses (from / to) and login failure reasons.
const VALUE_LABELS: Record<string, string> = {
  draft: "konsep",
  in_review: "dalam paraf",
  approved: "disetujui",
  signed: "ditandatangani",
  sent: "terkirim",
  closed: "selesai",
  withdrawn: "dicabut",
  unknown_user: "nama pengguna tidak dikenal",
  wrong_password: "kata sandi salah",
  disabled: "akun nonaktif",
};

const VALUE_MAX = 80;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return value ? "ya" : "tidak";
  if (typeof value === "string") {
    const text = VALUE_LABELS[value] ?? value;
    return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
  }
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  return JSON.stringify(value);
}

export interface AuditDetail {
  /** Indonesian key label. */
  label: string;
  value: string;
}

/**
 * An audit row's data_json as readable "key: value" pairs; nested objects (a report's attachment, a user's
 * changes) become "lampiran nama berkas: surat.pdf". Unparseable JSON becomes one "data" pair.
 */
export function auditDetails(dataJson: string | null | undefined): AuditDetail[] {
  if (!dataJson || dataJson === "{}") return [];
  let data: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch {
    return [{ label: "data", value: dataJson.slice(0, VALUE_MAX) }];
  }
  if (!isRecord(data)) return [{ label: "data", value: valueText(data) }];
  const out: AuditDetail[] = [];
  const { from, to, ...rest } = data;
  // A transition reads best as one line, first: "status: disetujui → ditandatangani".
  if (typeof from === "string" && typeof to === "string")
    out.push({ label: "status", value: `${valueText(from)} → ${valueText(to)}` });
  else Object.assign(rest, from === undefined ? {} : { from }, to === undefined ? {} : { to });
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(obj)) {
      // Empty values (no IP recorded, no comment) say nothing.
      if (value === null || value === undefined || value === "") continue;
      const label = `${prefix}${KEY_LABELS[key] ?? key}`;
      if (isRecord(value) && prefix === "") walk(value, `${label} `);
      else out.push({ label, value: valueText(value) });
    }
  };
  walk(rest, "");
  return out;
}
