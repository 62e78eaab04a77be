import { it, expect } from "vitest";
import { startPages } from "/work/main/test/http/pages/page-client.js";
it("smoke", async () => {
  const p = await startPages();
  const c = p.client();
  let r = await c.get("/surat");
  console.log(r.status, r.location);
  r = await c.login("sekretariat");
  console.log(r.status, r.location, r.html.slice(0,300));
  r = await c.follow(r);
  console.log(r.status, r.html.length);
  r = await c.get("/surat/baru");
  console.log(r.status, r.html.length, r.html.slice(0,200));
  await p.close();
});
