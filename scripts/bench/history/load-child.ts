// The load client, in its own process so its work is not the server's: fetch over keep-alive sockets (undici's
// pool), `concurrency` requests in flight, each request of the job's list once in order. Any answer outside
// 2xx is a failure: the bench reports it and stops, so a path that breaks fails `npm test` too.
export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadJob {
  base: string;
  concurrency: number;
  warmUp: LoadRequest[];
  requests: LoadRequest[];
  /** No request starts after this long: a slow path gets fewer requests, not a longer bench. */
  budgetMs: number;
}

export interface LoadReport {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Mean answer size in bytes. */
  bytes: number;
  failures: string[];
}

async function drive(job: LoadJob, list: LoadRequest[], samples: number[], failures: string[]): Promise<number> {
  let next = 0;
  const until = performance.now() + job.budgetMs;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: Math.min(job.concurrency, list.length) }, async () => {
      while (next < list.length && failures.length === 0 && performance.now() < until) {
        // cast: next < list.length was checked above.
        const r = list[next++] as LoadRequest;
        const t = performance.now();
        const res = await fetch(job.base + r.path, {
          method: r.method,
          redirect: "manual",
          ...(r.headers ? { headers: r.headers } : {}),
          ...(r.body ? { body: r.body } : {}),
        });
        const body = await res.arrayBuffer();
        samples.push(performance.now() - t);
        bytes += body.byteLength;
        if (res.status < 200 || res.status > 299) {
          failures.push(`${r.method} ${r.path}: ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
        }
      }
    }),
  );
  return bytes;
}

process.on("message", async (job: LoadJob) => {
  const failures: string[] = [];
  await drive(job, job.warmUp, [], failures);
  const samples: number[] = [];
  const t0 = performance.now();
  const bytes = failures.length ? 0 : await drive(job, job.requests, samples, failures);
  const elapsed = performance.now() - t0;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  const report: LoadReport = {
    requests: samples.length,
    perSecond: (samples.length / elapsed) * 1000,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    bytes: samples.length ? bytes / samples.length : 0,
    failures,
  };
  process.send?.(report);
});
