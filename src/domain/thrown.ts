// Reading what a `catch` caught, which TypeScript types as unknown, without a cast.

/** The `code` of a Node system error (ENOENT, EEXIST, ...), or undefined for anything else. */
export function errorCode(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

/** The message of an Error, or the thrown value as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
