// Whether a write failed on a UNIQUE constraint of the given columns. SQLite and D1 both say "UNIQUE constraint
// failed: <table>.<column>"; D1 wraps it in its own prefix or as the cause, so the chain is walked a few levels.
export function isUniqueViolation(err: unknown, ...columns: readonly string[]): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    const failed = /UNIQUE constraint failed: ([\w.]+)/.exec(msg)?.[1];
    if (failed !== undefined && columns.includes(failed)) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}
