// The whole API on the real Node app: one letter from draft to verification, 50 concurrent approvals on
// one register, a failing service answering the bare error envelope, and the offline verify CLI against a
// file this app signed.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiFixture, type LetterRef, letterAt, makeApiFixture } from "../support/api-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";

const repoRoot = new URL("../../", import.meta.url).pathname;

describe("the whole flow through the API", () => {
  let fx: ApiFixture;
  beforeAll(async () => {
    fx = await makeApiFixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  it("create → submit → paraf → approve → sign → send → verify", async () => {
    const post = (as: Parameters<ApiFixture["json"]>[3] extends infer O ? O : never, id: string, body: unknown) =>
      fx.json<LetterRef & { recipients?: number; queued?: number }>("POST", `/api/letters/${id}/transitions`, 200, {
        ...as,
        body,
      });

    const draft = await fx.json<LetterRef>("POST", "/api/letters", 201, { as: "sekretariat", body: makeSampleBody() });
    // The read-only Inspektorat cannot be named to give paraf.
    const refused = await fx.json<{ error: { issues: { path: string }[] } }>(
      "POST",
      `/api/letters/${draft.id}/transitions`,
      400,
      {
        as: "sekretariat",
        body: { action: "submit", reviewers: [await fx.userId("inspektorat")] },
      },
    );
    expect(refused.error.issues.map((i) => i.path)).toEqual(["reviewers.0"]);
    const setda = { cookie: await fx.login("kepala-setda") };
    const reviewers = [await fx.userId("kepala-bkpsdm"), await fx.userId("kepala-setda")];
    expect(await post({ as: "sekretariat" }, draft.id, { action: "submit", reviewers })).toMatchObject({
      status: "in_review",
    });
    // Paraf in the given order: the second reviewer is not yet due.
    expect(
      (await fx.call("POST", `/api/letters/${draft.id}/transitions`, { as: setda, body: { action: "paraf" } })).status,
    ).toBe(403);
    await post({ as: "kepala_opd" }, draft.id, { action: "paraf" });
    await post({ as: setda }, draft.id, { action: "paraf", comment: "Sudah sesuai" });
    const approved = await post({ as: "penandatangan" }, draft.id, { action: "approve" });
    expect(approved.nomor).toBe("800/1/BKPSDM.II/2024");
    expect(await post({ as: "penandatangan" }, draft.id, { action: "sign" })).toMatchObject({ status: "signed" });

    await fx.json("PATCH", "/api/opd/DISPORA", 200, {
      as: "sekretariat",
      body: { email: "dispora@bengkulukota.go.id" },
    });
    const sent = await post({ as: "sekretariat" }, draft.id, { action: "send", opdIds: "all" });
    expect(sent).toMatchObject({ status: "sent", recipients: 40, queued: 40 });
    const tracking = await fx.json<{ totals: { recipients: number } }>(
      "GET",
      `/api/letters/${draft.id}/recipients`,
      200,
      { as: "sekretariat" },
    );
    expect(tracking.totals.recipients).toBe(40);

    const file = new Uint8Array(await (await fx.call("GET", `/v/${draft.id}/dokumen.docx`)).arrayBuffer());
    const check = await fx.json<{ verdict: string; letter: { nomor: string } }>(
      "POST",
      `/api/verify?letterId=${draft.id}`,
      200,
      { raw: file },
    );
    expect(check).toMatchObject({ verdict: "authentic", letter: { nomor: "800/1/BKPSDM.II/2024" } });

    const events = await fx.json<{ items: { action: string }[] }>("GET", `/api/letters/${draft.id}/events`, 200, {
      as: "inspektorat",
    });
    expect(events.items.map((e) => e.action)).toEqual(["submit", "paraf", "paraf", "approve", "sign", "send"]);
    expect(await fx.json("GET", "/api/audit/verify", 200, { as: "inspektorat" })).toMatchObject({ intact: true });
  });

  it("a service that throws answers 500 { error: { code: 'internal' } } with no stack or message leaked", async () => {
    const l = await letterAt(fx, "signed");
    const blobs = fx.rt.services.blobs;
    const original = blobs.get;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    blobs.get = async () => {
      throw new Error("EIO: disk rusak di /srv/rahasia/documents");
    };
    try {
      const res = await fx.call("GET", `/v/${l.id}/dokumen.docx`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Terjadi kesalahan pada server" } });
      expect(text).not.toMatch(/EIO|rahasia|at |\.ts/);
      expect(logged).toHaveBeenCalled(); // the operator still sees it in the log
    } finally {
      blobs.get = original;
      logged.mockRestore();
    }
  });
});

describe("50 concurrent approvals through the API", () => {
  let fx: ApiFixture;
  beforeAll(async () => {
    fx = await makeApiFixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  it("give 50 distinct, gap-free nomor on the SQLite app", async () => {
    const letters: LetterRef[] = [];
    for (let i = 0; i < 50; i++) letters.push(await letterAt(fx, "reviewed"));
    const cookie = await fx.cookieFor("penandatangan");
    const answers = await Promise.all(
      letters.map((l) =>
        fx.call("POST", `/api/letters/${l.id}/transitions`, { as: { cookie }, body: { action: "approve" } }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const nomor = await Promise.all(answers.map(async (r) => ((await r.json()) as LetterRef).nomor!));
    expect(new Set(nomor).size).toBe(50);
    const seqs = nomor.map((n) => Number(n.split("/")[1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const entries = await fx.json<{ items: { nomor: string }[] }>(
      "GET",
      "/api/registers/BKPSDM.II/entries?year=2024",
      200,
      { as: "admin" },
    );
    expect(entries.items.map((e) => e.nomor).sort()).toEqual([...nomor].sort());
  });
});

describe("npx edaran verify against a file the app signed", () => {
  let fx: ApiFixture;
  let server: ServerType;
  let baseUrl: string;
  let signedPath: string;
  let editedPath: string;
  let nomor: string;
  beforeAll(async () => {
    fx = await makeApiFixture();
    const l = await letterAt(fx, "signed");
    nomor = l.nomor!;
    const bytes = new Uint8Array(await (await fx.call("GET", `/v/${l.id}/dokumen.docx`)).arrayBuffer());
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
    await fx.close();
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
