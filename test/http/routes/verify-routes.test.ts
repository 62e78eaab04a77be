// Public verification through the real app: the key set, a signed letter's record, the stored file and
// checking an uploaded DOCX, all without login.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, letterAt, makeApiFixture, sendLetter } from "../../support/api-fixture.js";

let fx: ApiFixture;
/** Signed and sent to BKPSDM: a public circular. */
let letterId: string;
/** Signed and sent, withdrawn by one of the tests below. */
let otherId: string;
/** Signed, never sent: not public. */
let unsentId: string;
let signed: Uint8Array<ArrayBuffer>;
let unsentSigned: Uint8Array<ArrayBuffer>;

/** The stored signed file, as the secretariat downloads it. */
async function staffCopy(id: string): Promise<Uint8Array<ArrayBuffer>> {
  const res = await fx.call("GET", `/api/letters/${id}/signed.docx`, { as: "sekretariat" });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

beforeAll(async () => {
  fx = await makeApiFixture();
  letterId = (await letterAt(fx, "signed")).id;
  otherId = (await letterAt(fx, "signed")).id;
  unsentId = (await letterAt(fx, "signed")).id;
  await sendLetter(fx, letterId, ["BKPSDM"]);
  await sendLetter(fx, otherId, ["BKPSDM"]);
  const res = await fx.call("GET", `/v/${letterId}/dokumen.docx`);
  expect(res.status).toBe(200);
  signed = new Uint8Array(await res.arrayBuffer());
  unsentSigned = await staffCopy(unsentId);
});
afterAll(async () => {
  await fx.close();
});

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("GET /.well-known/edaran-keys.json", () => {
  it("publishes the signing key with its id, cacheable", async () => {
    const res = await fx.call("GET", "/.well-known/edaran-keys.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age=");
    const set = (await res.json()) as { keys: { kid: string; jwk: { d?: string } }[] };
    expect(set.keys.length).toBeGreaterThanOrEqual(1);
    expect(set.keys.every((k) => k.jwk.d === undefined)).toBe(true); // never the private part
  });
});

describe("GET /v/:id/dokumen.docx", () => {
  it("serves the stored signed file of a sent letter, and 404 for a letter that was never signed", async () => {
    expect([signed[0], signed[1]]).toEqual([0x50, 0x4b]);
    expect(signed).toEqual(await staffCopy(letterId));
    const draft = await letterAt(fx, "draft");
    expect((await fx.call("GET", `/v/${draft.id}/dokumen.docx`)).status).toBe(404);
    expect((await fx.call("GET", `/v/${UNKNOWN}/dokumen.docx`)).status).toBe(404);
  });
});

describe("GET /v/:id/dokumen.docx of a letter that is not, or no longer, public", () => {
  it("answers 404 for a letter signed but never sent, to anyone who has its id", async () => {
    const res = await fx.call("GET", `/v/${unsentId}/dokumen.docx`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("answers 410 letter_withdrawn with a clear message once the letter is withdrawn", async () => {
    const l = await letterAt(fx, "signed");
    await sendLetter(fx, l.id, ["BKPSDM"]);
    expect((await fx.call("GET", `/v/${l.id}/dokumen.docx`)).status).toBe(200);
    await fx.json("POST", `/api/letters/${l.id}/transitions`, 200, {
      as: "penandatangan",
      body: { action: "withdraw", reason: "Diganti surat baru" },
    });
    const res = await fx.call("GET", `/v/${l.id}/dokumen.docx`);
    expect(res.status).toBe(410);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("letter_withdrawn");
    expect(body.error.message).toContain("dicabut");
    // Nor through the API, to anyone: the withdrawn letter's file is gone everywhere.
    for (const as of ["sekretariat", "penandatangan", "inspektorat", "admin"] as const) {
      expect((await fx.call("GET", `/api/letters/${l.id}/signed.docx`, { as })).status, as).toBe(410);
      expect((await fx.call("GET", `/api/letters/${l.id}/preview.docx`, { as })).status, as).toBe(410);
    }
  });
});

describe("POST /api/verify of a letter not sent yet", () => {
  it("gives the record to whoever uploads its own signed file, and nothing to any other upload", async () => {
    const own = await fx.json<{ verdict: string; letter: { letterId: string } | null }>("POST", "/api/verify", 200, {
      raw: unsentSigned,
    });
    expect(own).toMatchObject({ verdict: "authentic", letter: { letterId: unsentId } });
    const garbage = await fx.json<{ verdict: string; letter: unknown }>(
      "POST",
      `/api/verify?letterId=${unsentId}`,
      200,
      { raw: new TextEncoder().encode("bukan docx") },
    );
    expect(garbage).toEqual(expect.objectContaining({ verdict: "mismatch", letter: null }));
    // Another letter's genuine file pinned to the unsent one: no record of the unsent letter either.
    const other = await fx.json<{ verdict: string; letter: unknown }>("POST", `/api/verify?letterId=${unsentId}`, 200, {
      raw: signed,
    });
    expect(other).toEqual(expect.objectContaining({ verdict: "mismatch", letter: null }));
  });
});

describe("POST /api/verify", () => {
  it("says authentic for the signed file, as raw body or multipart upload", async () => {
    const raw = await fx.json<{ verdict: string; letter: { letterId: string } }>("POST", "/api/verify", 200, {
      raw: signed,
    });
    expect(raw).toMatchObject({ verdict: "authentic", letter: { letterId } });
    const form = new FormData();
    form.set("file", new File([signed], "surat.docx"));
    const multi = await fx.json<{ verdict: string }>("POST", "/api/verify", 200, { raw: form });
    expect(multi.verdict).toBe("authentic");
  });

  it("says mismatch for a copy with one byte changed, or when pinned to another letter", async () => {
    const edited = signed.slice();
    edited[Math.floor(edited.length / 2)]! ^= 1;
    expect(await fx.json("POST", "/api/verify", 200, { raw: edited })).toMatchObject({ verdict: "mismatch" });
    expect(await fx.json("POST", `/api/verify?letterId=${otherId}`, 200, { raw: signed })).toMatchObject({
      verdict: "mismatch",
    });
  });

  it("answers 400 file_required for an empty body or a form without the file", async () => {
    const empty = await fx.call("POST", "/api/verify", { raw: new Uint8Array(0) });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: "file_required" } });
    const form = new FormData();
    form.set("catatan", "tanpa berkas");
    expect(await (await fx.call("POST", "/api/verify", { raw: form })).json()).toMatchObject({
      error: { code: "file_required" },
    });
  });

  it("answers 413 when the declared size is over the limit, before reading it", async () => {
    const res = await fx.call("POST", "/api/verify", {
      raw: new Uint8Array(10),
      headers: { "content-length": String(21 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "file_too_large" } });
  });
});

describe("POST /api/verify with hostile bodies", () => {
  it("stops a chunked upload without Content-Length once it passes the limit, instead of reading it all", async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 200 MB if nobody stops reading.
        if (sent >= 200) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await fx.rt.app.request("/api/verify", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(sent).toBeLessThan(40);
  });

  it("answers 400 invalid_form for a multipart body that cannot be parsed", async () => {
    const res = await fx.call("POST", "/api/verify", {
      raw: "garbage",
      headers: { "content-type": "multipart/form-data; boundary=zzz" },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_form" } });
  });
});

describe("GET /api/verify/:id", () => {
  it("answers the public record (berlaku), then dicabut with the reason after withdrawal", async () => {
    const before = await fx.json<{ status: string; nomor: string; keyId: string; sha256: string }>(
      "GET",
      `/api/verify/${otherId}`,
      200,
    );
    expect(before.status).toBe("berlaku");
    expect(before.nomor).toMatch(/BKPSDM\.II\/2024$/);
    expect(before.sha256).toMatch(/^[0-9a-f]{64}$/);
    await fx.json("POST", `/api/letters/${otherId}/transitions`, 200, {
      as: "penandatangan",
      body: { action: "withdraw", reason: "Salah sasaran" },
    });
    const after = await fx.json<{ status: string; revoked: { reason: string } }>("GET", `/api/verify/${otherId}`, 200);
    expect(after).toMatchObject({ status: "dicabut", revoked: { reason: "Salah sasaran" } });
  });

  it("answers 404 for an unknown or unsigned letter, and for one signed but not sent", async () => {
    expect((await fx.call("GET", `/api/verify/${UNKNOWN}`)).status).toBe(404);
    const draft = await letterAt(fx, "draft");
    expect((await fx.call("GET", `/api/verify/${draft.id}`)).status).toBe(404);
    expect((await fx.call("GET", `/api/verify/${unsentId}`)).status).toBe(404);
  });
});

describe("withdrawal of a signed letter", () => {
  it("is the penandatangan's only: 403 to the secretariat and the admin, 401 to nobody", async () => {
    const l = await letterAt(fx, "signed");
    const body = { action: "withdraw", reason: "Coba-coba" };
    expect((await fx.call("POST", `/api/letters/${l.id}/transitions`, { body })).status).toBe(401);
    for (const as of ["sekretariat", "admin"] as const) {
      expect((await fx.call("POST", `/api/letters/${l.id}/transitions`, { as, body })).status, as).toBe(403);
    }
    expect(await fx.json("GET", `/api/letters/${l.id}`, 200, { as: "sekretariat" })).toMatchObject({
      status: "signed",
    });
  });
});
