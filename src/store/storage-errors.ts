// The two database failures a caller can do nothing about but wait: the database is busy (another process
// holds its write lock, D1 is overloaded or restarting; D1 documents those as safe to retry) or its storage
// is full. Both stores turn them into
// AppErrors (503, with Retry-After in the API), so they never surface as a bare 500.
import { AppError } from "../domain/app-error.js";

export type StorageFault = "busy" | "full";

// better-sqlite3 puts SQLite's (extended) result code on `code`; D1 only has the message, under its prefix.
const BUSY_CODE = /^SQLITE_(BUSY|LOCKED)/;
// ENOSPC / EDQUOT: the disk (or the quota) under the documents folder is full.
const FULL_CODE = /^(SQLITE_FULL|ENOSPC|EDQUOT)/;
const BUSY_MESSAGE =
  /database is locked|D1 DB is overloaded|Too many requests queued|storage caused object to be reset|reset because its code was updated/i;
const FULL_MESSAGE = /database or disk is full|SQLITE_FULL|Exceeded maximum DB size/i;

/** Which of the two faults `err` (or an error in its cause chain) is, or null for any other error. */
export function storageFault(err: unknown): StorageFault | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    if (!(e instanceof Error)) return null;
    const code = "code" in e && typeof e.code === "string" ? e.code : "";
    if (BUSY_CODE.test(code) || BUSY_MESSAGE.test(e.message)) return "busy";
    if (FULL_CODE.test(code) || FULL_MESSAGE.test(e.message)) return "full";
    e = e.cause;
  }
  return null;
}

export function databaseBusy(): AppError {
  return new AppError("database_busy", "Basis data sedang sibuk; coba lagi sebentar lagi.");
}

export function storageFull(): AppError {
  return new AppError("storage_full", "Penyimpanan server penuh; hubungi pengelola server, lalu coba lagi.");
}

/** `err` as the AppError of its fault, or `err` itself when it is neither. */
export function asStorageError(err: unknown): unknown {
  const fault = storageFault(err);
  return fault === "busy" ? databaseBusy() : fault === "full" ? storageFull() : err;
}
