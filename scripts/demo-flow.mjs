const base = process.argv[2];
const fs = await import("node:fs");
async function login(u) {
  const r = await fetch(base + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: u, password: "rahasia123" }) });
  const cookie = r.headers.get("set-cookie").split(";")[0];
  const body = await r.json();
  return { cookie, user: body.user };
}
async function call(s, method, path, body) {
  const r = await fetch(base + path, { method, headers: { cookie: s.cookie, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  const t = await r.text();
  let j; try { j = JSON.parse(t) } catch { j = t.slice(0, 200) }
  console.log(method, path, r.status, JSON.stringify(j).slice(0, 300));
  return j;
}
const sek = await login("sekretariat"), ttd = await login("penandatangan"), rev = await login("kepala-bkpsdm"), insp = await login("inspektorat");
const input = JSON.parse(fs.readFileSync("data/samples/netralitas-pilkada-2024.json", "utf8"));
const bad = structuredClone(input); bad.issuer.nip = "123"; delete bad.tentang;
await call(sek, "POST", "/api/letters", bad);
const L = await call(sek, "POST", "/api/letters", input);
await call(sek, "POST", `/api/letters/${L.id}/transitions`, { action: "submit", reviewers: [rev.user.id] });
await call(ttd, "POST", `/api/letters/${L.id}/transitions`, { action: "approve" });
await call(rev, "POST", `/api/letters/${L.id}/transitions`, { action: "paraf" });
await call(ttd, "POST", `/api/letters/${L.id}/transitions`, { action: "approve" });
await call(ttd, "POST", `/api/letters/${L.id}/transitions`, { action: "sign" });
await call(sek, "POST", `/api/letters/${L.id}/transitions`, { action: "send" });
await call(sek, "PATCH", `/api/opd/DISPORA`, { email: "dispora@bengkulukota.go.id.example" });
await call(sek, "POST", `/api/letters/${L.id}/transitions`, { action: "send" });
await new Promise(r => setTimeout(r, 4000));
await call(insp, "GET", `/api/letters/${L.id}/recipients`);
await call(insp, "GET", `/api/audit/verify`);
const d = await fetch(base + `/v/${L.id}/dokumen.docx`); const bytes = new Uint8Array(await d.arrayBuffer()); fs.writeFileSync("/tmp/signed.docx", bytes);
let r = await fetch(base + "/api/verify", { method: "POST", body: bytes }); console.log("verify", await r.text());
bytes[5000] ^= 1; r = await fetch(base + "/api/verify", { method: "POST", body: bytes }); console.log("verify tampered", await r.text());
console.log("LETTER", L.id);
