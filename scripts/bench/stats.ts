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

export const fmt = (t: Timing) =>
  `median ${t.medianMs.toFixed(2)} ms, p95 ${t.p95Ms.toFixed(2)} ms, ${t.perSecond.toFixed(0)} surat/detik`;
