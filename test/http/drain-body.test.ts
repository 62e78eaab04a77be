// A route that needs no body (logout, a password reset, an outbox retry) or refuses before reading one still
// reads it to the end, so the client's keep-alive connection survives the answer: its next request on the same
// socket is answered. Served by the real Node server (@hono/node-server), over one kept-alive socket.
import { Agent, request } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, makeApiFixture, PUBLIC_URL } from "../support/api-fixture.js";

let fx: ApiFixture;
let server: ReturnType<typeof serve>;
let port: number;
beforeAll(async () => {
  fx = await makeApiFixture();
  server = serve({ fetch: fx.rt.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fx.close();
});

interface Answer {
  status: number;
  socket: Socket;
}

function send(agent: Agent, method: string, path: string, body: Buffer, headers: Record<string, string>) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method, agent, headers: { "Content-Length": String(body.length), ...headers } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A 2 MB body the route has no use for: far more than the socket buffers, so it must be read or the socket dies. */
const LARGE = Buffer.alloc(2 * 1024 * 1024, "a");

describe("an unread request body", () => {
  it.each([
    ["POST", "/api/auth/logout", "admin", 204],
    ["POST", "/api/users/00000000-0000-4000-8000-000000000000/reset-password", "admin", 404],
    ["POST", "/api/outbox/00000000-0000-4000-8000-000000000000/retry", "sekretariat", 409],
    ["POST", "/api/outbox/00000000-0000-4000-8000-000000000000/retry", "inspektorat", 403],
    ["POST", "/keluar", "sekretariat", 403],
  ] as const)(
    "%s %s as %s is read before the %i answer and the connection is kept",
    async (method, path, who, status) => {
      const cookie = await fx.login(who === "admin" ? "admin" : who, true);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const headers = { Cookie: cookie, "Content-Type": "application/json", Origin: PUBLIC_URL };
        const first = await send(agent, method, path, LARGE, headers);
        expect(first.status).toBe(status);
        const next = await send(agent, "GET", "/health", Buffer.alloc(0), {});
        expect(next.status).toBe(200);
        expect(next.socket).toBe(first.socket);
      } finally {
        agent.destroy();
      }
    },
  );
});
