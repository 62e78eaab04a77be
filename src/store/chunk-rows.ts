// D1 binds at most 100 parameters per statement, so a multi-row INSERT is cut into slices whose
// rows * columns stays under that limit. Both stores use it so the SQL they run is the same.
export const maxBoundParameters = 100;

/** Splits rows into slices of at most floor(maxParams / columns) rows (at least one row each). */
export function chunkRows<T extends object>(rows: readonly T[], maxParams: number = maxBoundParameters): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, ...rows.map((r) => Object.keys(r).length));
  const perChunk = Math.max(1, Math.floor(maxParams / columns));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += perChunk) chunks.push(rows.slice(i, i + perChunk));
  return chunks;
}

/**
 * Splits the values of an `IN (…)` list into slices that leave `reserved` parameters for the rest of the
 * statement, so no query binds more than D1's 100.
 */
export function chunkIn<T>(values: readonly T[], reserved = 0, maxParams: number = maxBoundParameters): T[][] {
  const size = Math.max(1, maxParams - reserved);
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}
