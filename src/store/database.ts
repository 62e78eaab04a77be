// The Kysely view of the schema in ./migrations. Kept by hand next to the SQL:
// test/store/schema.test.ts checks that every table and column here exists in the migrated database.

import type { Generated } from "kysely";
import type { AuditCheckKind, AuditCheckStatus } from "../domain/audit-check.js";
import type { EdaranInput } from "../domain/edaran-input.js";
import type { EncryptedSignerKey } from "../domain/encrypted-signer-key.js";
import type { NotSentOpd } from "../domain/not-sent.js";
import type { OpdKind } from "../domain/opd-kind.js";
import type { PemdaProfile } from "../domain/pemda-profile.js";
import type { DeliveryStatus } from "../domain/recipient-status.js";
import type { EscalationReason } from "../domain/reminder-policy.js";
import type { Role } from "../domain/roles.js";
import type { IssuerPrefix, SignerSnapshot } from "../domain/signer-account.js";
import type { StoredReport } from "../domain/stored-report.js";
import type { EmployeeStatus, ViolationSource, ViolationStatus } from "../domain/violation.js";
import type { LetterStatus, WorkflowActionName } from "../domain/workflow.js";
import type { JsonText } from "./json-text.js";

/** letter_events.action: a workflow step, or a note that changes nothing (recordEvent). */
export type LetterEventAction = WorkflowActionName | "comment";

/** documents.kind: the signed DOCX, and beside it the PAdES-signed PDF of the same letter (#12). */
export type DocumentKind = "signed" | "signed_pdf";

export interface OpdTable {
  id: string;
  name: string;
  kind: OpdKind;
  head_title: string;
  head_name: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  opd_id: string | null;
  jabatan: string | null;
  nip: string | null;
  /** '' (0180): an invited account, no password yet; it is set from a setup or activation link. */
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** 0050: 1 while the user must replace a password an admin set (new account or reset). */
  must_change_password: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RegistersTable {
  id: string;
  name: string;
  pattern: Generated<string>;
  created_at: string;
}

export interface RegisterCountersTable {
  register_id: string;
  year: number;
  last_seq: number;
}

export interface RegisterEntriesTable {
  register_id: string;
  year: number;
  seq: number;
  nomor: string;
  letter_id: string;
  issued_at: string;
}

export interface LettersTable {
  id: string;
  status: LetterStatus;
  register_id: string;
  tentang: string;
  input_json: JsonText<EdaranInput>;
  revision: number;
  reviewers_json: Generated<JsonText<string[]>>;
  review_step: Generated<number>;
  nomor: string | null;
  nomor_seq: number | null;
  nomor_year: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
  signed_at: string | null;
  sent_at: string | null;
  closed_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  ack_deadline: string | null;
  /** 0080: the Pemda profile version the letter is laid out with (null only before the first start's seed). */
  profile_version: number | null;
  /** 0100: the issuer filled from the signer's account at signing (null before signing, and for letters signed before 0100). */
  signer_json: JsonText<SignerSnapshot> | null;
  /** 0210: the OPDs the send left out, and why; null for letters sent before 0210 and letters not sent. */
  not_sent_json: JsonText<NotSentOpd[]> | null;
}

export interface LetterRevisionsTable {
  letter_id: string;
  revision: number;
  input_json: JsonText<EdaranInput>;
  created_by: string;
  created_at: string;
}

export interface LetterEventsTable {
  id: string;
  letter_id: string;
  revision: number;
  action: LetterEventAction;
  from_status: LetterStatus;
  to_status: LetterStatus;
  actor_id: string;
  comment: string | null;
  created_at: string;
}

export interface DocumentsTable {
  id: string;
  letter_id: string;
  kind: DocumentKind;
  sha256: string;
  size: number;
  storage_key: string;
  key_id: string | null;
  signature: string | null;
  signed_at: string | null;
  created_at: string;
}

export interface SigningKeysTable {
  id: string;
  algorithm: string;
  public_key_jwk: string;
  created_at: string;
  retired_at: string | null;
  revoked_at: string | null;
}

export interface RecipientsTable {
  id: string;
  letter_id: string;
  opd_id: string;
  email: string;
  head_name: string | null;
  status: DeliveryStatus;
  ack_token_hash: string;
  provider_message_id: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  bounced_at: string | null;
  complained_at: string | null;
  acknowledged_at: string | null;
  ack_name: string | null;
  ack_position: string | null;
  ack_ip: string | null;
  ack_user_agent: string | null;
  reported_at: string | null;
  report_json: JsonText<StoredReport> | null;
  last_reminded_at: string | null;
  reminder_count: Generated<number>;
  overdue_at: string | null;
  created_at: string;
  /** 0140: when the reminder round stopped reminding (cap reached or too late); set once. */
  escalated_at: string | null;
  escalation_reason: EscalationReason | null;
}

export interface OutboxTable {
  id: string;
  recipient_id: string;
  kind: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  provider_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** 0030: attempts answered 429; they do not count against the failure budget. */
  rate_limited: Generated<number>;
  /** 0060: the sender instance holding the claim while 'sending' (null for claims older than 0060). */
  claimed_by: string | null;
  /** 0200: the idempotency key of the provider batch the row was last handed over in; null when sent alone. */
  batch_key: string | null;
}

export interface EmailEventsTable {
  id: string;
  recipient_id: string | null;
  type: string;
  occurred_at: string;
  payload_json: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  letter_id: string | null;
  subject: string | null;
  data_json: Generated<string>;
  prev_hash: string;
  hash: string;
}

/** One row (id = 1): the audit chain head, see migrations/0010_audit_anchor.sql. */
export interface AuditAnchorTable {
  id: number;
  seq: number;
  hash: string;
  at: string;
}

/** One row (id = 1): the highest audit seq ever written, see migrations/0060_audit_seq.sql. */
export interface AuditSeqTable {
  id: number;
  last: number;
}

/** An audit chain check or full re-check job, see migrations/0130_audit_checks.sql. */
export interface AuditChecksTable {
  id: string;
  kind: AuditCheckKind;
  status: AuditCheckStatus;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  rows_read: Generated<number>;
  rows_total: number | null;
  position_seq: Generated<number>;
  position_hash: string;
  kept_seq: number | null;
  kept_hash: string | null;
  first_bad_seq: number | null;
  reason: string | null;
}

export interface ViolationsTable {
  id: string;
  letter_id: string | null;
  opd_id: string;
  employee_name: string;
  employee_nip: string | null;
  employee_status: EmployeeStatus;
  act: string;
  evidence: string | null;
  source: ViolationSource | null;
  clause_ref: string | null;
  sanction: string | null;
  status: ViolationStatus;
  recorded_by: string;
  created_at: string;
  updated_at: string;
  /** 0230: why the case was decided as it was (required for tidak terbukti). */
  decision_note: string | null;
  /** 0230: when it reached dijatuhi sanksi or tidak terbukti. */
  decided_at: string | null;
}

/** 0090: one entry of the legal-basis catalogue (see domain/legal-bases.ts). */
export interface LegalBasesTable {
  id: string;
  jenis: string;
  nomor: string;
  tahun: number;
  singkat: string;
  judul: string;
  /** NULL for the entries seeded from data/legal-bases.json. */
  created_by: string | null;
  created_at: string;
  /** 1 listed for new letters, 0 deactivated (kept: letters keep their own snapshot anyway). */
  active: Generated<number>;
}

/** 0080: one row per edit of the Pemda profile; the highest version is the current one. */
export interface PemdaProfileVersionsTable {
  version: number;
  profile_json: JsonText<PemdaProfile>;
  created_at: string;
  created_by: string;
}

/** 0110: a certificate of the local CA itself (one per CA key). */
export interface LocalCaCertificatesTable {
  id: string;
  certificate_der: string;
  created_at: string;
}

/** 0110: a penandatangan's certificate from the local CA, with his key encrypted under his signing passphrase. */
export interface SignerCertificatesTable {
  id: string;
  user_id: string;
  ca_id: string;
  certificate_der: string;
  encrypted_key: JsonText<EncryptedSignerKey>;
  subject_name: string;
  jabatan: string;
  nip: string | null;
  not_before: string;
  not_after: string;
  created_at: string;
  superseded_at: string | null;
  revoked_at: string | null;
}

/** 0100: a penandatangan's identity (one row per signer account) and his signing passphrase hash. */
export interface SignerProfilesTable {
  user_id: string;
  name: string;
  jabatan: string;
  nip: string | null;
  pangkat: string | null;
  nik: string | null;
  passphrase_hash: string | null;
  passphrase_set_at: string | null;
  created_at: string;
  updated_at: string;
}

/** 0100: a capacity a signer signs in: his own jabatan (prefix null) or a delegation with its period. */
export interface SignerCapacitiesTable {
  id: string;
  user_id: string;
  prefix: IssuerPrefix | null;
  principal: string | null;
  jabatan: string;
  valid_from: string | null;
  valid_until: string | null;
  created_by: string;
  created_at: string;
}

/** 0160: one row per reviewer of a letter, kept beside reviewers_json (which holds their order). */
export interface LetterReviewersTable {
  letter_id: string;
  user_id: string;
}

/** A fingerprint of one-time work a runtime did for this database (migration 0190). */
export interface RuntimeMarksTable {
  name: string;
  value: string;
  at: string;
}

/** 0220: an OPD's history totals per WIB month of sending, kept by triggers on recipients and letters. */
export interface OpdMonthTotalsTable {
  opd_id: string;
  /** "YYYY-MM" in WIB; "" for rows not sent yet. */
  month: string;
  received: number;
  acknowledged: number;
  acknowledged_late: number;
  ack_ms_sum: number;
  ack_ms_count: number;
  /** Not acknowledged and flagged overdue by the reminder job. */
  open_flagged: number;
  /** Not acknowledged, not flagged, with a deadline (overdue once it has ended). */
  open_deadlined: number;
}

export interface Database {
  opd: OpdTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  registers: RegistersTable;
  register_counters: RegisterCountersTable;
  register_entries: RegisterEntriesTable;
  letters: LettersTable;
  letter_revisions: LetterRevisionsTable;
  letter_events: LetterEventsTable;
  documents: DocumentsTable;
  signing_keys: SigningKeysTable;
  recipients: RecipientsTable;
  outbox: OutboxTable;
  email_events: EmailEventsTable;
  audit_log: AuditLogTable;
  audit_anchor: AuditAnchorTable;
  audit_seq: AuditSeqTable;
  audit_checks: AuditChecksTable;
  violations: ViolationsTable;
  legal_bases: LegalBasesTable;
  pemda_profile_versions: PemdaProfileVersionsTable;
  local_ca_certificates: LocalCaCertificatesTable;
  signer_certificates: SignerCertificatesTable;
  signer_profiles: SignerProfilesTable;
  signer_capacities: SignerCapacitiesTable;
  letter_reviewers: LetterReviewersTable;
  runtime_marks: RuntimeMarksTable;
  one_time_links: OneTimeLinksTable;
  opd_month_totals: OpdMonthTotalsTable;
}

export type OneTimeLinkPurpose = "setup" | "activation";

/** 0180: setup and activation links; only the SHA-256 of the token is stored. */
export interface OneTimeLinksTable {
  token_hash: string;
  purpose: OneTimeLinkPurpose;
  user_id: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
}
