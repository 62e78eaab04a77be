// Keyset paging: a list answers one page and an opaque cursor, the sort key and id of its last row; the next
// page starts strictly after it. Unlike an offset, a page costs the same however deep it is, and rows written
// between two requests neither repeat nor vanish from what follows.
import { z } from "zod";
import { AppError } from "./app-error.js";
import { base64UrlToBytes, bytesToBase64Url } from "./encoding.js";

/** The last row of a page: its sort key (text, or a number) and its id. */
export interface PageCursor<K extends string | number = string | number> {
  key: K;
  id: string;
}

/** Rows per page when a request names none, and the most it may ask for. */
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function encodeCursor(c: PageCursor): string {
  return bytesToBase64Url(encoder.encode(JSON.stringify([c.key, c.id])));
}

const textCursor = z.tuple([z.string().max(200), z.string().min(1).max(200)]);
const numberCursor = z.tuple([z.number().int(), z.string().max(200)]);

/** The cursor in `text`; a text that is not one of ours is a validation_failed naming `after`. */
export function decodeCursor(text: string, key: "text"): PageCursor<string>;
export function decodeCursor(text: string, key: "number"): PageCursor<number>;
export function decodeCursor(text: string, key: "text" | "number"): PageCursor {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(base64UrlToBytes(text)));
  } catch {
    value = undefined;
  }
  const parsed = (key === "text" ? textCursor : numberCursor).safeParse(value);
  if (!parsed.success) {
    throw new AppError("validation_failed", "Data tidak valid", [
      { path: "after", message: "Penanda halaman (after) tidak dikenali; mulai lagi dari halaman pertama" },
    ]);
  }
  return { key: parsed.data[0], id: parsed.data[1] };
}

/** The cursor after `rows` when there is more (the caller read one row past the page to know). */
export function nextCursorOf<T>(rows: readonly T[], limit: number, cursorOf: (row: T) => PageCursor): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1];
  return last === undefined ? null : encodeCursor(cursorOf(last));
}
