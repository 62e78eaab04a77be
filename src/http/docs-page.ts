// A readable, dependency-free page over /openapi.json (no CDN: the service may run offline).
import { html } from "hono/html";
import type { RouteDoc } from "./openapi.js";

export function docsPage(routes: readonly RouteDoc[]) {
  const byTag = new Map<string, RouteDoc[]>();
  for (const r of routes) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r]);
  return html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>edaran API</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:0 .25rem;border-radius:4px}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e7eb;padding:.4rem;text-align:left;vertical-align:top}.m{font-weight:700;text-transform:uppercase}</style>
</head><body>
<h1>edaran API</h1>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, generated from the zod schemas the routes validate with).
Errors always have the shape <code>{ "error": { "code", "message", "issues"? } }</code>.
Authenticate with the session cookie from <code>POST /api/auth/login</code> or <code>Authorization: Bearer &lt;token&gt;</code>.</p>
${[...byTag.entries()].map(
  ([tag, rs]) => html`<h2>${tag}</h2><table><tr><th>method</th><th>path</th><th>what</th><th>who</th></tr>
  ${rs.map(
    (r) =>
      html`<tr><td class="m">${r.method}</td><td><code>${r.path}</code></td><td>${r.summary}</td><td>${
        r.roles === "public" ? "public" : (r.roles ?? []).join(", ")
      }</td></tr>`,
  )}</table>`,
)}
</body></html>`;
}
