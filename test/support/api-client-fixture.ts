// A client of the HTTP API over any fetch, so one suite can walk the Node app (in-process) and the Worker
// (SELF.fetch inside workerd) alike. It logs in with the seeded accounts, one session per username.
import { expect } from "vitest";
import { ackTokenFor } from "../../src/domain/ack-token.js";
import { makeSampleBody } from "./sample-input-fixture.js";
import { passphraseBody, SIGNING_PASSPHRASE } from "./signer-fixture.js";

/** Where the API runs, and the two deployment secrets a client needs to stand in for people. */
export interface ApiTarget {
  /** A request to a path of the app (`/api/...`), answered by the app under test. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The password the seed accounts were created with. */
  seedPassword: string;
  /** The ACK_SECRET the links in the emails are derived from: the OPD head's token, without reading mail. */
  ackSecret: string;
}

export interface Session {
  cookie: string;
  user: { id: string; username: string; role: string };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  /** The parsed JSON body, or `{ text }` when the body is not JSON. */
  json: T;
}

/** The three people who take a letter from draft to signed. */
export interface Actors {
  sek: Session;
  ttd: Session;
  /** The head of BKPSDM, the one reviewer who gives paraf. */
  reviewer: Session;
}

export interface ApiClient {
  target: ApiTarget;
  /** Logs in with the seed password (expects 200); cached per username. */
  login(username: string): Promise<Session>;
  /** One JSON request; `body` is sent as application/json, a Uint8Array as is. */
  call<T = Record<string, unknown>>(
    session: Session | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>>;
  /** call() that expects `status` (200 unless given), showing the body when it differs. */
  ok<T = Record<string, unknown>>(
    session: Session | null,
    method: string,
    path: string,
    body?: unknown,
    status?: number,
  ): Promise<T>;
  actors(): Promise<Actors>;
  /** Create → submit → paraf → approve → sign; returns the letter id and its nomor. */
  signedSampleLetter(a: Actors, body?: Record<string, unknown>): Promise<{ id: string; nomor: string }>;
  /** The token in the acknowledgement link the recipient's head was sent. */
  ackToken(recipientId: string): Promise<string>;
}

export function makeApiClient(target: ApiTarget): ApiClient {
  const sessions = new Map<string, Session>();
  let passphraseSet = false;

  async function call<T>(session: Session | null, method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (session) headers.cookie = session.cookie;
    let payload: BodyInit | undefined;
    // A copy: BodyInit takes only ArrayBuffer-backed bytes.
    if (body instanceof Uint8Array) payload = new Uint8Array(body);
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await target.fetch(path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = { text };
    }
    // The caller names the shape it expects of this route's answer; the assertions check it.
    return { status: res.status, json: json as T };
  }

  async function ok<T>(session: Session | null, method: string, path: string, body?: unknown, status = 200) {
    const r = await call<T>(session, method, path, body);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.json).slice(0, 400)}`).toBe(status);
    return r.json;
  }

  async function login(username: string): Promise<Session> {
    const cached = sessions.get(username);
    if (cached) return cached;
    const res = await target.fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: target.seedPassword }),
    });
    expect(res.status, `login ${username}`).toBe(200);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { user } = (await res.json()) as { user: Session["user"] };
    const session = { cookie, user };
    sessions.set(username, session);
    return session;
  }

  return {
    target,
    login,
    call,
    ok,
    async actors() {
      const [sek, ttd, reviewer] = await Promise.all([
        login("sekretariat"),
        login("penandatangan"),
        login("kepala-bkpsdm"),
      ]);
      return { sek, ttd, reviewer };
    },
    async signedSampleLetter(a, body = makeSampleBody()) {
      const transition = (s: Session, id: string, t: Record<string, unknown>) =>
        ok<{ nomor: string }>(s, "POST", `/api/letters/${id}/transitions`, t);
      const { id } = await ok<{ id: string }>(a.sek, "POST", "/api/letters", body, 201);
      await transition(a.sek, id, { action: "submit", reviewers: [a.reviewer.user.id] });
      await transition(a.reviewer, id, { action: "paraf" });
      const { nomor } = await transition(a.ttd, id, { action: "approve" });
      if (!passphraseSet) await ok(a.ttd, "PUT", `/api/signers/${a.ttd.user.id}/passphrase`, passphraseBody);
      passphraseSet = true;
      await transition(a.ttd, id, { action: "sign", passphrase: SIGNING_PASSPHRASE });
      return { id, nomor };
    },
    ackToken: (recipientId) => ackTokenFor(target.ackSecret, recipientId),
  };
}
