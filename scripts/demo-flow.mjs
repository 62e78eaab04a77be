#!/usr/bin/env node
// A walk through the whole API against a running server, as a secretariat would script it:
//   SEED_PASSWORD=rahasia123 npm start            (in one terminal)
//   node scripts/demo-flow.mjs http://localhost:8787
// Logs in as each role, drafts the sample letter (first with two mistakes), takes it through paraf, approval and
// signing, sends it to every OPD (after giving DISPORA an email), then checks the status, the audit chain and the
// signed file's verification, and that a copy with one changed byte is refused. DEMO_PASSWORD overrides the password.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = (process.argv[2] ?? "http://localhost:8787").replace(/\/+$/, "");
const password = process.env.DEMO_PASSWORD ?? "rahasia123";

async function login(username) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return { cookie: r.headers.get("set-cookie").split(";")[0], user: (await r.json()).user };
}

async function call(session, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { cookie: session.cookie, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text.slice(0, 200);
  }
  console.log(method, path, r.status, JSON.stringify(json).slice(0, 240));
  return json;
}

const sek = await login("sekretariat");
const ttd = await login("penandatangan");
const reviewer = await login("kepala-bkpsdm");
const insp = await login("inspektorat");

// The app's body: the kop comes from the Pemda profile and the signer is named by his account's capacity (the
// seeded sample signer), not typed.
const {
  government: _kop,
  issuer: _issuer,
  ...sample
} = JSON.parse(readFileSync(new URL("../data/samples/netralitas-pilkada-2024.json", import.meta.url), "utf8"));
const input = { ...sample, signer: { capacityId: "pj-wali-kota-bengkulu" } };
const bad = structuredClone(input);
bad.signer.capacityId = "bukan-kapasitas";
delete bad.tentang;
await call(sek, "POST", "/api/letters", bad); // 400: both problems, each with its path

const letter = await call(sek, "POST", "/api/letters", input);
const transition = (session, body) => call(session, "POST", `/api/letters/${letter.id}/transitions`, body);
await transition(sek, { action: "submit", reviewers: [reviewer.user.id] });
await transition(ttd, { action: "approve" }); // 409: the paraf is not in yet
await transition(reviewer, { action: "paraf" });
await transition(ttd, { action: "approve" });
const passphrase = "frasa-sandi-demo-ttd";
await call(ttd, "PUT", `/api/signers/${ttd.user.id}/passphrase`, { passphrase, currentPassphrase: passphrase });
await transition(ttd, { action: "sign", passphrase: "bukan-frasanya" }); // 400: wrong passphrase, still approved
await transition(ttd, { action: "sign", passphrase });
await transition(sek, { action: "send" }); // 409: DISPORA has no email address
await call(sek, "PATCH", "/api/opd/DISPORA", { email: "dispora@bengkulukota.go.id.example" });
await transition(sek, { action: "send" });
await new Promise((r) => setTimeout(r, 4000)); // the in-process outbox sends meanwhile
await call(insp, "GET", `/api/letters/${letter.id}/recipients`);
await call(insp, "GET", "/api/audit/verify");

const bytes = new Uint8Array(await (await fetch(`${base}/v/${letter.id}/dokumen.docx`)).arrayBuffer());
const out = join(mkdtempSync(join(tmpdir(), "edaran-demo-")), "surat-edaran.docx");
writeFileSync(out, bytes);
console.log("signed letter saved to", out);
const verify = async (b) => (await fetch(`${base}/api/verify`, { method: "POST", body: b })).json();
console.log("verify:", (await verify(bytes)).verdict);
bytes[5000] ^= 1;
console.log("verify one changed byte:", (await verify(bytes)).verdict);
