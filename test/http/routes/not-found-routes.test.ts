// Unknown addresses: a person's browser gets a page with a way back, API clients keep the JSON envelope;
// /favicon.ico and the English /login guess are answered instead of 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, makeApiFixture } from "../../support/api-fixture.js";

const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
let f: ApiFixture;

beforeAll(async () => {
  f = await makeApiFixture();
});
afterAll(async () => {
  await f.close();
});

describe("not found", () => {
  it("shows a browser an HTML 'Halaman tidak ditemukan' page that links to the login page", async () => {
    const res = await f.call("GET", "/tidak-ada/sama-sekali", { headers: BROWSER });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain("Halaman tidak ditemukan");
    expect(html).toContain('href="/masuk"');
    expect(html).not.toContain('"not_found"');
  });

  it("links a signed-in user back to the home page", async () => {
    const res = await f.call("GET", "/surat-yang-salah", { as: "sekretariat", headers: BROWSER });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Halaman tidak ditemukan");
    expect(html).toContain('href="/"');
  });

  it("keeps the JSON envelope under /api/, /.well-known/ and /webhooks/ even for a browser", async () => {
    for (const path of ["/api/tidak-ada", "/.well-known/tidak-ada", "/webhooks/tidak-ada"]) {
      const res = await f.call("GET", path, { headers: BROWSER });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "Alamat tidak ditemukan" } });
    }
  });

  it("answers JSON to a client that does not accept HTML", async () => {
    for (const accept of [undefined, "application/json", "*/*"]) {
      const res = await f.call("GET", "/tidak-ada", accept ? { headers: { accept } } : {});
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("serves a small SVG favicon at /favicon.ico", async () => {
    const res = await f.call("GET", "/favicon.ico", {
      headers: { accept: "image/avif,image/webp,image/png,image/svg+xml,image/*,*/*;q=0.8" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/);
    expect(svg.length).toBeLessThan(1024);
  });

  it("redirects /login to the login page /masuk, keeping the query", async () => {
    const plain = await f.call("GET", "/login", { headers: BROWSER });
    expect(plain.status).toBe(302);
    expect(plain.headers.get("location")).toBe("/masuk");
    const withNext = await f.call("GET", "/login?next=%2Fsurat", { headers: BROWSER });
    expect(withNext.headers.get("location")).toBe("/masuk?next=%2Fsurat");
    const page = await f.call("GET", "/masuk", { headers: BROWSER });
    expect(page.status).toBe(200);
  });
});
