/** @jsxImportSource hono/jsx */
// Every page view rendered through a tiny Hono app and opened in real Chromium at phone and desktop width.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AckPage, type AckPageProps } from "../../../src/http/pages/ack-page.js";
import { AuditLogPage, type AuditLogPageProps } from "../../../src/http/pages/audit-log-page.js";
import {
  ComplianceLetterPage,
  type ComplianceLetterPageProps,
} from "../../../src/http/pages/compliance-letter-page.js";
import {
  ComplianceReportPage,
  type ComplianceReportPageProps,
} from "../../../src/http/pages/compliance-report-page.js";
import type { MatrixRow } from "../../../src/http/pages/components/compliance-matrix.js";
import type { RecipientRow } from "../../../src/http/pages/components/recipient-table.js";
import { DraftFormPage, type DraftFormPageProps } from "../../../src/http/pages/draft-form-page.js";
import type { CurrentUser } from "../../../src/http/pages/layout.js";
import { LetterDetailPage, type LetterDetailPageProps } from "../../../src/http/pages/letter-detail-page.js";
import { LetterListPage, type LetterListPageProps } from "../../../src/http/pages/letter-list-page.js";
import { LoginPage, type LoginPageProps } from "../../../src/http/pages/login-page.js";
import { OpdHistoryPage, type OpdHistoryPageProps } from "../../../src/http/pages/opd-history-page.js";
import { APP_CSS } from "../../../src/http/pages/styles.js";
import { VerifyPage, type VerifyPageProps } from "../../../src/http/pages/verify-page.js";
import {
  type ViolationItem,
  ViolationsPage,
  type ViolationsPageProps,
} from "../../../src/http/pages/violations-page.js";
import { DESKTOP, launchBrowser, PHONE, screenshot } from "../../support/browser.js";

const sekretariat: CurrentUser = { displayName: "Rina Marlina", role: "sekretariat" };
const penandatangan: CurrentUser = { displayName: "Arif Gunadi", role: "penandatangan" };
const inspektorat: CurrentUser = { displayName: "Dedi Irawan", role: "inspektorat" };
const csrf = "csrf-token-123";
const T = "2024-10-02T02:15:00.000Z";

const matrixRows: MatrixRow[] = [
  {
    opdId: "DINKES",
    opdName: "Dinas Kesehatan",
    sentAt: T,
    deliveredAt: T,
    acknowledgedAt: "2024-10-02T05:00:00.000Z",
    ackName: "dr. Susilawati",
    reportedAt: "2024-10-03T03:00:00.000Z",
    overdue: false,
    violations: 0,
  },
  {
    opdId: "BKPSDM",
    opdName: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    sentAt: T,
    deliveredAt: T,
    acknowledgedAt: null,
    reportedAt: null,
    overdue: true,
    violations: 2,
  },
  {
    opdId: "KEC-RATU-AGUNG",
    opdName: "Kecamatan Ratu Agung",
    sentAt: T,
    deliveredAt: null,
    deliveryProblem: "bounced",
    acknowledgedAt: null,
    reportedAt: null,
    overdue: false,
  },
];

const violation: ViolationItem = {
  id: "v1",
  employeeName: "Joko Susanto",
  employeeNip: "198503122010011002",
  employeeStatus: "PNS",
  opdName: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
  act: "Mengunggah foto dukungan kepada pasangan calon di media sosial",
  evidence: "Tangkapan layar Instagram 5 Oktober 2024",
  source: "Bawaslu",
  letter: { id: "L1", nomor: "800.1.4/2185/BKPSDM.II/2024" },
  clauseRef: "Sanksi butir 1 (PP 94/2021)",
  sanction: "Hukuman disiplin sedang",
  status: "diperiksa",
  createdAt: T,
};

const kepalaDinkes: CurrentUser = {
  displayName: "Kepala Dinas Kesehatan Kota Bengkulu",
  role: "kepala_opd",
  opdName: "Dinas Kesehatan Kota Bengkulu",
};
const letterHtml =
  "<article style='font-family:serif;padding:1rem'><h3 style='text-align:center'>SURAT EDARAN</h3><p>Isi surat yang diparaf dan ditandatangani…</p></article>";
const recipient = (r: Partial<RecipientRow> & Pick<RecipientRow, "opdId" | "opdName" | "status">): RecipientRow => ({
  recipientId: `r-${r.opdId}`,
  email: `${r.opdId.toLowerCase()}@bengkulukota.example`,
  acknowledgedAt: null,
  ackName: null,
  ackPosition: null,
  reportedAt: null,
  bounced: false,
  retryOutboxId: null,
  ...r,
});

const letterSummary = {
  nomor: "800.1.4/2185/BKPSDM.II/2024",
  tentang: "Netralitas Aparatur Sipil Negara dan Pegawai Tidak Tetap pada Pilkada Serentak 2024",
  government: "Pemerintah Kota Bengkulu",
  signerJabatan: "Penjabat Wali Kota Bengkulu",
  signedAt: T,
  ackDeadline: "2024-10-09",
  opdName: "Dinas Kesehatan",
};

/** A view with its sample props, type-erased so all views fit one table; `transform` may make the props hostile. */
interface ViewCase {
  html(transform: <T>(props: T) => T): string;
  expectText: string[];
}
const view = <P,>(render: (p: P) => unknown, props: P, expectText: string[]): ViewCase => ({
  html: (transform) => String(render(transform(props))),
  expectText,
});

const views: Record<string, ViewCase> = {
  login: view<LoginPageProps>(
    LoginPage,
    { csrfToken: csrf, username: "rina", error: "Nama pengguna atau kata sandi salah." },
    ["Masuk ke edaran", "Nama pengguna atau kata sandi salah."],
  ),
  "letter-list": view<LetterListPageProps>(
    LetterListPage,
    {
      user: sekretariat,
      csrfToken: csrf,
      status: "all",
      nextCursor: "WyIyMDI0LTEwLTAxIiwiTDMiXQ",
      paged: true,
      canCreate: true,
      counts: { all: 1001, draft: 3 },
      flash: [{ kind: "success", message: "Surat tersimpan." }],
      letters: [
        {
          id: "L1",
          tentang: letterSummary.tentang,
          nomor: letterSummary.nomor,
          status: "sent",
          updatedAt: T,
          createdByName: "Rina Marlina",
        },
        { id: "L2", tentang: "Hari Pahlawan 2024", nomor: null, status: "draft", updatedAt: T },
        { id: "L3", tentang: "Penggunaan kendaraan dinas", nomor: null, status: "in_review", updatedAt: T },
      ],
    },
    [
      "Daftar surat edaran",
      "Semua (1000+)",
      "Konsep (3)",
      "Terkirim",
      "Berikutnya",

      "Halaman pertama",
      "Surat tersimpan.",
    ],
  ),
  "letter-list-empty": view<LetterListPageProps>(
    LetterListPage,
    {
      user: penandatangan,
      csrfToken: csrf,
      status: "withdrawn",
      nextCursor: null,
      paged: false,
      canCreate: false,
      letters: [],
    },
    ["Tidak ada surat berstatus Dicabut."],
  ),
  "draft-form": view<DraftFormPageProps>(
    DraftFormPage,
    {
      user: sekretariat,
      csrfToken: csrf,
      mode: "new",
      form: {
        tentang: "Netralitas ASN",
        "signer.capacityId": "pj-wali-kota-bengkulu",
        "sections.isi": "ASN wajib netral.\n- Tidak berkampanye.",
        "scope.asn.pns": "on",
        "recipients.mode": "all",
        "sections.dasar": ["uu-20-2023-asn"],
      },
      errors: {
        "signer.capacityId": "Kapasitas penandatangan ini tidak berlaku pada tanggal surat 2024-10-02",
        prohibitedActs: "Baris 2: Jenis sanksi harus salah satu dari: etik, disiplin",
      },
      legalBases: [
        { id: "uu-20-2023-asn", label: "UU 20/2023 tentang ASN" },
        { id: "pp-94-2021-disiplin-pns", label: "PP 94/2021 tentang Disiplin PNS" },
      ],
      opds: [
        { id: "DINKES", label: "Dinas Kesehatan" },
        { id: "BKPSDM", label: "BKPSDM" },
      ],
      signers: [{ id: "pj-wali-kota-bengkulu", label: "Arif Gunadi — Penjabat Wali Kota Bengkulu" }],
      preview: {
        html: "<html><body style='font-family:serif;padding:2rem'><h3 style='text-align:center'>SURAT EDARAN</h3><p>Pratinjau isi surat…</p></body></html>",
      },
      profile: { governmentName: "Pemerintah Kota Bengkulu", version: 3 },
    },
    [
      "Buat surat edaran",
      "Kapasitas penandatangan ini tidak berlaku pada tanggal surat 2024-10-02",
      "Periksa kembali 2 isian berikut",
      "Pratinjau",
      "Pemerintah Kota Bengkulu (versi 3)",
    ],
  ),
  "letter-detail-signed": view<LetterDetailPageProps>(
    LetterDetailPage,
    {
      user: sekretariat,
      csrfToken: csrf,
      letter: {
        id: "L1",
        status: "signed",
        tentang: letterSummary.tentang,
        nomor: letterSummary.nomor,
        revision: 3,
        createdByName: "Rina Marlina",
        createdAt: T,
        updatedAt: T,
        approvedAt: T,
        signedAt: T,
        ackDeadline: "2024-10-09",
      },
      reviewers: [{ id: "u2", name: "Hendra Saputra", jabatan: "Kepala BKPSDM", parafAt: T }],
      revisions: [
        { revision: 1, createdAt: T, createdByName: "Rina Marlina" },
        { revision: 2, createdAt: T, createdByName: "Rina Marlina" },
      ],
      events: [
        { action: "submit", fromStatus: "draft", toStatus: "in_review", actorName: "Rina Marlina", createdAt: T },
        {
          action: "return",
          fromStatus: "in_review",
          toStatus: "draft",
          actorName: "Hendra Saputra",
          comment: "Perbaiki dasar hukum",
          createdAt: T,
        },
      ],
      isCurrentReviewer: false,
      reviewComplete: true,
      reviewerOptions: [],
      sendOpds: [
        { id: "DINKES", name: "Dinas Kesehatan", email: "dinkes@bengkulukota.go.id", selected: true },
        { id: "KEC-RATU-AGUNG", name: "Kecamatan Ratu Agung", email: null, selected: false },
      ],
      signature: { sha256: "9f2c".repeat(16), keyId: "edaran-2024-1", signedAt: T, verifyUrl: "http://127.0.0.1/v/L1" },
    },
    [
      "Kirim ke perangkat daerah",
      "OPD tanpa email (1)",
      "Kecamatan Ratu Agung",
      "(belum ada email)",
      "Tanda tangan elektronik",
      "Perbaiki dasar hukum",
      "Unduh DOCX",
    ],
  ),
  "letter-detail-draft": view<LetterDetailPageProps>(
    LetterDetailPage,
    {
      user: sekretariat,
      csrfToken: csrf,
      letter: {
        id: "L2",
        status: "draft",
        tentang: "Hari Pahlawan 2024",
        nomor: null,
        revision: 1,
        createdByName: "Rina Marlina",
        createdAt: T,
        updatedAt: T,
      },
      reviewers: [],
      revisions: [{ revision: 1, createdAt: T, createdByName: "Rina Marlina" }],
      events: [],
      isCurrentReviewer: false,
      reviewComplete: false,
      reviewerOptions: [
        { id: "u2", label: "Hendra Saputra — Kepala BKPSDM (kepala-bkpsdm)" },
        { id: "u3", label: "Sri Wahyuni — Kabag Hukum (sri)" },
      ],
      sendOpds: [],
      errors: {
        reason: "Alasan pencabutan wajib diisi",
        "reviewers.1": "Pemaraf ini sudah dipilih pada urutan sebelumnya",
      },
      reviewerChoice: ["u2", "u2"],
    },
    [
      "Ajukan untuk paraf",
      "Pemaraf 1",
      "Pemaraf 3",
      "Pemaraf ini sudah dipilih",
      "Cabut surat",
      "Alasan pencabutan wajib diisi",
      "Ubah konsep",
    ],
  ),
  "letter-detail-review": view<LetterDetailPageProps>(
    LetterDetailPage,
    {
      user: penandatangan,
      csrfToken: csrf,
      letter: {
        id: "L3",
        status: "in_review",
        tentang: "Penggunaan kendaraan dinas",
        nomor: null,
        revision: 2,
        createdByName: "Rina Marlina",
        createdAt: T,
        updatedAt: T,
      },
      reviewers: [
        { id: "u2", name: "Hendra Saputra", parafAt: T },
        { id: "u9", name: "Arif Gunadi", parafAt: null },
      ],
      revisions: [],
      events: [],
      isCurrentReviewer: true,
      reviewComplete: false,
      reviewerOptions: [],
      sendOpds: [],
      letterHtml: letterHtml,
    },
    ["Beri paraf", "Kembalikan untuk perbaikan", "menunggu", "Isi surat"],
  ),
  "letter-detail-sent": view<LetterDetailPageProps>(
    LetterDetailPage,
    {
      user: sekretariat,
      csrfToken: csrf,
      letter: {
        id: "L1",
        status: "sent",
        tentang: letterSummary.tentang,
        nomor: letterSummary.nomor,
        revision: 3,
        createdByName: "Rina Marlina",
        createdAt: T,
        updatedAt: T,
        approvedAt: T,
        signedAt: T,
        sentAt: T,
        ackDeadline: "2024-10-09",
      },
      reviewers: [{ id: "u2", name: "Hendra Saputra", jabatan: "Kepala BKPSDM", parafAt: T }],
      revisions: [],
      events: [],
      isCurrentReviewer: false,
      reviewComplete: false,
      reviewerOptions: [],
      sendOpds: [],
      letterHtml: letterHtml,
      recipientCounts: { queued: 1, failed: 1, bounced: 1, acknowledged: 1, reported: 1 },
      canManageRecipients: true,
      recipients: [
        recipient({
          opdId: "DINKES",
          opdName: "Dinas Kesehatan Kota Bengkulu",
          status: "reported",
          acknowledgedAt: T,
          ackName: "dr. Susilawati",
          ackPosition: "Kepala Dinas Kesehatan",
          reportedAt: T,
        }),
        recipient({ opdId: "DISHUB", opdName: "Dinas Perhubungan Kota Bengkulu", status: "bounced", bounced: true }),
        recipient({
          opdId: "BKPSDM",
          opdName: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bengkulu",
          status: "failed",
          retryOutboxId: "ob-1",
          lastError: "422 invalid_to",
        }),
        recipient({
          opdId: "KEC-RATU-AGUNG",
          opdName: "Kecamatan Ratu Agung",
          status: "acknowledged",
          acknowledgedAt: T,
          ackName: "Drs. Hasan",
          ackPosition: "Camat Ratu Agung",
        }),
        recipient({ opdId: "DISPAR", opdName: "Dinas Pariwisata Kota Bengkulu", status: "overdue" }),
      ],
    },
    [
      "Penerima per perangkat daerah",
      "3 dari 5 perangkat daerah belum mengonfirmasi",
      "Kirim ulang",
      "menolak surat (bounce)",
      "Perbaiki email OPD ini",
      "Sudah melaporkan tindak lanjut",
      "dr. Susilawati",
      "Isi surat",
    ],
  ),
  "letter-detail-opd-head": view<LetterDetailPageProps>(
    LetterDetailPage,
    {
      user: kepalaDinkes,
      csrfToken: csrf,
      letter: {
        id: "L1",
        status: "sent",
        tentang: letterSummary.tentang,
        nomor: letterSummary.nomor,
        revision: 3,
        createdByName: "Rina Marlina",
        createdAt: T,
        updatedAt: T,
        sentAt: T,
        ackDeadline: "2024-10-09",
      },
      reviewers: [],
      revisions: [],
      events: [],
      isCurrentReviewer: false,
      reviewComplete: false,
      reviewerOptions: [],
      sendOpds: [],
      letterHtml: letterHtml,
      ownAck: {
        opdName: "Dinas Kesehatan Kota Bengkulu",
        status: "sent",
        acknowledgedAt: null,
        ackName: null,
        ackPosition: null,
        reportedAt: null,
        ackUrl: "/tanda-terima/tok123",
        withdrawn: false,
      },
    },
    ["Tanda terima Dinas Kesehatan Kota Bengkulu", "Konfirmasi penerimaan", "belum mengonfirmasi"],
  ),
  "ack-form": view<AckPageProps>(
    AckPage,
    {
      state: "form",
      token: "tok123",
      csrfToken: csrf,
      letter: letterSummary,
      errors: { position: "Jabatan wajib diisi" },
    },
    ["Saya telah menerima surat ini", "Jabatan wajib diisi", "Unduh DOCX"],
  ),
  "ack-acknowledged": view<AckPageProps>(
    AckPage,
    {
      state: "acknowledged",
      token: "tok123",
      csrfToken: csrf,
      letter: letterSummary,
      ack: { at: T, name: "dr. Susilawati", position: "Kepala Dinas Kesehatan" },
      report: null,
    },
    ["Terima kasih, tanda terima tercatat", "Laporan penerusan kepada pegawai"],
  ),
  "ack-already": view<AckPageProps>(
    AckPage,
    {
      state: "already",
      token: "tok123",
      csrfToken: csrf,
      letter: letterSummary,
      ack: { at: T, name: "dr. Susilawati", position: "Kepala Dinas Kesehatan" },
      report: { at: T, staffInformed: 124, informedOn: "2024-10-03", note: "Apel pagi" },
    },
    ["sudah dikonfirmasi pada 2 Oktober 2024 pukul 09.15 WIB", "Laporan sudah dikirim"],
  ),
  "ack-invalid": view<AckPageProps>(
    AckPage,
    { state: "invalid", flash: [{ kind: "error", message: "Token tidak dikenal." }] },
    ["Tautan tidak berlaku", "Token tidak dikenal."],
  ),
  "ack-withdrawn": view<AckPageProps>(
    AckPage,
    { state: "withdrawn", letter: letterSummary, withdrawnAt: T, reason: "Diganti surat baru" },
    ["Surat ini telah dicabut", "Diganti surat baru"],
  ),
  "verify-authentic": view<VerifyPageProps>(
    VerifyPage,
    {
      found: true,
      csrfToken: csrf,
      result: { match: true, fileName: "surat.docx" },
      record: {
        letterId: "L1",
        nomor: letterSummary.nomor,
        tentang: letterSummary.tentang,
        government: "Pemerintah Kota Bengkulu",
        signerName: "Arif Gunadi",
        signerJabatan: "Penjabat Wali Kota Bengkulu",
        signedAt: T,
        sha256: "9f2c".repeat(16),
        keyId: "edaran-2024-1",
        sentAt: T,
        revoked: null,
      },
    },
    ["AUTENTIK", "BERLAKU", "edaran-2024-1"],
  ),
  "verify-mismatch-revoked": view<VerifyPageProps>(
    VerifyPage,
    {
      found: true,
      csrfToken: csrf,
      result: { match: false, fileName: "surat-edit.docx", uploadedSha256: "ab".repeat(32) },
      record: {
        letterId: "L1",
        nomor: letterSummary.nomor,
        tentang: letterSummary.tentang,
        government: "Pemerintah Kota Bengkulu",
        signerName: "Arif Gunadi",
        signerJabatan: "Penjabat Wali Kota Bengkulu",
        signedAt: T,
        sha256: "9f2c".repeat(16),
        keyId: "edaran-2024-1",
        sentAt: T,
        revoked: { at: T, reason: "Salah sasaran" },
      },
    },
    ["TIDAK COCOK / telah diubah", "DICABUT", "Salah sasaran"],
  ),
  "verify-not-found": view<VerifyPageProps>(VerifyPage, { found: false, letterId: "XYZ", csrfToken: csrf }, [
    "TIDAK DITEMUKAN",
    "Periksa keaslian",
  ]),
  "compliance-letter": view<ComplianceLetterPageProps>(
    ComplianceLetterPage,
    {
      user: inspektorat,
      csrfToken: csrf,
      rows: matrixRows,
      filters: { status: "all" },
      letter: {
        id: "L1",
        nomor: letterSummary.nomor,
        tentang: letterSummary.tentang,
        status: "sent",
        sentAt: T,
        ackDeadline: "2024-10-09",
      },
    },
    ["Dikonfirmasi pada", "Unduh seluruh matriks (XLSX)", "33,3%", "Ditolak (bounce)", "Terlambat"],
  ),
  "opd-history": view<OpdHistoryPageProps>(
    OpdHistoryPage,
    {
      user: inspektorat,
      csrfToken: csrf,
      opds: [{ id: "DINKES", name: "Dinas Kesehatan" }],
      filters: {},
      opd: { id: "DINKES", name: "Dinas Kesehatan", headName: "dr. Susilawati", email: "dinkes@bengkulukota.go.id" },
      rows: [
        {
          letterId: "L1",
          nomor: letterSummary.nomor,
          tentang: letterSummary.tentang,
          sentAt: T,
          acknowledgedAt: T,
          reportedAt: null,
          overdue: false,
          hoursToAck: 27,
        },
      ],
      averageHoursToAck: 27,
      violationCount: 1,
    },
    ["Rata-rata waktu konfirmasi", "1 hari 3 jam"],
  ),
  "audit-log-intact": view<AuditLogPageProps>(
    AuditLogPage,
    {
      user: inspektorat,
      csrfToken: csrf,
      nextCursor: "WzFd",
      paged: false,
      check: { intact: true, rows: 2, checkedAt: T },
      rows: [
        {
          seq: 1,
          at: T,
          actor: "Rina Marlina",
          action: "drafted",
          letterId: "L1",
          subject: "Netralitas ASN",
          hash: "a1".repeat(32),
        },
        {
          seq: 2,
          at: T,
          actor: "sistem",
          action: "login.failed",
          letterId: null,
          subject: "rina",
          detail: "IP 10.0.0.5",
          hash: "b2".repeat(32),
        },
      ],
    },
    ["Rantai UTUH", "Periksa ulang seluruh rantai", "login.failed", "Berikutnya"],
  ),
  "audit-log-broken": view<AuditLogPageProps>(
    AuditLogPage,
    {
      user: inspektorat,
      csrfToken: csrf,
      nextCursor: null,
      paged: true,
      check: { intact: false, firstBadSeq: 17, reason: "Hash baris tidak cocok dengan isinya", checkedAt: T },
      rows: [],
    },
    ["Rantai RUSAK mulai baris #17", "Log audit masih kosong.", "Halaman pertama"],
  ),
  violations: view<ViolationsPageProps>(
    ViolationsPage,
    {
      user: inspektorat,
      csrfToken: csrf,
      violations: [violation],
      opds: [{ id: "BKPSDM", name: "BKPSDM" }],
      letters: [{ id: "L1", label: letterSummary.nomor }],
      clauses: [{ value: "Sanksi butir 1 (PP 94/2021)", label: "Sanksi butir 1 (PP 94/2021)" }],
      errors: { employeeName: "Nama pegawai wajib diisi" },
    },
    ["Register pelanggaran", "Joko Susanto", "Diperiksa", "Perbarui penanganan", "Nama pegawai wajib diisi"],
  ),
  "compliance-report": view<ComplianceReportPageProps>(
    ComplianceReportPage,
    {
      government: "Pemerintah Kota Bengkulu",
      rows: matrixRows,
      violations: [violation],
      generatedAt: T,
      generatedBy: "Dedi Irawan",
      chain: { intact: true, checkedAt: T, seq: 42 },
      letter: {
        id: "L1",
        nomor: letterSummary.nomor,
        tentang: letterSummary.tentang,
        signerJabatan: "Penjabat Wali Kota Bengkulu",
        signedAt: T,
        sentAt: T,
        ackDeadline: "2024-10-09",
        notSent: [{ opdId: "DISPORA", name: "Dinas Pemuda dan Olahraga", reason: "no_email" }],
      },
    },
    [
      "Laporan kepatuhan surat edaran",
      "Pelanggaran tercatat",
      "utuh sampai baris #42",
      "Periksa ulang seluruh rantai",
      "Tidak dikirim ke 1 perangkat daerah:",
      "Dinas Pemuda dan Olahraga: belum ada alamat email",
    ],
  ),
};

// Values that select a branch or must be a known enum keep their value; every other string turns hostile.
const KEEP = new Set([
  "status",
  "role",
  "state",
  "kind",
  "mode",
  "action",
  "deliveryProblem",
  "found",
  "match",
  "fromStatus",
  "toStatus",
]);
const HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'];

function hostile<T>(value: T, key = "", n = { i: 0 }): T {
  if (typeof value === "string") return (KEEP.has(key) ? value : HOSTILE[n.i++ % 2]) as T;
  if (Array.isArray(value)) return value.map((v) => hostile(v, key === "form" ? "" : key, n)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, k, n)])) as T;
  }
  return value;
}

let server: ServerType;
let base = "";
let browser: Browser;

beforeAll(async () => {
  const app = new Hono();
  app.get("/assets/app.css", (c) => c.body(APP_CSS, 200, { "content-type": "text/css; charset=utf-8" }));
  app.get("/:mode/:name", (c) => {
    const v = views[c.req.param("name")];
    if (!v) return c.notFound();
    return c.html(v.html(c.req.param("mode") === "hostile" ? <T,>(p: T) => hostile(p) : <T,>(p: T) => p));
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(
  name: string,
  mode: "view" | "hostile",
  size: { width: number; height: number },
): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: size });
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const res = await page.goto(`${base}/${mode}/${name}`, { waitUntil: "load" });
  expect(res?.status()).toBe(200);
  return { page, dialogs };
}

describe("page views in Chromium", () => {
  for (const [name, v] of Object.entries(views)) {
    it(`${name}-shows-its-text-and-fits-a-phone`, async () => {
      const { page } = await open(name, "view", PHONE);
      const text = await page.locator("body").innerText();
      for (const t of v.expectText) expect(text, `${name}: ${t}`).toContain(t);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(clientWidth);
      await screenshot(page, `${name}-phone`);
      await page.setViewportSize(DESKTOP);
      await screenshot(page, `${name}-desktop`);
      await page.close();
    });
  }

  it("draft-form-preview-runs-no-script-from-the-letter", async () => {
    const { page, dialogs } = await open("draft-form", "hostile", PHONE);
    expect(await page.locator("iframe.preview").getAttribute("sandbox")).toBe("");
    expect(dialogs).toEqual([]);
    await page.close();
  });

  for (const name of Object.keys(views)) {
    it(`${name}-shows-hostile-text-literally-and-runs-no-script`, async () => {
      const { page, dialogs } = await open(name, "hostile", PHONE);
      const text = await page.locator("body").innerText();
      const title = await page.title();
      expect(text + title).toMatch(/<script>alert\(1\)<\/script>|"><img src=x onerror=alert\(1\)>/);
      expect(await page.locator("img[src=x]").count()).toBe(0);
      expect(await page.locator("body script").count()).toBe(0);
      expect(dialogs).toEqual([]);
      if (name === "letter-detail-signed" || name === "draft-form") await screenshot(page, `${name}-hostile`);
      await page.close();
    });
  }
});
