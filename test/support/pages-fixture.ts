// The real Node runtime on a temp DATA_DIR, and a tiny browser-like client for the pages: it keeps cookies,
// reads the CSRF token out of the last page, and posts forms the way a browser does.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Clock, fixedClock } from "../../src/domain/clock.js";
import { type NodeRuntime, startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { makeSampleBody } from "./sample-input-fixture.js";
import { SIGNING_PASSPHRASE, seedSigningPassphrase } from "./signer-fixture.js";

export const PASSWORD = "rahasia-uji-123";

export interface PagesFixture {
  runtime: NodeRuntime;
  dataDir: string;
  client(ip?: string): PageClient;
  close(): Promise<void>;
}

export async function makePagesFixture(
  opts: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<PagesFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), "edaran-pages-"));
  const config = loadNodeConfig({
    DATA_DIR: dataDir,
    SEED_PASSWORD: PASSWORD,
    PASSWORD_ITERATIONS: "1000",
    PUBLIC_URL: "http://localhost:8787",
    // The client below stands for a browser behind our reverse proxy: its X-Forwarded-For is the address.
    TRUST_PROXY: "1",
    ...opts.env,
  });
  const runtime = await startNodeRuntime(config, {
    background: false,
    clock: opts.clock ?? fixedClock("2024-10-01T02:00:00.000Z"),
    log: () => {},
    // The request records stay out of the test output.
    logger: { line: () => {} },
  });
  return {
    runtime,
    dataDir,
    client: (ip = "10.0.0.1") => new PageClient(runtime, ip),
    async close() {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface PageResponse {
  status: number;
  html: string;
  headers: Headers;
  location: string | null;
}

export type Fields = Record<string, string | string[]>;

export class PageClient {
  readonly cookies = new Map<string, string>();
  csrf = "";
  constructor(
    private readonly rt: NodeRuntime,
    private readonly ip: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private async send(path: string, init: RequestInit = {}): Promise<PageResponse> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    headers.set("X-Forwarded-For", this.ip);
    const res = await this.rt.app.request(`http://localhost:8787${path}`, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m) this.csrf = m[1]!;
    return { status: res.status, html, headers: res.headers, location: res.headers.get("Location") };
  }

  get(path: string): Promise<PageResponse> {
    return this.send(path);
  }

  /** Follows redirects (GET) like a browser, at most 5. */
  async follow(res: PageResponse): Promise<PageResponse> {
    let r = res;
    for (let i = 0; i < 5 && r.location && r.status >= 300 && r.status < 400; i++) r = await this.get(r.location);
    return r;
  }

  /** Posts urlencoded fields with the current CSRF token (unless `_csrf` is given). */
  post(path: string, fields: Fields = {}): Promise<PageResponse> {
    const body = new URLSearchParams();
    if (!("_csrf" in fields)) body.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.send(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }

  postMultipart(path: string, form: FormData): Promise<PageResponse> {
    if (!form.has("_csrf")) form.append("_csrf", this.csrf);
    return this.send(path, { method: "POST", body: form });
  }

  async login(username: string, password = PASSWORD): Promise<PageResponse> {
    await this.get("/masuk");
    return this.post("/masuk", { username, password });
  }
}

/** The user id of a seeded username. */
export async function userId(rt: NodeRuntime, username: string): Promise<string> {
  const row = await rt.store.db
    .selectFrom("users")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A letter drafted, reviewed, approved, signed and sent to every OPD with an email, through the services. */
export async function sentLetter(
  rt: NodeRuntime,
  input: unknown,
): Promise<{ letterId: string; recipientIds: Map<string, string> }> {
  const { createLetter } = await import("../../src/drafting/create-letter.js");
  const { transitionLetter } = await import("../../src/drafting/transition-letter.js");
  const { signLetter } = await import("../../src/sign/sign-letter.js");
  const { dispatchLetter } = await import("../../src/send/dispatch-letter.js");
  const svc = rt.services;
  const sek = { id: await userId(rt, "sekretariat"), role: "sekretariat" as const };
  const rev = { id: await userId(rt, "kepala-bkpsdm"), role: "kepala_opd" as const };
  const ttd = { id: await userId(rt, "penandatangan"), role: "penandatangan" as const };
  const letter = await createLetter(svc, sek, input);
  await transitionLetter(svc, sek, letter.id, { action: "submit", reviewers: [rev.id] });
  await transitionLetter(svc, rev, letter.id, { action: "paraf" });
  await transitionLetter(svc, ttd, letter.id, { action: "approve" });
  await seedSigningPassphrase(svc, ttd.id);
  await signLetter(svc, ttd, letter.id, SIGNING_PASSPHRASE);
  const opds = await rt.store.db.selectFrom("opd").select("id").where("email", "is not", null).execute();
  await dispatchLetter(
    svc,
    sek,
    letter.id,
    opds.map((o) => o.id),
  );
  const rows = await rt.store.db
    .selectFrom("recipients")
    .select(["id", "opd_id"])
    .where("letter_id", "=", letter.id)
    .execute();
  return { letterId: letter.id, recipientIds: new Map(rows.map((r) => [r.opd_id, r.id])) };
}

/** The sample input with dates that are valid on the fixed test clock (2024-10-01). */
export function makeTestInput(): Record<string, unknown> {
  return { ...makeSampleBody(), date: "2024-10-01", ackDeadline: "2024-10-09" };
}
