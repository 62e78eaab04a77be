// /openapi.json and /docs: generated from api-spec.ts and the routes' zod schemas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "../../../src/http/api-spec.js";
import { type ApiFixture, makeApiFixture, PUBLIC_URL } from "../../support/api-fixture.js";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await makeApiFixture();
});
afterAll(async () => {
  await fx.close();
});

interface Operation {
  summary: string;
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: {
    content: {
      "application/json": {
        schema: { type?: string; properties?: Record<string, unknown>; oneOf?: unknown[]; anyOf?: unknown[] };
      };
    };
  };
  responses: Record<string, { description: string }>;
  security?: unknown[];
  "x-roles"?: string[];
  "x-variants"?: { name: string }[];
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document with every route of api-spec.ts, its parameters and request schemas", async () => {
    const doc = await fx.json<OpenApiDoc>("GET", "/openapi.json", 200);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.servers).toEqual([{ url: PUBLIC_URL }]);
    expect(doc.components.schemas.Error).toBeTruthy();
    for (const key of Object.keys(doc.paths)) expect(key, "a path key").toMatch(/^\/[A-Za-z0-9_.\-/{}]*$/);

    for (const r of apiRoutes) {
      const [path, variant] = r.path.split("#") as [string, string | undefined];
      const op = doc.paths[path]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeTruthy();
      if (!op) continue;
      if (variant) {
        expect(op["x-variants"]?.map((v) => v.name)).toContain(variant);
        continue;
      }
      expect(op.summary).toBe(r.summary);
      // Every {param} of the path is declared.
      const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(declared).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      if (r.body) expect(op.requestBody?.content["application/json"].schema, `${r.path} body`).toBeTruthy();
      else expect(op.requestBody).toBeUndefined();
      if (r.query)
        expect(
          (op.parameters ?? []).some((p) => p.in === "query"),
          `${r.path} query`,
        ).toBe(true);
      if (r.roles === "public") expect(op.security).toEqual([]);
      else expect(op["x-roles"]).toEqual(r.roles);
      for (const code of Object.keys(op.responses)) expect(code).toMatch(/^[1-5]\d\d$/);
    }
  });

  it("describes the letter body with the sample's fields and the list query with limit and offset", async () => {
    const doc = await fx.json<OpenApiDoc>("GET", "/openapi.json", 200);
    const letterBody = doc.paths["/api/letters"]!.post!.requestBody!.content["application/json"].schema;
    expect(Object.keys(letterBody.properties ?? {})).toEqual(
      expect.arrayContaining(["issuer", "nomor", "tentang", "sections"]),
    );
    const query = doc.paths["/api/letters"]!.get!.parameters!.map((p) => p.name);
    expect(query).toEqual(expect.arrayContaining(["status", "q", "limit", "offset"]));
    const transition =
      doc.paths["/api/letters/{id}/transitions"]!.post!.requestBody!.content["application/json"].schema;
    expect(JSON.stringify(transition)).toContain('"withdraw"');
  });
});

describe("GET /docs", () => {
  it("answers a readable HTML page listing the routes", async () => {
    const res = await fx.call("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("/openapi.json");
    for (const r of apiRoutes) expect(html).toContain(r.path);
  });
});

describe("unknown API addresses", () => {
  it("answer the JSON 404 envelope, for an unknown path and an unknown method alike", async () => {
    for (const [method, path] of [
      ["GET", "/api/tidak-ada"],
      ["DELETE", "/api/letters"],
      ["GET", "/api/letters/x/y/z"],
    ] as const) {
      const res = await fx.call(method, path, { as: "admin" });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });
});
