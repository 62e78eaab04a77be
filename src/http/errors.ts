// The one error shape of the API: { error: { code, message, issues? } }. Services and routes throw AppError
// (src/domain/app-error.ts, a closed set of codes); app.onError turns anything into that envelope, and never
// sends a stack trace.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import id from "zod/v4/locales/id.js";
import { AppError, type ErrorCode } from "../domain/app-error.js";
import { toValidationIssues, type ValidationIssue } from "../domain/validation-issues.js";
import { asStorageError } from "../store/storage-errors.js";

// zod's own messages (a limit out of range, a wrong type, an unknown key) reach the user in the error
// envelope, so they speak Bahasa Indonesia like the schemas' custom messages. Every route loads this module.
// The one locale imported by its own path: `z.locales.id()` would bundle all of zod's 60 locales (260 KB).
z.config(id());

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ValidationIssue[] };
}

export function validationError(error: z.ZodError, message = "Data tidak valid"): AppError {
  return new AppError("validation_failed", message, toValidationIssues(error));
}

/** The envelope of one code, for answers that are not thrown (404 fallback, rate limit, body limit). */
export function errorJson(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Hono's own HTTPException (none of our code throws one) keeps its status under the nearest closed code. */
function httpExceptionCode(status: number): ErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 413) return "payload_too_large";
  return status < 500 ? "bad_request" : "internal";
}

/** Seconds a client should wait before trying again, for the codes that mean "not now, nothing was done". */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = { database_busy: 1, storage_full: 60 };

export function errorBody(thrown: unknown): {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers?: Record<string, string>;
} {
  // A full disk under the documents folder (or a store fault that escaped its store) is a 503 too.
  const err = asStorageError(thrown);
  if (err instanceof AppError) {
    const retryAfter = RETRY_AFTER_SECONDS[err.code];
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } },
      ...(retryAfter ? { headers: { "Retry-After": String(retryAfter) } } : {}),
    };
  }
  if (err instanceof HTTPException) {
    return {
      status: err.status,
      body: { error: { code: httpExceptionCode(err.status), message: err.message || "Permintaan tidak valid" } },
    };
  }
  return { status: 500, body: { error: { code: "internal", message: "Terjadi kesalahan pada server" } } };
}
