// Small timing helpers shared by bench sections.
export interface Timing {
  medianMs: number;
  p95Ms: number;
  perSecond: number;
}

export function summarize(samplesMs: number[]): Timing {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = samplesMs.reduce((a, b) => a + b, 0);
  return { medianMs: at(0.5), p95Ms: at(0.95), perSecond: samplesMs.length / (total / 1000) };
}

export async function timeEach(n: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Times several contenders in rounds, one call of each per round, so a burst of load on a shared machine hits all
 * of them alike instead of whichever happened to be running; ratios between them stay fair.
 */
export async function timeInterleaved<K extends string>(
  n: number,
  fns: Record<K, () => unknown | Promise<unknown>>,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(fns) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < n; i++) {
    for (const k of keys) {
      const t = performance.now();
      await fns[k]();
      out[k].push(performance.now() - t);
    }
  }
  return out;
}

export const fmt = (t: Timing, unit = "letters") =>
  `median ${t.medianMs.toFixed(2)} ms, p95 ${t.p95Ms.toFixed(2)} ms, ${t.perSecond.toFixed(0)} ${unit}/s`;
