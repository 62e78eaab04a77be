// Walks the API inside workerd the way a client would: SELF.fetch into the Worker's fetch handler.
import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import sample from "../../data/samples/netralitas-pilkada-2024.json" with { type: "json" };

export const BASE = "https://edaran.test";

export interface Session {
  cookie: string;
  user: { id: string; username: string; role: string };
}

export function sampleInput(): typeof sample {
  return structuredClone(sample);
}

export async function login(username: string, password: string = env.SEED_PASSWORD): Promise<Session> {
  const res = await SELF.fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, `login ${username}`).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const body = (await res.json()) as { user: Session["user"] };
  return { cookie, user: body.user };
}

export async function call(
  session: Session | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await SELF.fetch(`${BASE}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: res.status, json };
}

/** Calls and expects the status, showing the body when it differs. */
export async function ok(session: Session | null, method: string, path: string, body?: unknown, status = 200) {
  const r = await call(session, method, path, body);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.json).slice(0, 400)}`).toBe(status);
  return r.json;
}

export interface Actors {
  sek: Session;
  ttd: Session;
  reviewer: Session;
}

export async function actors(): Promise<Actors> {
  const [sek, ttd, reviewer] = await Promise.all([
    login("sekretariat"),
    login("penandatangan"),
    login("kepala-bkpsdm"),
  ]);
  return { sek, ttd, reviewer };
}

/** Create → submit → paraf → approve → sign; returns the letter id and its nomor. */
export async function signedSampleLetter(a: Actors): Promise<{ id: string; nomor: string }> {
  const created = await ok(a.sek, "POST", "/api/letters", sampleInput(), 201);
  const id = created.id as string;
  await ok(a.sek, "POST", `/api/letters/${id}/transitions`, { action: "submit", reviewers: [a.reviewer.user.id] });
  await ok(a.reviewer, "POST", `/api/letters/${id}/transitions`, { action: "paraf" });
  const approved = await ok(a.ttd, "POST", `/api/letters/${id}/transitions`, { action: "approve" });
  await ok(a.ttd, "POST", `/api/letters/${id}/transitions`, { action: "sign" });
  return { id, nomor: approved.nomor as string };
}
