// A drafting form with a huge list field (issue #10, finding 1): the 400 page is built in time linear in the
// post, says how many lines a field may have, and other requests are answered meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EdaranInputJson } from "../../../src/domain/edaran-input.js";
import { LIST_LIMITS } from "../../../src/domain/edaran-input.js";
import { inputToForm } from "../../../src/http/pages/draft-form-mapping.js";
import { makePagesFixture, makeTestInput, type PagesFixture } from "../../support/pages-fixture.js";

let p: PagesFixture;
beforeAll(async () => {
  p = await makePagesFixture();
});
afterAll(async () => p.close());

const form = () => inputToForm(makeTestInput() as EdaranInputJson);
const invalidLines = (n: number, line: string) => Array.from({ length: n }, (_, i) => `${line} ${i}`).join("\n");

async function secretary() {
  const c = p.client();
  await c.login("sekretariat");
  await c.get("/surat/baru");
  return c;
}

describe("a drafting form with 100,000 invalid lines", () => {
  for (const field of ["prohibitedActs", "sanctions"] as const) {
    it(`answers ${field} with one 'too many lines' message, saves nothing, and /health answers meanwhile`, async () => {
      const c = await secretary();
      const before = (await p.runtime.store.db.selectFrom("letters").select("id").execute()).length;
      const post = c.post("/surat", { ...form(), [field]: invalidLines(100_000, "x | bukan-jenis | ? | ?") });
      // /health is asked while the post is being handled; it must not wait for the whole post.
      const health = (async () => {
        await new Promise((r) => setTimeout(r, 5));
        const t = performance.now();
        const res = await p.runtime.app.request("http://localhost:8787/health");
        return { status: res.status, ms: performance.now() - t };
      })();
      const started = performance.now();
      const r = await post;
      const postMs = performance.now() - started;
      const h = await health;
      // Reference measured in the same run: only reading the same 4 MB form body, as every form post does.
      const fields = { ...form(), [field]: invalidLines(100_000, "x | bukan-jenis | ? | ?") };
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      const t = performance.now();
      await new Request("http://localhost/", { method: "POST", body }).formData();
      const parseMs = performance.now() - t;
      console.log(
        `100,000 lines of ${field}: 400 after ${postMs.toFixed(0)} ms (reading the body alone: ${parseMs.toFixed(0)} ms); /health took ${h.ms.toFixed(0)} ms`,
      );
      expect(r.status).toBe(400);
      expect(h.status).toBe(200);
      // The field's message names the limit; the typed text comes back in its textarea (nothing is lost).
      expect(r.html).toContain(`paling banyak ${LIST_LIMITS[field]} butir`);
      expect(r.html).toContain("x | bukan-jenis | ? | ? 99999");
      expect((await p.runtime.store.db.selectFrom("letters").select("id").execute()).length).toBe(before);
      // Linear: a small multiple of reading the body (it took minutes before; 4,000 lines alone took 2.4 s).
      expect(postMs).toBeLessThan(4 * parseMs + 1_000);
      expect(h.ms).toBeLessThan(postMs);
    });
  }

  it("still names the line of each bad item within the limit", async () => {
    const c = await secretary();
    const r = await c.post("/surat", {
      ...form(),
      prohibitedActs: "Berkampanye | disiplin-berat\nHadir | bukan-jenis",
    });
    expect(r.status).toBe(400);
    expect(r.html).toMatch(/Baris 2: [^<]*[Jj]enis sanksi/);
  });
});
