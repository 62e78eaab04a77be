// /api/letters through the real app: drafting, revising with If-Match, listing, previews and transitions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiFixture,
  draftLetter,
  issuePaths,
  type LetterRef,
  letterAt,
  makeApiFixture,
  sendLetter,
} from "../../support/api-fixture.js";
import { makeSampleBody } from "../../support/sample-input-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("POST /api/letters", () => {
  it("drafts the sample letter as revision 1 and answers 201 with its Location", async () => {
    const res = await fx.call("POST", "/api/letters", { as: "sekretariat", body: makeSampleBody() });
    expect(res.status).toBe(201);
    const letter = (await res.json()) as LetterRef & { tentang: string };
    expect(res.headers.get("location")).toBe(`/api/letters/${letter.id}`);
    expect(letter).toMatchObject({ status: "draft", revision: 1, nomor: null });
    expect(letter.tentang).toMatch(/^Netralitas Aparatur Sipil Negara/);
  });

  it("lists every bad field at once with its exact path", async () => {
    const bad = makeSampleBody();
    bad.signer = { capacityId: "no-such-capacity" };
    delete bad.tentang;
    const res = await fx.call("POST", "/api/letters", { as: "sekretariat", body: bad });
    expect(res.status).toBe(400);
    expect(await issuePaths(res.clone())).toEqual(["signer.capacityId", "tentang"]);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  });

  it("refuses a unit code without a register at nomor.unit", async () => {
    const bad = makeSampleBody();
    (bad.nomor as Record<string, unknown>).unit = "TIDAKADA";
    const res = await fx.call("POST", "/api/letters", { as: "sekretariat", body: bad });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["nomor.unit"]);
  });

  it("answers 400 invalid_json for a body that is not JSON", async () => {
    const res = await fx.call("POST", "/api/letters", { as: "sekretariat", body: "{not json" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("answers 415 to a cookie-authenticated body that is not application/json (a cross-site form cannot draft)", async () => {
    const count = async () => (await fx.rt.store.db.selectFrom("letters").select("id").execute()).length;
    const before = await count();
    const res = await fx.call("POST", "/api/letters", {
      as: "sekretariat",
      body: JSON.stringify(makeSampleBody()),
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    expect(await count()).toBe(before);
  });

  it("answers 401 to nobody and 403 to the penandatangan", async () => {
    expect((await fx.call("POST", "/api/letters", { body: makeSampleBody() })).status).toBe(401);
    const res = await fx.call("POST", "/api/letters", { as: "penandatangan", body: makeSampleBody() });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

describe("GET /api/letters", () => {
  it("filters by status and keyword and pages with limit and offset", async () => {
    const a = await draftLetter(fx);
    await letterAt(fx, "in_review");
    const drafts = await fx.json<{ items: { id: string; status: string }[]; total: number }>(
      "GET",
      "/api/letters?status=draft&limit=100",
      200,
      { as: "inspektorat" },
    );
    expect(drafts.items.map((l) => l.id)).toContain(a.id);
    expect(drafts.items.every((l) => l.status === "draft")).toBe(true);
    // The list is a summary: each letter's full input is only in GET /api/letters/:id.
    expect(drafts.items.every((l) => !("input" in l))).toBe(true);
    expect(
      await fx.json<{ input: { tentang: string } }>("GET", `/api/letters/${a.id}`, 200, { as: "inspektorat" }),
    ).toMatchObject({
      input: { tentang: expect.any(String) },
    });
    const page = await fx.json<{ items: unknown[]; total: number; limit: number; offset: number }>(
      "GET",
      "/api/letters?limit=1&offset=1&q=netralitas",
      200,
      { as: "penandatangan" },
    );
    expect(page).toMatchObject({ limit: 1, offset: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const none = await fx.json<{ items: unknown[]; total: number }>(
      "GET",
      "/api/letters?q=tidak-ada-surat-begini",
      200,
      { as: "admin" },
    );
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it("answers 400 with the exact query paths for a bad limit and status", async () => {
    const res = await fx.call("GET", "/api/letters?limit=0&status=terbang&offset=-1", { as: "sekretariat" });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["limit", "offset", "status"]);
    expect(await issuePaths(await fx.call("GET", "/api/letters?limit=101", { as: "sekretariat" }))).toEqual(["limit"]);
  });

  it("pages with after and nextCursor, and answers 400 naming after for a cursor that is not one of ours", async () => {
    await draftLetter(fx);
    await draftLetter(fx);
    const first = await fx.json<{ items: { id: string }[]; nextCursor: string | null; total: number }>(
      "GET",
      "/api/letters?limit=1",
      200,
      { as: "sekretariat" },
    );
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await fx.json<{ items: { id: string }[] }>(
      "GET",
      `/api/letters?limit=1&after=${first.nextCursor}`,
      200,
      { as: "sekretariat" },
    );
    expect(second.items.map((l) => l.id)).not.toContain(first.items[0]!.id);
    for (const bad of ["abc", "WzEsMl0", "%E2%9C%93"]) {
      const res = await fx.call("GET", `/api/letters?after=${bad}`, { as: "sekretariat" });
      expect(res.status, bad).toBe(400);
      expect(await issuePaths(res)).toEqual(["after"]);
    }
  });

  it("speaks Bahasa Indonesia in zod's own messages too (no English 'Too small' or 'expected')", async () => {
    const res = await fx.call("GET", "/api/letters?limit=nol&offset=-1", { as: "sekretariat" });
    const body = (await res.json()) as { error: { issues: { message: string }[] } };
    expect(body.error.issues).toHaveLength(2);
    for (const i of body.error.issues) expect(i.message).not.toMatch(/too small|expected|invalid input/i);
  });

  it("answers 401 to nobody", async () => {
    expect((await fx.call("GET", "/api/letters")).status).toBe(401);
  });
});

describe("GET /api/letters/:id, revisions, events, preview.docx", () => {
  it("answers the letter, its revisions, its events and a DOCX preview", async () => {
    const l = await letterAt(fx, "in_review");
    expect(await fx.json("GET", `/api/letters/${l.id}`, 200, { as: "kepala_opd" })).toMatchObject({
      id: l.id,
      status: "in_review",
    });
    const revs = await fx.json<{ items: { revision: number }[] }>("GET", `/api/letters/${l.id}/revisions`, 200, {
      as: "inspektorat",
    });
    expect(revs.items.map((r) => r.revision)).toEqual([1]);
    const events = await fx.json<{ items: { action: string }[] }>("GET", `/api/letters/${l.id}/events`, 200, {
      as: "admin",
    });
    expect(events.items.map((e) => e.action)).toContain("submit");
    const docx = await fx.call("GET", `/api/letters/${l.id}/preview.docx`, { as: "penandatangan" });
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("officedocument.wordprocessingml");
    const bytes = new Uint8Array(await docx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK": a zip
  });

  it("answers 404 not_found for an unknown id on every read", async () => {
    for (const path of ["", "/revisions", "/events", "/preview.docx"]) {
      const res = await fx.call("GET", `/api/letters/${UNKNOWN}${path}`, { as: "sekretariat" });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("answers 401 to nobody", async () => {
    const l = await draftLetter(fx);
    for (const path of ["", "/revisions", "/events", "/preview.docx"]) {
      expect((await fx.call("GET", `/api/letters/${l.id}${path}`)).status, path).toBe(401);
    }
  });
});

describe("PUT /api/letters/:id", () => {
  it("keeps every revision and refuses a stale If-Match with 409 revision_conflict", async () => {
    const l = await draftLetter(fx);
    const edited = makeSampleBody();
    edited.tentang = "Netralitas ASN (revisi kedua)";
    const r2 = await fx.json<LetterRef & { tentang: string }>("PUT", `/api/letters/${l.id}`, 200, {
      as: "sekretariat",
      body: edited,
      headers: { "If-Match": '"1"' },
    });
    expect(r2).toMatchObject({ revision: 2, tentang: "Netralitas ASN (revisi kedua)" });

    // Someone still holding revision 1 must not overwrite revision 2.
    const stale = makeSampleBody();
    stale.tentang = "Perubahan yang basi";
    const res = await fx.call("PUT", `/api/letters/${l.id}`, {
      as: "admin",
      body: stale,
      headers: { "If-Match": "1" },
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "revision_conflict" } });

    const revs = await fx.json<{ items: { revision: number; input: { tentang: string } }[] }>(
      "GET",
      `/api/letters/${l.id}/revisions`,
      200,
      { as: "sekretariat" },
    );
    expect(revs.items.map((r) => [r.revision, r.input.tentang])).toEqual([
      [1, makeSampleBody().tentang],
      [2, "Netralitas ASN (revisi kedua)"],
    ]);
    expect(await fx.json("GET", `/api/letters/${l.id}`, 200, { as: "sekretariat" })).toMatchObject({ revision: 2 });
  });

  it("answers 400 for a bad body or a bad If-Match, 404 for an unknown id, 409 not_a_draft after submit", async () => {
    const l = await draftLetter(fx);
    const bad = makeSampleBody();
    (bad.nomor as Record<string, unknown>).year = "dua ribu";
    const res = await fx.call("PUT", `/api/letters/${l.id}`, { as: "sekretariat", body: bad });
    expect(res.status).toBe(400);
    expect(await issuePaths(res)).toEqual(["nomor.year"]);
    const badHeader = await fx.call("PUT", `/api/letters/${l.id}`, {
      as: "sekretariat",
      body: makeSampleBody(),
      headers: { "If-Match": "kemarin" },
    });
    expect(badHeader.status).toBe(400);
    expect(await badHeader.json()).toMatchObject({ error: { code: "invalid_if_match" } });
    expect(
      (await fx.call("PUT", `/api/letters/${UNKNOWN}`, { as: "sekretariat", body: makeSampleBody() })).status,
    ).toBe(404);

    const inReview = await letterAt(fx, "in_review");
    const locked = await fx.call("PUT", `/api/letters/${inReview.id}`, { as: "sekretariat", body: makeSampleBody() });
    expect(locked.status).toBe(409);
    expect(await locked.json()).toMatchObject({ error: { code: "not_a_draft" } });
  });

  it("answers 401 to nobody and 403 to a kepala OPD", async () => {
    const l = await draftLetter(fx);
    expect((await fx.call("PUT", `/api/letters/${l.id}`, { body: makeSampleBody() })).status).toBe(401);
    expect((await fx.call("PUT", `/api/letters/${l.id}`, { as: "kepala_opd", body: makeSampleBody() })).status).toBe(
      403,
    );
  });
});

describe("POST /api/letters/:id/transitions", () => {
  it("walks submit → paraf → approve and gives a nomor from the register", async () => {
    const l = await letterAt(fx, "approved");
    expect(l.status).toBe("approved");
    expect(l.nomor).toMatch(/^800\/\d+\/BKPSDM\.II\/2024$/);
  });

  it("answers 400 with the exact path for an unknown action, missing reviewers or a return without comment", async () => {
    const l = await letterAt(fx, "in_review");
    const post = (body: unknown) => fx.call("POST", `/api/letters/${l.id}/transitions`, { as: "kepala_opd", body });
    expect(await issuePaths(await post({ action: "terbang" }))).toEqual(["action"]);
    expect(await issuePaths(await post({ action: "return" }))).toEqual(["comment"]);
    const d = await draftLetter(fx);
    const submit = await fx.call("POST", `/api/letters/${d.id}/transitions`, {
      as: "sekretariat",
      body: { action: "submit", reviewers: [] },
    });
    expect(submit.status).toBe(400);
    expect(await issuePaths(submit)).toEqual(["reviewers"]);
  });

  it("answers 409 transition_not_allowed for an action the state does not allow, and changes nothing", async () => {
    const l = await draftLetter(fx);
    const res = await fx.call("POST", `/api/letters/${l.id}/transitions`, {
      as: "penandatangan",
      body: { action: "approve" },
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "transition_not_allowed" } });
    const early = await letterAt(fx, "in_review");
    const incomplete = await fx.call("POST", `/api/letters/${early.id}/transitions`, {
      as: "penandatangan",
      body: { action: "approve" },
    });
    expect(incomplete.status).toBe(409);
    expect(await incomplete.json()).toMatchObject({ error: { code: "review_incomplete" } });
    expect(await fx.json("GET", `/api/letters/${early.id}`, 200, { as: "sekretariat" })).toMatchObject({
      status: "in_review",
      reviewStep: 0,
    });
  });

  it("answers 404 for an unknown letter", async () => {
    const res = await fx.call("POST", `/api/letters/${UNKNOWN}/transitions`, {
      as: "sekretariat",
      body: { action: "close" },
    });
    expect(res.status).toBe(404);
  });

  it("answers 401 to nobody, 403 forbidden_role to a wrong role and 403 not_current_reviewer to another reviewer", async () => {
    const l = await letterAt(fx, "reviewed");
    expect((await fx.call("POST", `/api/letters/${l.id}/transitions`, { body: { action: "approve" } })).status).toBe(
      401,
    );
    const wrongRole = await fx.call("POST", `/api/letters/${l.id}/transitions`, {
      as: "sekretariat",
      body: { action: "approve" },
    });
    expect(wrongRole.status).toBe(403);
    expect(await wrongRole.json()).toMatchObject({ error: { code: "forbidden_role" } });
    const other = await letterAt(fx, "in_review");
    const notMine = await fx.call("POST", `/api/letters/${other.id}/transitions`, {
      as: "inspektorat",
      body: { action: "paraf" },
    });
    expect(notMine.status).toBe(403);
    expect(await notMine.json()).toMatchObject({ error: { code: "not_current_reviewer" } });
  });

  it("answers 400 at opdIds for an empty or unknown list of OPDs, and sends nothing", async () => {
    const l = await letterAt(fx, "signed");
    const send = (opdIds: unknown) =>
      fx.call("POST", `/api/letters/${l.id}/transitions`, { as: "sekretariat", body: { action: "send", opdIds } });
    const empty = await send([]);
    expect(empty.status).toBe(400);
    expect(await issuePaths(empty)).toEqual(["opdIds"]);
    const unknown = await send(["BKPSDM", "TIDAKADA"]);
    expect(unknown.status).toBe(400);
    expect(await issuePaths(unknown)).toEqual(["opdIds"]);
    expect(await fx.json("GET", `/api/letters/${l.id}/recipients`, 200, { as: "sekretariat" })).toMatchObject({
      totals: { recipients: 0 },
    });
  });

  it("answers 409 missing_email listing the OPDs without an address when sending to all", async () => {
    const l = await letterAt(fx, "signed");
    const res = await fx.call("POST", `/api/letters/${l.id}/transitions`, {
      as: "sekretariat",
      body: { action: "send", opdIds: "all" },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("missing_email");
    expect(body.error.issues.map((i) => i.path)).toEqual(["opd.DISPORA.email"]);
    expect(await fx.json("GET", `/api/letters/${l.id}`, 200, { as: "sekretariat" })).toMatchObject({
      status: "signed",
    });
  });
});

describe("what a kepala_opd may read: only letters sent to its OPD or given to it for paraf", () => {
  const READS = ["", "/revisions", "/events", "/preview.docx"];
  const as = async (username: string) => ({ cookie: await fx.login(username) });
  const listIds = async (who: { cookie: string } | "inspektorat", query = "") =>
    fx.json<{ items: { id: string }[]; total: number }>("GET", `/api/letters?limit=100${query}`, 200, { as: who });

  it("answers 404 not_found on every read of someone else's draft, exactly as for an unknown id, and leaves it out of the list", async () => {
    const draft = await draftLetter(fx);
    const dinkes = await as("kepala-dinkes");
    for (const path of READS) {
      const res = await fx.call("GET", `/api/letters/${draft.id}${path}`, { as: dinkes });
      expect(res.status, path).toBe(404);
      const unknown = await fx.call("GET", `/api/letters/${UNKNOWN}${path}`, { as: dinkes });
      // The same answer as for a letter that does not exist: nothing tells the two apart.
      expect(await res.json(), path).toEqual(await unknown.json());
    }
    const list = await listIds(dinkes);
    expect(list.items.map((l) => l.id)).not.toContain(draft.id);
    // No letter in this file is sent to DINKES or reviewed by its head before the test below; total counts only visible letters.
    expect(list.total).toBe(list.items.length);
    expect(list.total).toBe(0);
    // Other roles still see every letter.
    expect((await listIds("inspektorat")).items.map((l) => l.id)).toContain(draft.id);
    expect((await fx.call("GET", `/api/letters/${draft.id}/preview.docx`, { as: "inspektorat" })).status).toBe(200);
  });

  it("answers 404 to a workflow action on a letter it may not see, instead of revealing it with a 403 or 409", async () => {
    const draft = await draftLetter(fx);
    const inReview = await letterAt(fx, "in_review"); // kepala-bkpsdm is its reviewer
    const dinkes = await as("kepala-dinkes");
    for (const [id, action] of [
      [draft.id, "paraf"],
      [inReview.id, "paraf"],
      [inReview.id, "approve"],
    ] as const) {
      const res = await fx.call("POST", `/api/letters/${id}/transitions`, { as: dinkes, body: { action } });
      expect(res.status, `${action} on ${id}`).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    expect(await fx.json("GET", `/api/letters/${inReview.id}`, 200, { as: "sekretariat" })).toMatchObject({
      status: "in_review",
      reviewStep: 0,
    });
  });

  it("lets the named reviewer read the letter in review and after returning it to draft", async () => {
    const l = await letterAt(fx, "in_review");
    const bkpsdm = await as("kepala-bkpsdm");
    const readAll = async () => {
      for (const path of READS)
        expect((await fx.call("GET", `/api/letters/${l.id}${path}`, { as: bkpsdm })).status, path).toBe(200);
    };
    await readAll();
    expect((await listIds(bkpsdm, "&status=in_review")).items.map((x) => x.id)).toContain(l.id);
    await fx.json("POST", `/api/letters/${l.id}/transitions`, 200, {
      as: bkpsdm,
      body: { action: "return", comment: "Perbaiki dasar hukum" },
    });
    await readAll();
    expect((await listIds(bkpsdm, "&status=draft")).items.map((x) => x.id)).toContain(l.id);
    // A head who was not named still cannot.
    expect((await fx.call("GET", `/api/letters/${l.id}`, { as: await as("kepala-dinkes") })).status).toBe(404);
  });

  it("lets the head of a recipient OPD read the letter once it is sent there, and not before", async () => {
    const l = await letterAt(fx, "signed");
    const dinkes = await as("kepala-dinkes");
    expect((await fx.call("GET", `/api/letters/${l.id}`, { as: dinkes })).status).toBe(404);
    expect((await listIds(dinkes)).items.map((x) => x.id)).not.toContain(l.id);
    await sendLetter(fx, l.id, ["DINKES"]);
    for (const path of READS)
      expect((await fx.call("GET", `/api/letters/${l.id}${path}`, { as: dinkes })).status, path).toBe(200);
    expect(await fx.json("GET", `/api/letters/${l.id}`, 200, { as: dinkes })).toMatchObject({
      id: l.id,
      status: "sent",
    });
    const sent = await listIds(dinkes, "&status=sent");
    expect(sent.items.map((x) => x.id)).toEqual([l.id]);
    expect(sent.total).toBe(1);
    // Sent to DINKES only: another OPD's head who did not review it still gets 404.
    expect((await fx.call("GET", `/api/letters/${l.id}`, { as: await as("kepala-dispora") })).status).toBe(404);
  });
});
