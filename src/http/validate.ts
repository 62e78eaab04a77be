// Request validation with the domain's zod schemas. Every bad body or query answers 400 with
// the error envelope and one issue per bad field; nothing downstream runs.
import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../domain/app-error.js";
import { validationError } from "./errors.js";

/**
 * Only a JSON body that says it is JSON, unless the request carries an Authorization header: a sibling site
 * can make the browser post text/plain (a "simple" request, no CORS preflight) with the user's session
 * cookie or to /api/auth/login, but cannot send application/json or an Authorization header without one.
 */
function requireJsonType(c: Context): void {
  if (c.req.header("Authorization") !== undefined) return;
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("unsupported_media_type", "Isi permintaan harus berjenis application/json");
  }
}

/**
 * How deep arrays and objects may nest in a body. The deepest real one is a letter's input (the third level of
 * isi points sits 8 deep); a body nested 1,000 arrays deep is refused before any schema walks (or coerces) it.
 */
export const MAX_JSON_DEPTH = 16;

/** The top-level field under which `value` nests deeper than MAX_JSON_DEPTH ("(root)" for the body itself). */
export function tooDeepField(value: unknown): string | null {
  const stack: { v: unknown; depth: number; field: string }[] = [{ v: value, depth: 0, field: "(root)" }];
  while (stack.length) {
    const { v, depth, field } = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth + 1 > MAX_JSON_DEPTH) return field;
    for (const [key, child] of Object.entries(v))
      stack.push({ v: child, depth: depth + 1, field: depth === 0 ? key : field });
  }
  return null;
}

/** The parsed JSON body (any shape, not too deep): 415 for another Content-Type (see above), 400 when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  requireJsonType(c);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError("invalid_json", "Isi permintaan bukan JSON yang valid");
  }
  const deep = tooDeepField(body);
  if (deep !== null) {
    const message = `Isian bersarang terlalu dalam (paling dalam ${MAX_JSON_DEPTH} tingkat)`;
    throw new AppError("validation_failed", "Data tidak valid", [{ path: deep, message }]);
  }
  return body;
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, "Parameter tidak valid");
  return parsed.data;
}
