// The sample letter's whole life through the HTTP API inside workerd, on D1, R2 and the Queue binding:
// the same routes the Node tests walk, now served by src/runtime/worker.ts.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openD1Store } from "../../src/store/d1-store.js";
import { actors, BASE, call, login, ok, sampleInput, signedSampleLetter } from "./flow-helpers.js";

describe("the API inside workerd", () => {
  it("answers /health", async () => {
    const res = await SELF.fetch(`${BASE}/health`);
    expect(res.status).toBe(200);
  });

  it("refuses anonymous and wrong-role callers", async () => {
    expect((await call(null, "GET", "/api/letters")).status).toBe(401);
    expect((await call(null, "POST", "/api/letters", sampleInput())).status).toBe(401);
    const kepala = await login("kepala-dinkes");
    const denied = await call(kepala, "POST", "/api/letters", sampleInput());
    expect(denied.status).toBe(403);
    expect((await call(kepala, "PATCH", "/api/opd/DISPORA", { email: "x@example.go.id" })).status).toBe(403);
    expect(
      (await call(null, "POST", "/api/auth/login", { username: "sekretariat", password: "salah-sekali" })).status,
    ).toBe(401);
  });

  it("answers a bad letter with 400 and the paths of the wrong fields", async () => {
    const sek = await login("sekretariat");
    const bad = sampleInput() as Record<string, unknown> & { issuer: { nip: string } };
    bad.issuer.nip = "123";
    delete bad.tentang;
    const r = await call(sek, "POST", "/api/letters", bad);
    expect(r.status).toBe(400);
    const error = r.json.error as { code: string; issues: { path: string; message: string }[] };
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain("tentang");
    expect(paths).toContain("issuer.nip");
  });

  it("drafts, reviews, numbers, signs into R2, verifies, sends through the queue and withdraws", async () => {
    const a = await actors();
    const { id, nomor } = await signedSampleLetter(a);
    expect(nomor).toMatch(/^\d+(\.\d+)*\/\d+\/BKPSDM\.II\/2024$/);

    // The signed file comes back from R2, byte for byte what the R2 object holds.
    const doc = await SELF.fetch(`${BASE}/v/${id}/dokumen.docx`);
    expect(doc.status).toBe(200);
    const bytes = new Uint8Array(await doc.arrayBuffer());
    const row = await openD1Store(env.DB)
      .db.selectFrom("documents")
      .selectAll()
      .where("letter_id", "=", id)
      .executeTakeFirstOrThrow();
    const stored = await env.DOCS.get(row.storage_key);
    expect(stored).not.toBeNull();
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);

    const verify = async (body: Uint8Array<ArrayBuffer>) =>
      (await (await SELF.fetch(`${BASE}/api/verify`, { method: "POST", body })).json()) as {
        verdict: string;
        letter: { nomor: string } | null;
      };
    const authentic = await verify(bytes);
    expect(authentic.verdict).toBe("authentic");
    expect(authentic.letter?.nomor).toBe(nomor);
    const flipped = bytes.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 1;
    expect((await verify(flipped)).verdict).toBe("mismatch");

    // DISPORA has no email: sending to all is refused before anything is written.
    const refused = await call(a.sek, "POST", `/api/letters/${id}/transitions`, { action: "send" });
    expect(refused.status).toBe(409);
    expect((refused.json.error as { code: string }).code).toBe("missing_email");
    await ok(a.sek, "PATCH", "/api/opd/DISPORA", { email: "dispora@bengkulukota.go.id" });
    const sent = await ok(a.sek, "POST", `/api/letters/${id}/transitions`, { action: "send" });
    const opdCount = ((await ok(a.sek, "GET", "/api/opd")).items as unknown[]).length;
    expect(sent.status).toBe("sent");
    expect(sent.recipients).toBe(opdCount);
    expect(sent.queued).toBe(opdCount);
    const outbox = await openD1Store(env.DB)
      .db.selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["outbox.id", "outbox.kind"])
      .where("recipients.letter_id", "=", id)
      .execute();
    expect(outbox).toHaveLength(opdCount);
    const tracked = await ok(a.sek, "GET", `/api/letters/${id}/recipients`);
    expect(JSON.stringify(tracked)).toContain("DISPORA");

    expect(((await ok(null, "GET", `/api/verify/${id}`)) as { status: string }).status).toBe("berlaku");
    await ok(a.ttd, "POST", `/api/letters/${id}/transitions`, {
      action: "withdraw",
      reason: "Diganti dengan surat edaran yang baru",
    });
    const record = await ok(null, "GET", `/api/verify/${id}`);
    expect(record.status).toBe("dicabut");
    expect(JSON.stringify(record)).toContain("Diganti dengan surat edaran yang baru");
    expect((await verify(bytes)).verdict).toBe("revoked");
  });
});
