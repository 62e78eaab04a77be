// The OpenAPI document is built from the same zod schemas the routes validate with, so the
// docs cannot drift from what the API accepts. Routes describe themselves in api-spec.ts.
import { z } from "zod";

export interface RouteDoc {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string; // OpenAPI style: /api/letters/{id}
  summary: string;
  tag: string;
  roles?: readonly string[] | "public";
  body?: z.ZodType;
  query?: z.ZodType;
  responses?: Record<string, string>;
}

function schemaOf(s: z.ZodType) {
  // io: "input" describes what a client sends (defaults optional).
  return z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
}

interface Operation {
  summary: string;
  tags: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
  "x-roles"?: readonly string[];
  "x-variants"?: unknown[];
}

export function buildOpenApi(
  routes: readonly RouteDoc[],
  info: { title: string; version: string; serverUrl?: string },
) {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const query: unknown[] = [];
    if (r.query) {
      const js = schemaOf(r.query);
      for (const [name, schema] of Object.entries(js.properties ?? {})) {
        query.push({ name, in: "query", required: js.required?.includes(name) ?? false, schema });
      }
    }
    const op: Operation = {
      summary: r.summary,
      tags: [r.tag],
      ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(r.body) } } } }
        : {}),
      responses: Object.fromEntries(
        Object.entries({ "200": "OK", ...(r.responses ?? {}) }).map(([code, description]) => [
          code,
          code.startsWith("2")
            ? { description }
            : { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
      ...(r.roles === "public" ? { security: [] } : {}),
      ...(r.roles && r.roles !== "public" ? { "x-roles": r.roles } : {}),
    };
    // "/x#variant" documents one form of the same operation (e.g. the send transition): OpenAPI paths
    // cannot carry a fragment, so it joins the operation as an x-variants entry.
    const hash = r.path.indexOf("#");
    const path = hash < 0 ? r.path : r.path.slice(0, hash);
    const variant = hash < 0 ? undefined : r.path.slice(hash + 1);
    paths[path] ??= {};
    const ops = paths[path];
    const existing = ops[r.method];
    if (variant && existing) {
      const { responses, ...rest } = op;
      existing["x-variants"] = [...(existing["x-variants"] ?? []), { name: variant, ...rest }];
      existing.responses = { ...responses, ...existing.responses };
    } else ops[r.method] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ session: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "edaran_session" },
        bearer: { type: "http", scheme: "bearer" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { path: { type: "string" }, message: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
