// The one error type services throw, and the closed set of machine codes the API answers with. Each code has
// one HTTP status, so a caller never picks a status by hand and a client can switch on `code` alone. No Hono
// types here: capabilities throw AppError without importing the HTTP layer.
import type { ValidationIssue } from "./validation-issues.js";

export const ERROR_STATUS = {
  // 400: the request itself is wrong
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  invalid_form: 400,
  invalid_if_match: 400,
  file_required: 400,
  no_recipients: 400,
  unknown_opd: 400,
  wrong_current_password: 400,
  signing_passphrase_wrong: 400,
  signing_passphrase_required: 400,
  comment_required: 400,
  reason_required: 400,
  reviewers_required: 400,
  bsre_credential_wrong: 400,
  // 401: who is asking is unknown
  unauthorized: 401,
  login_failed: 401,
  webhook_missing_headers: 401,
  webhook_stale_timestamp: 401,
  webhook_bad_signature: 401,
  webhook_bad_payload: 401,
  // 403: who is asking may not
  forbidden: 403,
  forbidden_role: 403,
  not_current_reviewer: 403,
  cross_origin: 403,
  session_required: 403,
  csrf_failed: 403,
  password_change_required: 403,
  not_the_signer: 403,
  // 404
  not_found: 404,
  invalid_token: 404,
  // 409: the letter's (or record's) state does not allow it
  transition_not_allowed: 409,
  review_incomplete: 409,
  revision_conflict: 409,
  stale_state: 409,
  not_a_draft: 409,
  register_exists: 409,
  legal_base_exists: 409,
  last_admin: 409,
  letter_not_signed: 409,
  not_acknowledged: 409,
  not_failed: 409,
  not_numbered: 409,
  username_taken: 409,
  missing_email: 409,
  deadline_too_soon: 409,
  password_changed_meanwhile: 409,
  address_unchanged: 409,
  signer_certificate_missing: 409,
  bsre_not_registered: 409,
  bsre_no_certificate: 409,
  signing_passphrase_not_set: 409,
  signer_not_valid: 409,
  signer_nik_missing: 409,
  // 410
  letter_withdrawn: 410,
  // 422: well-formed, but not a Pemda profile or a profile image we can use (every problem named)
  invalid_profile: 422,
  invalid_image: 422,
  // 413, 415, 429
  file_too_large: 413,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // 5xx: ours, never a stack trace
  internal: 500,
  document_missing: 500,
  stored_input_invalid: 500,
  not_ready: 503,
  webhook_not_configured: 503,
  database_busy: 503,
  storage_full: 503,
  signing_not_configured: 503,
  bsre_unavailable: 502,
  bsre_rejected_client: 502,
  bsre_timeout: 504,
  // First start without a shared password (issue #14)
  account_not_activated: 403,
  account_disabled: 409,
  setup_closed: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export class AppError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} tidak ditemukan`);
export const forbidden = (message = "Anda tidak berwenang melakukan tindakan ini") =>
  new AppError("forbidden", message);
export const unauthorized = (message = "Silakan masuk terlebih dahulu") => new AppError("unauthorized", message);
export const invalid = (issues: ValidationIssue[], message = "Data tidak valid") =>
  new AppError("validation_failed", message, issues);
