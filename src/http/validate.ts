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

/** The parsed JSON body (any shape): 415 for another Content-Type (see above), 400 when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  requireJsonType(c);
  try {
    return await c.req.json();
  } catch {
    throw new AppError("invalid_json", "Isi permintaan bukan JSON yang valid");
  }
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
