// The one error shape of the API: { error: { code, message, issues? } }.
// Routes throw ApiError (a Hono HTTPException); app.onError turns anything into that envelope,
// and never sends a stack trace.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

export interface Issue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(status, { message });
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} tidak ditemukan`);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
export const forbidden = (message = "Anda tidak berwenang melakukan tindakan ini") =>
  new ApiError(403, "forbidden", message);
export const unauthorized = (message = "Silakan masuk terlebih dahulu") => new ApiError(401, "unauthorized", message);

/** Dotted path of a zod issue: sections.isi.0.text; the root is '(root)'. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "(root)";
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
}

export function validationError(error: z.ZodError, message = "Data tidak valid"): ApiError {
  return new ApiError(400, "validation_failed", message, zodIssues(error));
}

export function errorBody(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (err instanceof ApiError) {
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
