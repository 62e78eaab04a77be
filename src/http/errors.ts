// The one error shape of the API: { error: { code, message, issues? } }.
// Services and routes throw AppError (re-exported here as ApiError); app.onError turns anything into
// that envelope, and never sends a stack trace.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { AppError } from "../domain/app-error.js";
import { toValidationIssues, type ValidationIssue } from "../domain/validation-issues.js";

// zod's own messages (a limit out of range, a wrong type, an unknown key) reach the user in the error
// envelope, so they speak Bahasa Indonesia like the schemas' custom messages. Every route loads this module.
z.config(z.locales.id());

export { AppError as ApiError, conflict, forbidden, notFound, unauthorized } from "../domain/app-error.js";
export { issuePath } from "../domain/validation-issues.js";
export type Issue = ValidationIssue;

export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

export function zodIssues(error: z.ZodError): Issue[] {
  return toValidationIssues(error);
}

export function validationError(error: z.ZodError, message = "Data tidak valid"): AppError {
  return new AppError(400, "validation_failed", message, zodIssues(error));
}

export function errorBody(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } },
    };
  }
  if (err instanceof HTTPException) {
    return { status: err.status, body: { error: { code: `http_${err.status}`, message: err.message || "Error" } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "Terjadi kesalahan pada server" } } };
}
