// The one error type services throw. It carries the HTTP status and the stable machine code the API
// answers with, but no Hono types, so capabilities can throw it without importing the HTTP layer.
import type { ValidationIssue } from "./validation-issues.js";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError(404, "not_found", `${what} tidak ditemukan`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const forbidden = (message = "Anda tidak berwenang melakukan tindakan ini") =>
  new AppError(403, "forbidden", message);
export const unauthorized = (message = "Silakan masuk terlebih dahulu") => new AppError(401, "unauthorized", message);
export const invalid = (issues: ValidationIssue[], message = "Data tidak valid") =>
  new AppError(400, "validation_failed", message, issues);
