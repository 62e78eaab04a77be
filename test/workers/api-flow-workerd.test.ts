// The API contract (test/contract/api-flow.case.ts) inside workerd, served by src/runtime/worker.ts on D1, R2
// and the Queue binding, plus what only this runtime can show: where the signed file and the outbox rows went.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openD1Store } from "../../src/store/d1-store.js";
import { apiFlowContract } from "../contract/api-flow.case.js";
import { makeApiClient } from "../support/api-client-fixture.js";
import { makeWorkerdTarget } from "../support/workerd-target-fixture.js";

apiFlowContract("workerd", async () => makeWorkerdTarget());

describe("workerd: where the API keeps a letter", () => {
  it("serves the signed file byte for byte from its R2 object and writes one outbox row per OPD sent to", async () => {
    const api = makeApiClient(makeWorkerdTarget());
    const a = await api.actors();
    const { id } = await api.signedSampleLetter(a);
    const db = openD1Store(env.DB).db;

    // Signed, not sent yet: only a signed-in user may fetch it (the verify link serves it once sent).
    const doc = await api.target.fetch(`/api/letters/${id}/signed.docx`, { headers: { cookie: a.sek.cookie } });
    expect(doc.status).toBe(200);
    const bytes = new Uint8Array(await doc.arrayBuffer());
    const row = await db.selectFrom("documents").selectAll().where("letter_id", "=", id).executeTakeFirstOrThrow();
    const stored = await env.DOCS.get(row.storage_key);
    expect(stored).not.toBeNull();
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);

    const opdIds = ["BKPSDM", "DINKES", "DISHUB"];
    const sent = await api.ok<{ recipients: number; queued: number }>(a.sek, "POST", `/api/letters/${id}/transitions`, {
      action: "send",
      opdIds,
    });
    expect(sent).toMatchObject({ recipients: 3, queued: 3 });
    const outbox = await db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .select(["recipients.opd_id", "outbox.kind", "outbox.status"])
      .where("recipients.letter_id", "=", id)
      .execute();
    expect(outbox.map((o) => o.opd_id).sort()).toEqual([...opdIds].sort());
    expect(outbox.every((o) => o.kind === "letter" && o.status === "pending")).toBe(true);
  });
});
