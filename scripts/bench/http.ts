// Bench: requests/s and p95 latency of the API on Node, against a bare Hono app doing the same SQLite work.
// The real app is startNodeRuntime on a temp DATA_DIR (real SQLite file, seeded OPDs, auth, validation,
// audit chain); the bare app runs the same Kysely queries on the same file with no auth, validation or audit.
// Routes: a read (GET /api/letters?limit=20 with 60 letters present) and two writes (PATCH /api/opd/:id and
// POST /api/letters with the sample). Each is a bounded number of requests at a fixed concurrency, after a
// warm-up; in-process through app.request, and the read once more over a real socket (@hono/node-server on
// 127.0.0.1, port 0, with fetch) to show what HTTP itself adds.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { letterSummary, letterView } from "../../src/drafting/letter-view.js";
import { startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { SAMPLE_SIGNER_CAPACITY_ID } from "../../src/signer/seed-signer.js";
import { createDraftQueries, getLetter, listLetters } from "../../src/store/letters-repo.js";
import { getOpd, listOpds } from "../../src/store/opd-repo.js";
import type { Store } from "../../src/store/store.js";
import { type BenchContext, sized } from "./context.js";

const CONCURRENCY = 16;
const SEED_PASSWORD = "bench-rahasia-123";

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
}

export interface HttpBenchRow {
  route: string;
  transport: "in-process" | "http";
  app: LoadResult;
  bare: LoadResult;
  /** app requests/s divided by bare requests/s (1 = no overhead). */
  ratio: number;
}

type Send = (path: string, init?: RequestInit) => Promise<Response>;

/** n requests, `concurrency` in flight at a time; every answer must have `status`. */
async function load(
  n: number,
  concurrency: number,
  status: number,
  request: (i: number) => Promise<Response>,
): Promise<LoadResult> {
  const samples: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        if (res.status !== status) throw new Error(`bench request ${i}: expected ${status}, got ${res.status}`);
        samples.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - t0;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { requests: n, perSecond: (n / elapsed) * 1000, p50Ms: at(0.5), p95Ms: at(0.95) };
}

/** The same SQLite work as the real routes: the same repo functions, nothing around them. */
function bareApp(store: Store, authorId: string, issuer: EdaranInput["issuer"]): Hono {
  const app = new Hono();
  app.get("/api/letters", async (c) => {
    const page = await listLetters(store, { limit: Number(c.req.query("limit") ?? 20), offset: 0 });
    return c.json({ ...page, items: page.items.map(letterSummary) });
  });
  app.patch("/api/opd/:id", async (c) => {
    const body = (await c.req.json()) as { head_name: string };
    const id = c.req.param("id");
    await store.db
      .updateTable("opd")
      .set({ head_name: body.head_name, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    return c.json(await getOpd(store, id));
  });
  app.post("/api/letters", async (c) => {
    // The app's body names its signer; drafting fills the issuer from his account, which the bare baseline has
    // not, so it is given the sample's issuer as drafting would have filled it.
    const input = { ...((await c.req.json()) as EdaranInput), issuer };
    const id = globalThis.crypto.randomUUID();
    await store.atomic(
      createDraftQueries(
        store,
        { id, registerId: input.nomor.unit, tentang: input.tentang, input, createdBy: authorId },
        new Date().toISOString(),
      ),
    );
    const row = await getLetter(store, id);
    return c.json(row ? letterView(row) : null, 201);
  });
  return app;
}

async function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ base: string; server: ServerType }> {
  let server!: ServerType;
  await new Promise<void>((resolve) => {
    server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

export async function benchHttp(ctx: BenchContext = { log: console.log, size: "full" }): Promise<HttpBenchRow[]> {
  const { log } = ctx;
  const lettersPresent = sized(ctx, 60, 3);
  const warmUp = sized(ctx, 50, 2);
  const dir = mkdtempSync(join(tmpdir(), "edaran-bench-http-"));
  const rt = await startNodeRuntime(
    loadNodeConfig({ DATA_DIR: dir, SEED_PASSWORD, PASSWORD_ITERATIONS: "1000", PUBLIC_URL: "http://127.0.0.1" }),
    { background: false, log: () => {} },
  );
  const servers: ServerType[] = [];
  try {
    // The sample as the app takes it: the kop comes from the Pemda profile, so without its government block, and
    // its signer named by the seeded sample signer's capacity instead of the CLI's free-text issuer.
    const {
      government: _kop,
      issuer,
      ...sample
    } = JSON.parse(
      readFileSync(new URL("../../data/samples/netralitas-pilkada-2024.json", import.meta.url), "utf8"),
    ) as Record<string, unknown>;
    const sampleText = JSON.stringify({ ...sample, signer: { capacityId: SAMPLE_SIGNER_CAPACITY_ID } });
    const login = await rt.app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "sekretariat", password: SEED_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`bench login: ${login.status}`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const json = { "content-type": "application/json" };
    const authed = { cookie };

    const inProcess: Send = (path, init) => Promise.resolve(rt.app.request(path, init));
    for (let i = 0; i < lettersPresent; i++) {
      const res = await inProcess("/api/letters", {
        method: "POST",
        headers: { ...json, ...authed },
        body: sampleText,
      });
      if (res.status !== 201) throw new Error(`bench seed letter: ${res.status}`);
    }
    const author = await rt.store.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "sekretariat")
      .executeTakeFirstOrThrow();
    // cast: the sample file's issuer, the same the drafting service fills from the seeded sample signer.
    const bare = bareApp(rt.store, author.id, issuer as EdaranInput["issuer"]);
    const bareInProcess: Send = (path, init) => Promise.resolve(bare.request(path, init));
    const opdIds = (await listOpds(rt.store)).map((o) => o.id);

    interface Case {
      route: string;
      n: number;
      status: number;
      request: (send: Send, i: number, headers: Record<string, string>) => Promise<Response>;
    }
    const cases: Case[] = [
      {
        route: "GET /api/letters?limit=20",
        n: sized(ctx, 2000, 10),
        status: 200,
        request: (send, _i, h) => send("/api/letters?limit=20", { headers: h }),
      },
      {
        route: "PATCH /api/opd/:id",
        n: sized(ctx, 1000, 10),
        status: 200,
        request: (send, i, h) =>
          send(`/api/opd/${opdIds[i % opdIds.length]}`, {
            method: "PATCH",
            headers: { ...json, ...h },
            body: JSON.stringify({ head_name: `Kepala Bench ${i}` }),
          }),
      },
      {
        route: "POST /api/letters (sample)",
        n: sized(ctx, 300, 5),
        status: 201,
        request: (send, _i, h) =>
          send("/api/letters", { method: "POST", headers: { ...json, ...h }, body: sampleText }),
      },
    ];

    const rows: HttpBenchRow[] = [];
    const measure = async (c: Case, transport: HttpBenchRow["transport"], appSend: Send, bareSend: Send) => {
      // Warm-up: JIT, statement caches, the audit chain's tail.
      await load(warmUp, CONCURRENCY, c.status, (i) => c.request(appSend, i, authed));
      await load(warmUp, CONCURRENCY, c.status, (i) => c.request(bareSend, i, {}));
      const appR = await load(c.n, CONCURRENCY, c.status, (i) => c.request(appSend, i, authed));
      const bareR = await load(c.n, CONCURRENCY, c.status, (i) => c.request(bareSend, i, {}));
      const row: HttpBenchRow = {
        route: c.route,
        transport,
        app: appR,
        bare: bareR,
        ratio: appR.perSecond / bareR.perSecond,
      };
      rows.push(row);
      log(
        `${c.route} [${transport}, ${c.n} req, ${CONCURRENCY} concurrent]: ` +
          `app ${appR.perSecond.toFixed(0)} req/s p95 ${ms(appR.p95Ms)} | ` +
          `bare Hono ${bareR.perSecond.toFixed(0)} req/s p95 ${ms(bareR.p95Ms)} | ` +
          `app/bare ${(row.ratio * 100).toFixed(0)}%`,
      );
    };

    const [read, ...writes] = cases;
    if (!read) throw new Error("bench: no read case");
    await measure(read, "in-process", inProcess, bareInProcess);

    // The read route once more over a real socket, before the write cases add letters to the table it scans.
    const appHttp = await listen(rt.app.fetch);
    const bareHttp = await listen(bare.fetch);
    servers.push(appHttp.server, bareHttp.server);
    const size = (await (await inProcess("/api/letters?limit=20", { headers: authed })).arrayBuffer()).byteLength;
    log(`(GET /api/letters?limit=20 answers ${(size / 1024).toFixed(0)} KiB: letter summaries, input left out)`);
    await measure(
      { ...read, n: sized(ctx, 500, 5) },
      "http",
      (path, init) => fetch(appHttp.base + path, init),
      (path, init) => fetch(bareHttp.base + path, init),
    );
    for (const c of writes) await measure(c, "in-process", inProcess, bareInProcess);
    return rows;
  } finally {
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section runner's shape (scripts/bench.ts). */
export const run = async (ctx: BenchContext) => {
  await benchHttp(ctx);
};

// `npx tsx scripts/bench/http.ts` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchHttp();
}
