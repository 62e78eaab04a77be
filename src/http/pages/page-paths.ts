// Every URL the pages link or post to, in one place, so routes and views agree. Ids are URL-encoded here.
const e = encodeURIComponent;

export const paths = {
  home: "/",
  css: "/assets/app.css",
  login: "/masuk",
  logout: "/keluar",
  letters: "/surat",
  /** "Perlu tindakan saya": what waits for the signed-in person. */
  waiting: "/tindakan",
  newLetter: "/surat/baru",
  letter: (id: string) => `/surat/${e(id)}`,
  editLetter: (id: string) => `/surat/${e(id)}/ubah`,
  /** POST targets of the letter detail page; `action` is one of LetterAction. */
  letterAction: (id: string, action: LetterAction) => `/surat/${e(id)}/${action}`,
  letterDocx: (id: string) => `/surat/${e(id)}/docx`,
  letterPdf: (id: string) => `/surat/${e(id)}/pdf`,
  ack: (token: string) => `/tanda-terima/${e(token)}`,
  ackReport: (token: string) => `/tanda-terima/${e(token)}/laporan`,
  ackDocx: (token: string) => `/tanda-terima/${e(token)}/docx`,
  ackPdf: (token: string) => `/tanda-terima/${e(token)}/pdf`,
  /** The Liberation Sans faces the letter's SVG pages are drawn in (the PDF's own fonts). */
  letterFont: (style: "regular" | "bold") => `/assets/huruf/liberation-sans-${style}.ttf`,
  verify: (id: string) => `/v/${e(id)}`,
  compliance: "/inspektorat",
  complianceLetter: (id: string) => `/inspektorat/surat/${e(id)}`,
  complianceExport: (id: string, format: "csv" | "xlsx") => `/inspektorat/surat/${e(id)}/matriks.${format}`,
  complianceReport: (id: string) => `/inspektorat/surat/${e(id)}/laporan`,
  /** An OPD's report attachment on a letter: the version with that SHA-256, or the current one without it. */
  reportAttachment: (letterId: string, opdId: string, sha256?: string) =>
    `/inspektorat/surat/${e(letterId)}/lampiran/${e(opdId)}${sha256 ? `/${e(sha256)}` : ""}`,
  opdHistory: (opdId: string) => `/inspektorat/opd/${e(opdId)}`,
  opdHistoryIndex: "/inspektorat/opd",
  audit: "/inspektorat/audit",
  auditExport: "/inspektorat/audit.csv",
  auditVerify: "/inspektorat/audit/periksa",
  violations: "/inspektorat/pelanggaran",
  violationCase: (id: string) => `/inspektorat/pelanggaran/${e(id)}`,
  /** Secretariat / admin: OPD heads' names and email addresses. */
  opdAdmin: "/opd",
  opdAdminItem: (opdId: string) => `/opd/${e(opdId)}`,
  /** Every signed-in user: change one's own password (forced after an admin set it). */
  accountPassword: "/akun/kata-sandi",
  /** The signer's own account page (redirects to signer(own id)); the admin reaches each from the user list. */
  ownSigner: "/akun/penandatangan",
  /** A penandatangan's identity, capacities and (his own) signing passphrase. */
  signer: (userId: string) => `/penandatangan/${e(userId)}`,
  signerCapacities: (userId: string) => `/penandatangan/${e(userId)}/kapasitas`,
  endSignerCapacity: (userId: string, capacityId: string) =>
    `/penandatangan/${e(userId)}/kapasitas/${e(capacityId)}/akhiri`,
  signerPassphrase: (userId: string) => `/penandatangan/${e(userId)}/frasa-sandi`,
  signerPassphraseReset: (userId: string) => `/penandatangan/${e(userId)}/frasa-sandi/setel-ulang`,
  /** Admin: user accounts. */
  users: "/admin/pengguna",
  newUser: "/admin/pengguna/baru",
  user: (id: string) => `/admin/pengguna/${e(id)}`,
  userAction: (id: string, action: UserAction) => `/admin/pengguna/${e(id)}/${action}`,
  /** Secretariat / admin: the legal-basis catalogue. */
  legalBases: "/admin/dasar-hukum",
  legalBaseAction: (id: string, action: "nonaktifkan" | "aktifkan") => `/admin/dasar-hukum/${e(id)}/${action}`,
  /** Admin: the Pemda profile (kop, page, images) and the upload target of each image slot. */
  pemdaProfile: "/admin/profil-pemda",
  pemdaProfileImage: (slot: string) => `/admin/profil-pemda/gambar/${e(slot)}`,
  pemdaProfileSvgScript: "/admin/profil-pemda/svg-ke-png.js",
  devEmail: (kind: string) => `/dev/emails/${e(kind)}`,
  /** The first admin's setup: with the token in the link (Node) or typed in (Workers' SETUP_TOKEN). */
  setup: "/pasang",
  setupLink: (token: string) => `/pasang/${e(token)}`,
  /** An account's owner chooses a password from the activation link an admin handed out. */
  activation: (token: string) => `/aktivasi/${e(token)}`,
} as const;

export const LETTER_ACTIONS = [
  "ajukan",
  "paraf",
  "kembalikan",
  "setujui",
  "tandatangani",
  "kirim",
  "kirim-sisa",
  "ingatkan",
  "kirim-ulang-semua",
  "tarik",
  "cabut",
  "selesai",
] as const;
export type LetterAction = (typeof LETTER_ACTIONS)[number];

/** POST targets of an account's admin page. */
export const USER_ACTIONS = ["nonaktifkan", "aktifkan", "atur-ulang-sandi", "tautan-aktivasi"] as const;
export type UserAction = (typeof USER_ACTIONS)[number];
