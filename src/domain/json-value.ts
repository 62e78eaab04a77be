// Narrowing of parsed JSON (audit data, stored blobs, generated schemas) without casts.

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
