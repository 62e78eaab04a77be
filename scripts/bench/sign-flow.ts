// The sign step as the API takes it, over any fetch (the Node app in-process, or the Worker in a local workerd):
// the seeded sekretariat drafts the sample letter, the head of BKPSDM gives paraf, the penandatangan approves and
// signs it with his passphrase. Only the sign request is timed; each signed letter's PDF is fetched back and must
// be a PAdES-signed PDF, so a sign that silently made the DOCX alone cannot pass for one.
import { makeSampleBody } from "../../test/support/sample-input-fixture.js";
import { passphraseBody, SIGNING_PASSPHRASE } from "../../test/support/signer-fixture.js";

/** The part of RequestInit the flow sends: both the Node app's and miniflare's fetch take it. */
export interface FlowRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
export type Fetch = (path: string, init?: FlowRequest) => Promise<Response>;

export interface SignFlow {
  /** Drafts, reviews and approves one letter, then signs it; the wall time of the sign request alone, in ms. */
  signOneLetter(): Promise<number>;
}

export async function startSignFlow(fetch: Fetch, seedPassword: string): Promise<SignFlow> {
  async function call(cookie: string | null, method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (cookie) headers.cookie = cookie;
    const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }
  async function login(username: string): Promise<{ cookie: string; id: string }> {
    const res = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: seedPassword }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { user } = (await res.json()) as { user: { id: string } }; // cast: the login route's answer shape
    return { cookie, id: user.id };
  }
  const [sek, ttd, reviewer] = [await login("sekretariat"), await login("penandatangan"), await login("kepala-bkpsdm")];
  await call(ttd.cookie, "PUT", `/api/signers/${ttd.id}/passphrase`, passphraseBody);
  const transition = (cookie: string, id: string, t: Record<string, unknown>) =>
    call(cookie, "POST", `/api/letters/${id}/transitions`, t);

  return {
    async signOneLetter() {
      const { id } = (await call(sek.cookie, "POST", "/api/letters", makeSampleBody())) as { id: string };
      await transition(sek.cookie, id, { action: "submit", reviewers: [reviewer.id] });
      await transition(reviewer.cookie, id, { action: "paraf" });
      await transition(ttd.cookie, id, { action: "approve" });
      const t = performance.now();
      await transition(ttd.cookie, id, { action: "sign", passphrase: SIGNING_PASSPHRASE });
      const ms = performance.now() - t;
      const pdf = await fetch(`/api/letters/${id}/signed.pdf`, { headers: { cookie: sek.cookie } });
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      const text = new TextDecoder("latin1").decode(bytes);
      if (pdf.status !== 200 || !text.startsWith("%PDF-") || !text.includes("/ETSI.CAdES.detached"))
        throw new Error(`letter ${id}: no PAdES-signed PDF after the sign step (${pdf.status})`);
      return ms;
    },
  };
}
