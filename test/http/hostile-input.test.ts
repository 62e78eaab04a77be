// A hostile-input run over every write route: each API route of api-spec.ts and each page form gets a handful of
// hostile bodies (wrong types, deep nesting, huge strings, control characters, missing fields, the wrong content
// type, an empty body) from a role allowed to call it. Nothing may answer 5xx; every 4xx of the API is the error
// envelope with a code (and, for a validation failure, issues that name a field); every 4xx page says why.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueActivationLink } from "../../src/auth/activate-account.js";
import { createUserAccount } from "../../src/auth/create-user.js";
import { ackTokenFor } from "../../src/domain/ack-token.js";
import type { Role } from "../../src/domain/roles.js";
import { createLetter } from "../../src/drafting/create-letter.js";
import { apiRoutes } from "../../src/http/api-spec.js";
import { MAX_JSON_DEPTH } from "../../src/http/validate.js";
import { addSignerCapacity } from "../../src/signer/signer-capacities.js";
import { acknowledge } from "../../src/track/acknowledge.js";
import { WEBHOOK_SECRET } from "../support/api-fixture.js";
import {
  makePagesFixture,
  makeTestInput,
  PASSWORD,
  type PageClient,
  type PageResponse,
  type PagesFixture,
  sentLetter,
  userId,
} from "../support/pages-fixture.js";

const ORIGIN = "http://localhost:8787";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** Every field name any write route or form reads, so a hostile body reaches each schema's fields. */
const FIELDS = [
  "name",
  "position",
  "staffInformed",
  "informedOn",
  "method",
  "note",
  "action",
  "comment",
  "reason",
  "reviewers",
  "opdIds",
  "opds",
  "confirm",
  "username",
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "displayName",
  "role",
  "opdId",
  "jabatan",
  "nip",
  "disabled",
  "head_name",
  "head_title",
  "headName",
  "email",
  "id",
  "pattern",
  "checkpoint",
  "tentang",
  "employeeName",
  "employeeNip",
  "employeeStatus",
  "act",
  "evidence",
  "status",
  "next",
] as const;

const every = (value: unknown) => Object.fromEntries(FIELDS.map((f) => [f, value]));
let deep: unknown = "dalam";
for (let i = 0; i < 1000; i++) deep = [deep];

const CONTROL = "Nama\u0000NUL\u001b[31m\u0007\u007f\u0085";
const HUGE = "x".repeat(200_000);

interface Body {
  label: string;
  type: string | null;
  raw: string;
  /** The body is a JSON object with fields (not a scalar, an array or nothing). */
  fielded: boolean;
}

const json = (label: string, v: unknown, fielded = true): Body => ({
  label,
  type: "application/json",
  raw: JSON.stringify(v),
  fielded,
});

const API_BODIES: Body[] = [
  json("missing fields", {}, false),
  json("wrong root type (array)", [1, 2], false),
  json("wrong root type (string)", "teks", false),
  json("wrong root type (number)", 42, false),
  json("null", null, false),
  json("wrong types (booleans)", every(true)),
  json("wrong types (objects and arrays)", { ...every({ a: [1] }), action: "paraf" }),
  json("deep nesting", { ...every(deep), action: "return" }),
  json("huge strings", { ...every(HUGE), action: "return" }),
  json("control characters", { ...every(CONTROL), action: "withdraw" }),
  json("booleans as numbers", { ...every(1), staffInformed: true, disabled: "true", action: "submit" }),
  { label: "invalid JSON", type: "application/json", raw: '{"name": "a",', fielded: false },
  { label: "empty body", type: "application/json", raw: "", fielded: false },
  { label: "wrong content type", type: "text/plain", raw: JSON.stringify(every("a")), fielded: false },
  { label: "no content type", type: null, raw: "name=a", fielded: false },
];

type Fields = Record<string, string | string[]>;
const formOf = (v: string | string[]) => Object.fromEntries(FIELDS.map((f) => [f, v])) as Fields;

const PAGE_BODIES: { label: string; fields: Fields | null; type?: string }[] = [
  { label: "missing fields", fields: {} },
  { label: "huge strings", fields: formOf(HUGE) },
  { label: "control characters", fields: formOf(CONTROL) },
  // Text where a number, date or choice belongs; free text (a reason, a name) too short, as any text would do.
  {
    label: "wrong types",
    fields: {
      ...formOf("bukan-angka"),
      staffInformed: "true",
      informedOn: "kemarin",
      reason: "",
      name: "x",
      position: "y",
    },
  },
  { label: "repeated fields", fields: formOf([CONTROL, "a", "b"]) },
  { label: "json instead of a form", fields: null, type: "application/json" },
  { label: "empty body", fields: null },
];

let p: PagesFixture;
const ids = {
  draft: "",
  sent: "",
  outbox: "",
  ackNew: "",
  ackDone: "",
  throwaway: "",
  signer: "",
  capacity: "",
  activation: "",
};
const cookies = new Map<Role, string>();
let ip = 0;
/** A fresh client address per request, so a rate limit never hides what the schema answers. */
const nextIp = () => `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;

beforeAll(async () => {
  p = await makePagesFixture({ env: { RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET } });
  const rt = p.runtime;
  const sent = await sentLetter(rt, makeTestInput());
  ids.sent = sent.letterId;
  const sek = { id: await userId(rt, "sekretariat"), role: "sekretariat" as const };
  ids.draft = (await createLetter(rt.services, sek, makeTestInput())).id;
  const outbox = await rt.store.db.selectFrom("outbox").select("id").executeTakeFirstOrThrow();
  ids.outbox = outbox.id;
  ids.ackNew = await ackTokenFor(rt.services.config.ackSecret, sent.recipientIds.get("BKPSDM")!);
  ids.ackDone = await ackTokenFor(rt.services.config.ackSecret, sent.recipientIds.get("DINKES")!);
  await acknowledge(rt.store, rt.services.clock, ids.ackDone, {
    name: "dr. Susilawati",
    position: "Kepala Dinas",
    ip: null,
    userAgent: null,
  });
  // The account the admin's disable / enable / reset forms are aimed at, so the run logs nobody else out.
  const admin = await userId(rt, "admin");
  const made = await createUserAccount(rt.services, admin, {
    username: "sasaran-uji",
    displayName: "Sasaran Uji",
    role: "inspektorat",
  });
  ids.throwaway = made.user.id;
  // A live activation link of that account, so the /aktivasi form reaches its password rules.
  ids.activation = (await issueActivationLink(rt.services, admin, ids.throwaway)).token;
  // The sample signer, and a capacity of his the admin's "akhiri" form is aimed at.
  ids.signer = await userId(rt, "penandatangan");
  const withCapacity = await addSignerCapacity(rt.services, { id: admin, role: "admin" }, ids.signer, {
    prefix: "Plh.",
    principal: "Wali Kota Bengkulu",
    validFrom: "2024-01-01",
    validUntil: "2099-12-31",
  });
  ids.capacity = withCapacity.capacities.find((c) => c.prefix === "Plh.")!.id;
  for (const [role, username] of [
    ["sekretariat", "sekretariat"],
    ["penandatangan", "penandatangan"],
    ["inspektorat", "inspektorat"],
    ["admin", "admin"],
    ["kepala_opd", "kepala-bkpsdm"],
  ] as const) {
    const res = await rt.app.request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": nextIp() },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status, username).toBe(200);
    cookies.set(role, (res.headers.get("set-cookie") ?? "").split(";")[0]!);
  }
}, 60_000);
afterAll(async () => p.close());

/** No hostile body got through: the draft is as created, the link neither acknowledged nor reported on. */
async function expectNothingAccepted(): Promise<void> {
  const db = p.runtime.store.db;
  const draft = await db
    .selectFrom("letters")
    .select(["status", "revision"])
    .where("id", "=", ids.draft)
    .executeTakeFirstOrThrow();
  expect(draft).toEqual({ status: "draft", revision: 1 });
  const recipients = await db
    .selectFrom("recipients")
    .select(["opd_id", "acknowledged_at", "report_json"])
    .where("letter_id", "=", ids.sent)
    .where("opd_id", "in", ["BKPSDM", "DINKES"])
    .orderBy("opd_id")
    .execute();
  expect(recipients.map((r) => [r.opd_id, r.acknowledged_at !== null, r.report_json])).toEqual([
    ["BKPSDM", false, null],
    ["DINKES", true, null],
  ]);
}

/** A concrete path for a route pattern of api-spec.ts, with ids that let the request reach its schema. */
function apiPath(pattern: string): string {
  const path = pattern.replace(/#.*$/, "");
  if (path.startsWith("/api/ack/{token}/report")) return path.replace("{token}", ids.ackDone);
  if (path.startsWith("/api/ack/")) return path.replace("{token}", ids.ackNew);
  if (path.startsWith("/api/users/")) return path.replace("{id}", ids.throwaway);
  if (path.startsWith("/api/opd/")) return path.replace("{id}", "DINKES");
  if (path.startsWith("/api/letters/")) return path.replace("{id}", ids.draft);
  if (path.startsWith("/api/outbox/")) return path.replace("{id}", ids.outbox);
  return path.replace(/\{[^}]+\}/g, UNKNOWN);
}

/** The first role a route lists (the spec's roles are plain strings); null for a public route. */
function callerOf(roles: "public" | readonly string[] | undefined): Role | null {
  if (roles === undefined || roles === "public") return null;
  const first = roles[0];
  return first && cookies.has(first as Role) ? (first as Role) : null;
}

interface Problem {
  where: string;
  status: number;
  body: string;
}

/** Why an API answer breaks the rules, or null when it keeps them. */
async function apiProblem(res: Response, body: Body): Promise<string | null> {
  if (res.status >= 500) return "5xx";
  if (res.status < 400) return null;
  const text = await res.text();
  let parsed: { error?: { code?: unknown; message?: unknown; issues?: { path?: unknown; message?: unknown }[] } };
  try {
    parsed = JSON.parse(text);
  } catch {
    return `4xx without the JSON envelope: ${text.slice(0, 200)}`;
  }
  const e = parsed.error;
  if (typeof e?.code !== "string" || typeof e.message !== "string" || e.message === "")
    return `4xx without error.code and message: ${text.slice(0, 200)}`;
  if (e.code === "validation_failed") {
    const issues = e.issues ?? [];
    if (!issues.length) return "validation_failed without issues";
    for (const i of issues)
      if (typeof i.path !== "string" || i.path === "" || typeof i.message !== "string" || i.message === "")
        return `an issue without a field or message: ${JSON.stringify(i)}`;
    // A body with fields is answered field by field; a whole-body issue must name the fields it means (an unknown
    // key is reported once at the root: "Kolom tidak dikenal: a, b").
    const named = (i: { path?: unknown; message?: unknown }) =>
      i.path !== "(root)" || /^Kolom tidak (dikenal|dapat diubah): \S/.test(String(i.message));
    if (body.fielded && !issues.every(named)) return `an issue names no field: ${text.slice(0, 300)}`;
  }
  return null;
}

/** The reason a 4xx page shows: a field's message, an error flash or summary, or the error page's text. */
function pageReason(html: string): string | null {
  const patterns = [
    /class="field-error"[^>]*>([^<]+)</,
    /class="flash flash-(?:error|warning)"[^>]*>\s*(?:<strong>)?([^<\s][^<]*)</,
    /data-status="4\d\d"[^>]*>\s*<h1>[^<]*<\/h1>\s*<p>([^<]+)</,
    /<h1>[^<]+<\/h1>\s*<p>([^<]+)</,
  ];
  for (const re of patterns) {
    const m = re.exec(html);
    if (m?.[1]?.trim()) return m[1].trim();
  }
  return null;
}

describe("hostile input over every API write route", () => {
  const writes = apiRoutes.filter((r) => r.method !== "get");

  it("covers every write route the app serves", () => {
    const documented = new Set(
      writes.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/#.*$/, "").replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const served = p.runtime.app.routes
      .filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) && /^\/(api|webhooks)\//.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it("answers no 5xx, and every 4xx with the envelope and issues that name a field", async () => {
    const problems: Problem[] = [];
    let requests = 0;
    for (const route of writes) {
      const caller = callerOf(route.roles);
      const path = apiPath(route.path);
      for (const body of API_BODIES) {
        const headers: Record<string, string> = { "X-Forwarded-For": nextIp() };
        if (body.type) headers["Content-Type"] = body.type;
        if (caller) headers.Cookie = cookies.get(caller)!;
        const res = await p.runtime.app.request(`${ORIGIN}${path}`, {
          method: route.method.toUpperCase(),
          headers,
          body: body.raw,
        });
        requests++;
        const problem = await apiProblem(res, body);
        if (problem)
          problems.push({
            where: `${route.method} ${path} as ${caller ?? "anonymous"}`,
            status: res.status,
            body: `${body.label}: ${problem}`,
          });
      }
    }
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThan(200);
    await expectNothingAccepted();
  }, 120_000);

  it(`refuses nesting past ${MAX_JSON_DEPTH} levels at the field, before any schema`, async () => {
    const res = await p.runtime.app.request(`${ORIGIN}/api/letters`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookies.get("sekretariat")! },
      body: JSON.stringify({ tentang: deep }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed", issues: [{ path: "tentang" }] } });
  });
});

interface PageTarget {
  path: string;
  /** Signed in as this role; null for the public forms (login, acknowledgement link, verification). */
  role: Role | null;
  multipart?: boolean;
}

function pageTargets(): PageTarget[] {
  const letterActions: PageTarget[] = ["ajukan", "paraf", "kembalikan", "kirim", "tarik", "cabut"].map((a) => ({
    path: `/surat/${ids.draft}/${a}`,
    role: "sekretariat",
  }));
  return [
    { path: "/masuk", role: null },
    { path: "/surat", role: "sekretariat" },
    { path: `/surat/${ids.draft}/ubah`, role: "sekretariat" },
    ...letterActions,
    { path: `/surat/${ids.draft}/setujui`, role: "penandatangan" },
    { path: `/surat/${ids.draft}/tandatangani`, role: "penandatangan" },
    { path: `/surat/${ids.sent}/kirim-ulang/${ids.outbox}`, role: "sekretariat" },
    { path: `/tanda-terima/${ids.ackNew}`, role: null },
    { path: `/tanda-terima/${ids.ackDone}/laporan`, role: null, multipart: true },
    { path: `/v/${ids.sent}`, role: null, multipart: true },
    { path: "/inspektorat/audit/periksa", role: "inspektorat" },
    { path: "/inspektorat/pelanggaran", role: "inspektorat" },
    { path: `/inspektorat/pelanggaran/${ids.draft}`, role: "inspektorat" },
    { path: "/opd/DINKES", role: "sekretariat" },
    { path: "/akun/kata-sandi", role: "kepala_opd" },
    { path: "/admin/pengguna", role: "admin" },
    { path: `/admin/pengguna/${ids.throwaway}`, role: "admin" },
    { path: `/admin/pengguna/${ids.throwaway}/nonaktifkan`, role: "admin" },
    { path: `/admin/pengguna/${ids.throwaway}/aktifkan`, role: "admin" },
    { path: `/admin/pengguna/${ids.throwaway}/atur-ulang-sandi`, role: "admin" },
    { path: `/penandatangan/${ids.signer}`, role: "admin" },
    { path: `/penandatangan/${ids.signer}/kapasitas`, role: "admin" },
    { path: `/penandatangan/${ids.signer}/kapasitas/${ids.capacity}/akhiri`, role: "admin" },
    { path: `/penandatangan/${ids.signer}/frasa-sandi`, role: "penandatangan" },
    { path: `/penandatangan/${ids.signer}/frasa-sandi/setel-ulang`, role: "admin" },
    { path: "/admin/dasar-hukum", role: "sekretariat" },
    { path: "/admin/profil-pemda", role: "admin" },
    { path: "/admin/profil-pemda/gambar/lambang", role: "admin", multipart: true },
    // An entry the fixture's letters do not cite; reactivated right after.
    { path: "/admin/dasar-hukum/uu-25-2009-pelayanan-publik/nonaktifkan", role: "admin" },
    { path: "/admin/dasar-hukum/uu-25-2009-pelayanan-publik/aktifkan", role: "admin" },
    // Open only while no admin has a password: here (SEED_PASSWORD) it refuses every body with its reason.
    { path: "/pasang", role: null },
    { path: `/aktivasi/${ids.activation}`, role: null },
    { path: `/admin/pengguna/${ids.throwaway}/tautan-aktivasi`, role: "admin" },
    // Last: it ends the session it is posted with.
    { path: "/keluar", role: "kepala_opd" },
  ];
}

const PAGE_LOGIN: Record<Role, string> = {
  sekretariat: "sekretariat",
  penandatangan: "penandatangan",
  inspektorat: "inspektorat",
  admin: "admin",
  kepala_opd: "kepala-bkpsdm",
};

/** A POST the page client cannot make: a body that is no form at all, with the client's cookies. */
async function rawPost(c: PageClient, path: string, body: string, type?: string) {
  const headers: Record<string, string> = {
    Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    "X-Forwarded-For": nextIp(),
  };
  if (type) headers["Content-Type"] = type;
  const res = await p.runtime.app.request(`${ORIGIN}${path}`, { method: "POST", headers, body, redirect: "manual" });
  return { status: res.status, html: await res.text(), headers: res.headers, location: res.headers.get("Location") };
}

describe("hostile input over every page form", () => {
  it("covers every POST route of the pages", () => {
    const patterns = pageTargets().map((t) =>
      t.path
        .replace(ids.draft, ":id")
        .replace(ids.sent, ":id")
        .replace(ids.outbox, ":outboxId")
        .replace(ids.ackNew, ":token")
        .replace(ids.ackDone, ":token")
        .replace(ids.throwaway, ":id")
        .replace(ids.activation, ":token")
        .replace(ids.capacity, ":capacityId")
        .replace(ids.signer, ":userId")
        .replace("/opd/DINKES", "/opd/:id")
        .replace("/dasar-hukum/uu-25-2009-pelayanan-publik/", "/dasar-hukum/:id/")
        .replace("/gambar/lambang", "/gambar/:slot"),
    );
    const served = p.runtime.app.routes
      .filter((r) => r.method === "POST" && !/^\/(api|webhooks)\//.test(r.path))
      .map((r) => r.path.replace(/\/:action$/, "/ajukan").replace("/:id/nonaktifkan", "/:id/nonaktifkan"));
    expect([...new Set(served)].filter((r) => !patterns.includes(r))).toEqual([]);
  });

  it("answers no 5xx, and every 4xx page says why", async () => {
    const problems: Problem[] = [];
    const clients = new Map<Role, PageClient>();
    const signedIn = async (role: Role) => {
      let c = clients.get(role);
      if (!c) {
        c = p.client(nextIp());
        const r = await c.login(PAGE_LOGIN[role]);
        expect(r.status, role).toBe(303);
        await c.get("/masuk");
        clients.set(role, c);
      }
      return c;
    };
    for (const target of pageTargets()) {
      for (const body of PAGE_BODIES) {
        let c: PageClient;
        if (target.role) c = await signedIn(target.role);
        else {
          c = p.client(nextIp());
          await c.get("/masuk");
        }
        let res: PageResponse;
        if (body.fields === null) {
          res = await rawPost(c, target.path, body.type ? JSON.stringify({ _csrf: c.csrf }) : "", body.type);
        } else if (target.multipart) {
          const form = new FormData();
          for (const [k, v] of Object.entries(body.fields))
            for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
          form.append(
            "attachment",
            new File([new Uint8Array([0, 1, 2])], "x.exe", { type: "application/x-msdownload" }),
          );
          form.append("file", new File([new Uint8Array([0, 1, 2])], "x.docx"));
          res = await c.postMultipart(target.path, form);
        } else res = await c.post(target.path, body.fields);
        const where = `POST ${target.path} as ${target.role ?? "anonymous"} (${body.label})`;
        if (res.status >= 500) problems.push({ where, status: res.status, body: res.html.slice(0, 300) });
        else if (res.status >= 400) {
          if (!(res.headers.get("Content-Type") ?? "").includes("text/html"))
            problems.push({ where, status: res.status, body: `not a page: ${res.html.slice(0, 200)}` });
          else if (!pageReason(res.html))
            problems.push({ where, status: res.status, body: "the page shows no reason" });
        }
      }
    }
    expect(problems).toEqual([]);
    await expectNothingAccepted();
  }, 120_000);
});
