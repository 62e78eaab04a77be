// Every documented API route × every role, against the real app. The expected answer comes from the
// roles in src/http/api-spec.ts (what /openapi.json and /docs publish), so the docs and the enforcement
// cannot drift: anonymous → 401 on a protected route, a role not listed → 403, a listed role → neither.
// One exception is written out below: a kepala_opd reads only its own letters, and the draft these requests
// use is not its own, so it gets 404 there (not 403: a letter it may not see is not revealed to exist).
// Each route gets a request that would succeed (or fail for a reason other than who asks) for a listed role.
// Then per letter: viewer × letter state × (metadata, file), through every route and page that serves them.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pemdaProfileJson from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import type { Role } from "../../src/domain/roles.js";
import { apiRoutes } from "../../src/http/api-spec.js";
import {
  type ApiFixture,
  ackToken,
  type Caller,
  type CallOptions,
  callers,
  draftLetter,
  letterAt,
  makeApiFixture,
  sendLetter,
  signedWebhook,
  usernameOf,
} from "../support/api-fixture.js";
import { makePng } from "../support/png-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";
import { passphraseBody, SIGNING_PASSPHRASE } from "../support/signer-fixture.js";

let fx: ApiFixture;
let draftId: string;
let signedId: string;
let sentId: string;
let token: string;
let recipientId: string;
let signedDocx: Uint8Array<ArrayBuffer>;
let managedId: string;
let signerId: string;

beforeAll(async () => {
  fx = await makeApiFixture();
  signerId = await fx.userId("penandatangan");
  draftId = (await draftLetter(fx)).id;
  signedId = (await letterAt(fx, "signed")).id;
  sentId = (await letterAt(fx, "signed")).id;
  await sendLetter(fx, sentId, ["BKPSDM"]);
  ({ token, recipientId } = await ackToken(fx, sentId, "BKPSDM"));
  signedDocx = new Uint8Array(await (await fx.call("GET", `/v/${sentId}/dokumen.docx`)).arrayBuffer());
  // The account the admin routes edit and reset (never one the matrix signs in with).
  managedId = (
    await fx.json<{ user: { id: string } }>("POST", "/api/users", 201, {
      as: "admin",
      body: { username: "matriks-dikelola", displayName: "Akun Dikelola", role: "sekretariat" },
    })
  ).user.id;
});

afterAll(async () => {
  await fx.close();
});

type RequestSpec = { path: string } & Omit<CallOptions, "as"> & { as?: CallOptions["as"] };
let seq = 0;

/** A new account of `role` (made by the admin), signed in with its one-time password. */
async function freshAccount(role: Role): Promise<{ cookie: string; password: string }> {
  const body = {
    username: `matriks-${++seq}`,
    displayName: "Akun Matriks",
    role,
    ...(role === "kepala_opd" ? { opdId: "BKPSDM" } : {}),
  };
  const { temporaryPassword } = await fx.json<{ temporaryPassword: string }>("POST", "/api/users", 201, {
    as: "admin",
    body,
  });
  const res = await fx.call("POST", "/api/auth/login", {
    body: { username: body.username, password: temporaryPassword },
  });
  if (res.status !== 200) throw new Error(`login ${body.username}: ${res.status}`);
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]!, password: temporaryPassword };
}

/** One request per documented route, built for the caller (some routes need per-call setup). */
const requests: Record<string, (who: Caller) => Promise<RequestSpec> | RequestSpec> = {
  "GET /health": () => ({ path: "/health" }),
  "GET /health/ready": () => ({ path: "/health/ready" }),
  "POST /api/auth/login": () => ({
    path: "/api/auth/login",
    body: { username: "sekretariat", password: "uji-coba-rahasia" },
  }),
  // A throwaway session, so logging out does not end the one the rest of the matrix uses.
  "POST /api/auth/logout": async (who) => ({
    path: "/api/auth/logout",
    ...(who === "anonymous" ? {} : { as: { cookie: await fx.login(usernameOf[who], true) } }),
  }),
  "GET /api/auth/me": () => ({ path: "/api/auth/me" }),
  // A throwaway account of the caller's role changes its one-time password, so the seeded ones keep theirs.
  "POST /api/auth/password": async (who) => {
    if (who === "anonymous")
      return {
        path: "/api/auth/password",
        body: { currentPassword: "apa-saja-12345", newPassword: "kata-sandi-baru-123" },
      };
    const { cookie, password } = await freshAccount(who);
    return {
      path: "/api/auth/password",
      as: { cookie },
      body: { currentPassword: password, newPassword: `kata-sandi-baru-${++seq}` },
    };
  },
  "GET /api/auth/tokens": () => ({ path: "/api/auth/tokens" }),
  "POST /api/auth/tokens": () => ({ path: "/api/auth/tokens", body: { name: `matriks ${++seq}` } }),
  // The caller's own token (nobody's for anonymous: the admin's).
  "DELETE /api/auth/tokens/{id}": async (who) => {
    const owner: Role = who === "anonymous" ? "admin" : who;
    const t = await fx.json<{ id: string }>("POST", "/api/auth/tokens", 201, {
      as: owner,
      body: { name: `hapus ${++seq}` },
    });
    return { path: `/api/auth/tokens/${t.id}` };
  },
  "GET /api/users": () => ({ path: "/api/users?role=admin" }),
  "POST /api/users": () => ({
    path: "/api/users",
    body: { username: `matriks-baru-${++seq}`, displayName: "Akun Baru", role: "inspektorat" },
  }),
  "PATCH /api/users/{id}": () => ({ path: `/api/users/${managedId}`, body: { jabatan: `Jabatan Uji ${++seq}` } }),
  "POST /api/users/{id}/reset-password": () => ({ path: `/api/users/${managedId}/reset-password` }),
  "POST /api/users/{id}/activation-link": () => ({ path: `/api/users/${managedId}/activation-link` }),
  "GET /api/signers/{userId}": () => ({ path: `/api/signers/${signerId}` }),
  // The sample signer's identity as seeded, so the other routes see no change.
  "PUT /api/signers/{userId}": () => ({
    path: `/api/signers/${signerId}`,
    body: { name: "Arif Gunadi", jabatan: "Penjabat Wali Kota Bengkulu" },
  }),
  "POST /api/signers/{userId}/capacities": () => ({
    path: `/api/signers/${signerId}/capacities`,
    body: { prefix: "Plh.", principal: "Wali Kota Bengkulu", validFrom: "2024-01-01", validUntil: "2024-01-31" },
  }),
  "POST /api/signers/{userId}/capacities/{capacityId}/end": async () => {
    const added = await fx.json<{ capacities: { id: string; prefix: string | null }[] }>(
      "POST",
      `/api/signers/${signerId}/capacities`,
      201,
      {
        as: "admin",
        body: { prefix: "Plt.", principal: "Wali Kota Bengkulu", validFrom: "2024-01-01", validUntil: "2099-01-31" },
      },
    );
    const cap = added.capacities.filter((c) => c.prefix === "Plt.").at(-1)!;
    return { path: `/api/signers/${signerId}/capacities/${cap.id}/end`, body: {} };
  },
  // Always the sample signer's own: only he may set it (the admin too is refused).
  "PUT /api/signers/{userId}/passphrase": () => ({ path: `/api/signers/${signerId}/passphrase`, body: passphraseBody }),
  // A fresh penandatangan with no passphrase yet, so the sample signer keeps his: the admin gets 400 (nothing to
  // reset, past the role check, which is what is matrixed), everyone else 403.
  "POST /api/signers/{userId}/passphrase/reset": async () => {
    const created = await fx.json<{ user: { id: string } }>("POST", "/api/users", 201, {
      as: "admin",
      body: { username: `matriks-ttd-${++seq}`, displayName: "Penandatangan Baru", role: "penandatangan" },
    });
    return { path: `/api/signers/${created.user.id}/passphrase/reset`, body: {} };
  },
  "GET /api/legal-bases": () => ({ path: "/api/legal-bases?status=all" }),
  "POST /api/legal-bases": () => ({
    path: "/api/legal-bases",
    body: {
      id: `perda-matriks-${++seq}`,
      jenis: "Peraturan Daerah",
      nomor: String(seq),
      tahun: 2020,
      singkat: `Peraturan Daerah Nomor ${seq} Tahun 2020`,
      judul: `Peraturan Daerah Nomor ${seq} Tahun 2020 tentang Uji Matriks`,
    },
  }),
  // Deactivating an entry no letter of the matrix cites (idempotent: the second caller changes nothing).
  "PATCH /api/legal-bases/{id}": () => ({
    path: "/api/legal-bases/uu-25-2009-pelayanan-publik",
    body: { active: false },
  }),
  "GET /api/opd": () => ({ path: "/api/opd?kind=badan" }),
  "GET /api/opd/{id}": () => ({ path: "/api/opd/BKPSDM" }),
  "PATCH /api/opd/{id}": () => ({ path: "/api/opd/BKPSDM", body: { head_name: `Kepala Uji ${++seq}` } }),
  "GET /api/opd/{id}/history": () => ({ path: "/api/opd/BKPSDM/history" }),
  "GET /api/pemda-profile": () => ({ path: "/api/pemda-profile" }),
  "PUT /api/pemda-profile": () => ({
    path: "/api/pemda-profile",
    body: { ...pemdaProfileJson, kopJabatan: `WALI KOTA UJI ${++seq}` },
  }),
  "GET /api/pemda-profile/images/{slot}": () => ({ path: "/api/pemda-profile/images/lambang" }),
  "PUT /api/pemda-profile/images/{slot}": () => ({
    path: "/api/pemda-profile/images/lambang",
    raw: makePng(400, 480),
    headers: { "Content-Type": "image/png" },
  }),
  "GET /api/registers": () => ({ path: "/api/registers" }),
  "POST /api/registers": () => ({ path: "/api/registers", body: { id: `MATRIKS.${++seq}`, name: "Register uji" } }),
  "GET /api/registers/{id}/entries": () => ({ path: "/api/registers/BKPSDM.II/entries?year=2024" }),
  "GET /api/letters": () => ({ path: "/api/letters?limit=5" }),
  "POST /api/letters": () => ({ path: "/api/letters", body: makeSampleBody() }),
  "GET /api/letters/{id}": () => ({ path: `/api/letters/${draftId}` }),
  "PUT /api/letters/{id}": () => ({ path: `/api/letters/${draftId}`, body: makeSampleBody() }),
  "GET /api/letters/{id}/revisions": () => ({ path: `/api/letters/${draftId}/revisions` }),
  "GET /api/letters/{id}/events": () => ({ path: `/api/letters/${draftId}/events` }),
  "GET /api/letters/{id}/preview.docx": () => ({ path: `/api/letters/${draftId}/preview.docx` }),
  // Signed with the head of BKPSDM as its reviewer, so the matrix's kepala_opd may see it too.
  "GET /api/letters/{id}/signed.docx": () => ({ path: `/api/letters/${signedId}/signed.docx` }),
  "GET /api/letters/{id}/signed.pdf": () => ({ path: `/api/letters/${signedId}/signed.pdf` }),
  // Any signed-in user reaches the workflow, which then answers for the letter's state (409 here).
  "POST /api/letters/{id}/transitions": () => ({
    path: `/api/letters/${draftId}/transitions`,
    body: { action: "paraf" },
  }),
  // DISPORA has no email: the secretariat gets 409 missing_email and nothing is sent; others must get 403.
  // A fresh approved letter each time: the signer's sign succeeds once, everyone else is refused by role.
  "POST /api/letters/{id}/transitions#sign": async () => ({
    path: `/api/letters/${(await letterAt(fx, "approved")).id}/transitions`,
    body: { action: "sign", passphrase: SIGNING_PASSPHRASE },
  }),
  "POST /api/letters/{id}/transitions#send": () => ({
    path: `/api/letters/${signedId}/transitions`,
    body: { action: "send", opdIds: ["DISPORA"] },
  }),
  "POST /api/letters/{id}/remind": () => ({ path: `/api/letters/${sentId}/remind` }),
  // Not sent to DINKES: the secretariat sends it; others must get 403.
  "POST /api/letters/{id}/send-remaining": () => ({
    path: `/api/letters/${sentId}/send-remaining`,
    body: { opdIds: ["DINKES"] },
  }),
  "GET /api/letters/{id}/recipients": () => ({ path: `/api/letters/${sentId}/recipients` }),
  "POST /api/outbox/{id}/retry": () => ({ path: `/api/outbox/${recipientId}/retry` }),
  "GET /api/ack/{token}": () => ({ path: `/api/ack/${token}` }),
  "POST /api/ack/{token}": () => ({
    path: `/api/ack/${token}`,
    body: { name: "Kepala BKPSDM", position: "Kepala Badan" },
  }),
  "POST /api/ack/{token}/report": () => ({
    path: `/api/ack/${token}/report`,
    body: { staffInformed: 12, informedOn: "2024-11-04", method: "apel" },
  }),
  "GET /api/audit": () => ({ path: "/api/audit?limit=5" }),
  "GET /api/audit/verify": () => ({ path: "/api/audit/verify" }),
  "POST /api/audit/verify": () => ({ path: "/api/audit/verify", body: { checkpoint: null } }),
  "GET /api/audit/verify/jobs/{id}": async () => {
    const started = await fx.json<{ job: { id: string } }>("POST", "/api/audit/verify", 202, { as: "inspektorat" });
    return { path: `/api/audit/verify/jobs/${started.job.id}` };
  },
  "GET /api/audit/checkpoint": () => ({ path: "/api/audit/checkpoint" }),
  "GET /.well-known/edaran-keys.json": () => ({ path: "/.well-known/edaran-keys.json" }),
  "POST /api/verify": () => ({ path: "/api/verify", raw: signedDocx }),
  // Public once sent: the sent letter (a signed one not sent yet is 404 to everyone, see below).
  "GET /api/verify/{id}": () => ({ path: `/api/verify/${sentId}` }),
  "GET /v/{id}/dokumen.docx": () => ({ path: `/v/${sentId}/dokumen.docx` }),
  "GET /v/{id}/dokumen.pdf": () => ({ path: `/v/${sentId}/dokumen.pdf` }),
  "POST /webhooks/resend": async () => {
    const w = await signedWebhook({
      type: "email.delivered",
      data: { email_id: `re_${++seq}`, tags: [{ name: "recipient_id", value: recipientId }] },
    });
    return { path: "/webhooks/resend", raw: w.raw, headers: w.headers };
  },
};

const keyOf = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/**
 * Routes whose request above names the secretariat's draft (draftId), which the head of BKPSDM neither
 * reviews nor received: a kepala_opd is listed for them but may only see its own letters (letter-access.ts).
 */
const notKepalaOpdsLetter = new Set([
  "GET /api/letters/{id}",
  "GET /api/letters/{id}/revisions",
  "GET /api/letters/{id}/events",
  "GET /api/letters/{id}/preview.docx",
  "POST /api/letters/{id}/transitions",
]);

type Outcome = "401" | "403" | "404" | "ok";
function expected(key: string, roles: readonly string[] | "public" | undefined, who: Caller): Outcome {
  if (roles === undefined) throw new Error("a documented route must say who may call it");
  if (roles === "public") return "ok";
  if (who === "anonymous") return "401";
  if (!roles.includes(who)) return "403";
  return who === "kepala_opd" && notKepalaOpdsLetter.has(key) ? "404" : "ok";
}
const outcomeOf = (status: number): Outcome =>
  status === 401 ? "401" : status === 403 ? "403" : status === 404 ? "404" : "ok";

const results: string[] = [];

describe("role × route matrix", () => {
  it("has a request for every documented route, and nothing undocumented", () => {
    expect(Object.keys(requests).sort()).toEqual(apiRoutes.map(keyOf).sort());
    expect([...notKepalaOpdsLetter].filter((k) => !(k in requests))).toEqual([]);
  });

  it("documents every API route the app serves", () => {
    // Hono lists middleware too (method ALL); the API is everything outside the HTML pages.
    const served = new Set(
      fx.rt.app.routes
        .filter(
          (r) =>
            r.method !== "ALL" && /^\/(api|\.well-known|webhooks|v\/:id\/dokumen|health|openapi|docs)/.test(r.path),
        )
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set([...apiRoutes.map(keyOf), "GET /openapi.json", "GET /docs"]);
    expect([...served].filter((k) => !documented.has(k)).sort()).toEqual([]);
  });

  for (const route of apiRoutes) {
    const key = keyOf(route);
    it(`${key}: ${route.roles === "public" ? "public" : (route.roles ?? []).join(", ")}`, async () => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      const statuses: string[] = [];
      for (const who of callers) {
        const build = requests[key];
        if (!build) throw new Error(`no request for ${key}`);
        const { path, as, ...opts } = await build(who);
        const res = await fx.call(route.method.toUpperCase(), path, { ...opts, as: as ?? who });
        const body = await res.text();
        // A 500 is never an acceptable answer in the matrix, whoever asks.
        expect(res.status, `${key} as ${who}: ${body.slice(0, 200)}`).toBeLessThan(500);
        got[who] = outcomeOf(res.status);
        want[who] = expected(key, route.roles, who);
        statuses.push(String(res.status));
      }
      results.push(`| ${key} | ${statuses.join(" | ")} |`);
      expect(got).toEqual(want);
    });
  }

  afterAll(() => {
    // The table for humans (and the report): the status each caller got.
    mkdirSync("test-output/http", { recursive: true });
    const head = `| route | ${callers.join(" | ")} |\n|---|${callers.map(() => "---").join("|")}|`;
    writeFileSync("test-output/http/role-matrix.md", `${head}\n${results.join("\n")}\n`);
  });
});

// Per letter: who may see its metadata and its file, by the letter's state. Each viewer reads through every
// route and page that serves the cell, and they must agree. The table is the policy written out (README,
// "Who sees a letter"): M = metadata shown, F = file served, gone = 410 letter_withdrawn, - = 404 (not
// revealed), · = that viewer has no link to this letter.
type LetterState = "draft" | "signed" | "sent_here" | "sent_elsewhere" | "withdrawn" | "withdrawn_unsent";
type Viewer = "sekretariat" | "inspektorat" | "kepala_reviewer" | "kepala_stranger" | "verify_link" | "ack_link";
type Cell = `${"M" | "-"} ${"F" | "gone" | "-"}` | "·";

const visibility: Record<Viewer, Record<LetterState, Cell>> = {
  // draft · signed, not sent · sent to BKPSDM · sent to DISHUB only · withdrawn after sending to BKPSDM ·
  // signed, withdrawn, never sent
  sekretariat: {
    draft: "M F",
    signed: "M F",
    sent_here: "M F",
    sent_elsewhere: "M F",
    withdrawn: "M gone",
    withdrawn_unsent: "M gone",
  },
  inspektorat: {
    draft: "M F",
    signed: "M F",
    sent_here: "M F",
    sent_elsewhere: "M F",
    withdrawn: "M gone",
    withdrawn_unsent: "M gone",
  },
  // The head of BKPSDM: the reviewer of every letter past draft, a recipient of those sent to BKPSDM.
  kepala_reviewer: {
    draft: "- -",
    signed: "M F",
    sent_here: "M F",
    sent_elsewhere: "M F",
    withdrawn: "M gone",
    withdrawn_unsent: "M gone",
  },
  // The head of DINKES: sent no letter, given none for paraf.
  kepala_stranger: {
    draft: "- -",
    signed: "- -",
    sent_here: "- -",
    sent_elsewhere: "- -",
    withdrawn: "- -",
    withdrawn_unsent: "- -",
  },
  // Anyone with /v/:id: a sent letter is a public circular; before sending nothing, after withdrawal DICABUT.
  verify_link: {
    draft: "- -",
    signed: "- -",
    sent_here: "M F",
    sent_elsewhere: "M F",
    withdrawn: "M gone",
    withdrawn_unsent: "- -",
  },
  // The BKPSDM head's personal acknowledgement link: only where the letter was sent to BKPSDM.
  ack_link: {
    draft: "·",
    signed: "·",
    sent_here: "M F",
    sent_elsewhere: "·",
    withdrawn: "M gone",
    withdrawn_unsent: "·",
  },
};

describe("per-letter visibility: viewer × letter state × (metadata, file)", () => {
  const letters = {} as Record<LetterState, { id: string; token: string | null }>;
  let stranger: { cookie: string };

  beforeAll(async () => {
    const withdraw = (id: string) =>
      fx.json("POST", `/api/letters/${id}/transitions`, 200, {
        as: "penandatangan",
        body: { action: "withdraw", reason: "Diganti surat baru" },
      });
    const sent = async (opdId: string) => {
      const { id } = await letterAt(fx, "signed");
      await sendLetter(fx, id, [opdId]);
      return id;
    };
    const tokenOf = async (id: string) => (await ackToken(fx, id, "BKPSDM")).token;
    letters.draft = { id: (await draftLetter(fx)).id, token: null };
    letters.signed = { id: (await letterAt(fx, "signed")).id, token: null };
    const here = await sent("BKPSDM");
    letters.sent_here = { id: here, token: await tokenOf(here) };
    letters.sent_elsewhere = { id: await sent("DISHUB"), token: null };
    const gone = await sent("BKPSDM");
    letters.withdrawn = { id: gone, token: await tokenOf(gone) };
    await withdraw(gone);
    const unsent = (await letterAt(fx, "signed")).id;
    await withdraw(unsent);
    letters.withdrawn_unsent = { id: unsent, token: null };
    stranger = { cookie: await fx.login("kepala-dinkes") };
  });

  /** One outcome for several routes that serve the same thing, or "≠" with each status when they disagree. */
  async function agreed(
    probes: { path: string; as?: CallOptions["as"] }[],
    read: (status: number) => string,
  ): Promise<string> {
    const statuses: number[] = [];
    for (const p of probes) statuses.push((await fx.call("GET", p.path, p.as ? { as: p.as } : {})).status);
    const outcomes = new Set(statuses.map(read));
    return outcomes.size === 1 ? [...outcomes][0]! : `≠ ${probes.map((p, i) => `${p.path}=${statuses[i]}`).join(" ")}`;
  }
  const metadataOf = (status: number) => (status === 200 ? "M" : status === 404 ? "-" : `?${status}`);
  const fileOf = (status: number) =>
    status === 200 ? "F" : status === 410 ? "gone" : status === 404 ? "-" : `?${status}`;

  async function observe(viewer: Viewer, state: LetterState): Promise<string> {
    const { id, token } = letters[state];
    if (viewer === "verify_link") {
      const m = await agreed([{ path: `/api/verify/${id}` }, { path: `/v/${id}` }], metadataOf);
      const files = [{ path: `/v/${id}/dokumen.docx` }, { path: `/v/${id}/dokumen.pdf` }];
      return `${m} ${await agreed(files, fileOf)}`;
    }
    if (viewer === "ack_link") {
      if (!token) return "·";
      // The page of a withdrawn letter answers 410 with its DICABUT notice: metadata shown, not the form.
      const ackPage = (s: number) => (s === 410 ? "M" : metadataOf(s));
      const m = `${await agreed([{ path: `/api/ack/${token}` }], metadataOf)}${await agreed([{ path: `/tanda-terima/${token}` }], ackPage)}`;
      return `${m === "MM" ? "M" : m} ${await agreed([{ path: `/tanda-terima/${token}/docx` }], fileOf)}`;
    }
    const as: CallOptions["as"] =
      viewer === "kepala_reviewer" ? "kepala_opd" : viewer === "kepala_stranger" ? stranger : viewer;
    const m = await agreed(
      [
        { path: `/api/letters/${id}`, as },
        { path: `/api/letters/${id}/events`, as },
        { path: `/surat/${id}`, as },
      ],
      metadataOf,
    );
    const files = [
      { path: `/api/letters/${id}/preview.docx`, as },
      { path: `/surat/${id}/docx`, as },
      ...(state === "draft" ? [] : [{ path: `/api/letters/${id}/signed.docx`, as }]),
      ...(state === "draft" ? [] : [{ path: `/api/letters/${id}/signed.pdf`, as }]),
      ...(state === "draft" ? [] : [{ path: `/surat/${id}/pdf`, as }]),
    ];
    return `${m} ${await agreed(files, fileOf)}`;
  }

  for (const viewer of Object.keys(visibility) as Viewer[]) {
    it(`${viewer} sees what the policy gives it, on every route and page`, async () => {
      const got: Record<string, string> = {};
      for (const state of Object.keys(visibility[viewer]) as LetterState[]) got[state] = await observe(viewer, state);
      expect(got).toEqual(visibility[viewer]);
    });
  }
});
