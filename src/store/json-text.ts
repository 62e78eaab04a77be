// JSON columns. SQLite and D1 store them as TEXT and both drivers hand back the text (there is no JSON
// type on the wire and no ParseJSONResultsPlugin for D1), so a column holds `JsonText<T>`: a string branded
// with what was encoded into it. encodeJson is the only way to make one; decodeJson the only way back, and
// it checks the text against a zod schema, so a corrupt row is a clear stored_input_invalid, not a cast.
import type { z } from "zod";
import { AppError } from "../domain/app-error.js";

declare const jsonOf: unique symbol;

/** JSON text of a `T`, as stored in a TEXT column. */
export type JsonText<T> = string & { readonly [jsonOf]: T };

export function encodeJson<T>(value: T): JsonText<T> {
  // cast: the brand only records what JSON.stringify was given; decodeJson checks it on the way back.
  return JSON.stringify(value) as JsonText<T>;
}

/**
 * Parses and checks a stored JSON column; stored_input_invalid (500) when the row does not hold what `schema`
 * reads. The schema may read less than the column holds (a view of a few fields): `T` must extend its output.
 */
export function decodeJson<S extends z.ZodType, T extends z.output<S>>(
  schema: S,
  text: JsonText<T>,
  what = "surat",
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("stored_input_invalid", `Data ${what} tersimpan bukan JSON yang valid`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("stored_input_invalid", `Data ${what} tersimpan tidak valid`);
  return parsed.data;
}
