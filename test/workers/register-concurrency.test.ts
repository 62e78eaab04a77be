// The register through HTTP inside workerd: 50 approvals fired at once each get their own nomor, and
// together the numbers run without a gap (D1 batch() makes "take the next number" atomic).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openD1Store } from "../../src/store/d1-store.js";
import { makeApiClient } from "../support/api-client-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";
import { makeWorkerdTarget } from "../support/workerd-target-fixture.js";

const LETTERS = 50;
const { actors, ok } = makeApiClient(makeWorkerdTarget());

describe("the nomor register under concurrent approvals in workerd", () => {
  it("gives 50 concurrent approvals 50 distinct, gap-free numbers", async () => {
    const a = await actors();
    const ids: string[] = [];
    // Drafting and review in small waves; only the approvals need to race.
    for (let i = 0; i < LETTERS; i += 10) {
      const wave = await Promise.all(
        Array.from({ length: Math.min(10, LETTERS - i) }, async (_, k) => {
          const input = { ...makeSampleBody(), tentang: `Uji register serentak nomor ${i + k + 1}` };
          const created = await ok(a.sek, "POST", "/api/letters", input, 201);
          const id = created.id as string;
          await ok(a.sek, "POST", `/api/letters/${id}/transitions`, {
            action: "submit",
            reviewers: [a.reviewer.user.id],
          });
          await ok(a.reviewer, "POST", `/api/letters/${id}/transitions`, { action: "paraf" });
          return id;
        }),
      );
      ids.push(...wave);
    }

    const approved = await Promise.all(
      ids.map((id) => ok(a.ttd, "POST", `/api/letters/${id}/transitions`, { action: "approve" })),
    );
    const nomors = approved.map((l) => l.nomor as string);
    expect(new Set(nomors).size).toBe(LETTERS);

    const rows = await openD1Store(env.DB)
      .db.selectFrom("letters")
      .select(["id", "nomor", "nomor_seq", "nomor_year"])
      .where("id", "in", ids)
      .execute();
    const seqs = rows.map((r) => r.nomor_seq!).sort((x, y) => x - y);
    // Consecutive: the 50 numbers form one unbroken run.
    expect(seqs.at(-1)! - seqs[0]!).toBe(LETTERS - 1);
    expect(new Set(seqs).size).toBe(LETTERS);
    // And the whole register of that year has no hole and no repeat, whatever else was approved before.
    const all = await openD1Store(env.DB)
      .db.selectFrom("letters")
      .select("nomor_seq")
      .where("register_id", "=", "BKPSDM.II")
      .where("nomor_year", "=", rows[0]!.nomor_year)
      .where("nomor_seq", "is not", null)
      .orderBy("nomor_seq")
      .execute();
    expect(all.map((r) => r.nomor_seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    // Each answer's nomor is the one stored, and it carries its sequence number.
    for (const r of rows) expect(nomors).toContain(r.nomor);
    for (const r of rows) expect(r.nomor).toContain(`/${r.nomor_seq}/BKPSDM.II/`);
  });
});
