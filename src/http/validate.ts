// Request validation with the domain's zod schemas. Every bad body or query answers 400 with
// the error envelope and one issue per bad field; nothing downstream runs.
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, validationError } from "./errors.js";

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, "invalid_json", "Isi permintaan bukan JSON yang valid");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, "Parameter tidak valid");
  return parsed.data;
}
