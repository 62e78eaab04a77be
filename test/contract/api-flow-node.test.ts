// The API contract (api-flow.case.ts) on the real Node app and SQLite file, plus what only the Node runtime
// can show: a failing service answering the bare error envelope, and the offline verify CLI against a file
// this app signed, with the key set from the app's URL.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/domain/log-record.js";
import { type ApiFixture, letterAt, makeApiFixture, makeNodeTarget } from "../support/api-fixture.js";
import { apiFlowContract } from "./api-flow.case.js";

const repoRoot = new URL("../../", import.meta.url).pathname;

let fx: ApiFixture;
const records: RequestRecord[] = [];
beforeAll(async () => {
  fx = await makeApiFixture({ logger: { line: (r) => r.kind === "request" && records.push(r) } });
});
afterAll(async () => {
  await fx.close();
});

apiFlowContract("node", async () => makeNodeTarget(fx));

describe("node: a service that throws", () => {
  it("answers 500 { error: { code: 'internal' } } with no stack or message leaked", async () => {
    const l = await letterAt(fx, "signed");
    const blobs = fx.rt.services.blobs;
    const original = blobs.get;
    blobs.get = async () => {
      throw new Error("EIO: disk rusak di /srv/rahasia/documents");
    };
    try {
      const res = await fx.call("GET", `/api/letters/${l.id}/signed.docx`, { as: "sekretariat" });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Terjadi kesalahan pada server" } });
      expect(text).not.toMatch(/EIO|rahasia|at |\.ts/);
      // The operator still sees it: the request's log line carries the message and the stack.
      const line = records.find((r) => r.requestId === res.headers.get("x-request-id"));
      expect(line).toMatchObject({ status: 500, route: "/api/letters/:id/signed.docx", error: { code: "internal" } });
      expect(line?.error?.message).toContain("EIO");
      expect(line?.error?.stack).toMatch(/at /);
    } finally {
      blobs.get = original;
    }
  });
});

describe("node: npx edaran verify against a file the app signed", () => {
  let server: ServerType;
  let baseUrl: string;
  let signedPath: string;
  let editedPath: string;
  let nomor: string;
  beforeAll(async () => {
    const l = await letterAt(fx, "signed");
    nomor = l.nomor!;
    const doc = await fx.call("GET", `/api/letters/${l.id}/signed.docx`, { as: "sekretariat" });
    const bytes = new Uint8Array(await doc.arrayBuffer());
    signedPath = join(fx.dir, "surat.docx");
    editedPath = join(fx.dir, "surat-diubah.docx");
    writeFileSync(signedPath, bytes);
    const edited = bytes.slice();
    edited[edited.length - 100]! ^= 1;
    writeFileSync(editedPath, edited);
    writeFileSync(join(fx.dir, "kunci.json"), await (await fx.call("GET", "/.well-known/edaran-keys.json")).text());
    await new Promise<void>((resolve) => {
      server = serve({ fetch: fx.rt.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function edaran(args: string[]): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn("npx", ["edaran", ...args], {
        cwd: repoRoot,
        env: { ...process.env, npm_config_loglevel: "error" },
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
  }

  it("says AUTENTIK (exit 0) with the app's key set from its URL", async () => {
    const r = await edaran(["verify", signedPath, "--keys", baseUrl]);
    expect(r.out).toMatch(/Hasil\s+: AUTENTIK/);
    expect(r.out).toContain(nomor);
    expect(r.code).toBe(0);
  });

  it("says TIDAK COCOK (exit 1) for a copy with one byte changed, with the key set from a file", async () => {
    const r = await edaran(["verify", editedPath, "--keys", join(fx.dir, "kunci.json")]);
    expect(r.out).toMatch(/Hasil\s+: TIDAK COCOK/);
    expect(r.code).toBe(1);
  });
});
