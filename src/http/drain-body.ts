// A request body is read to its end before the answer goes out, even by a route that needs none (logout, a
// password reset, an outbox retry) or one that refused early (403, 404, a rate limit). On Node an unread body
// makes the server drop the keep-alive connection after answering, and the client's next request on it fails.
// Reading is bounded: bodyLimit (mounted before this) has already refused anything declared over the limit, and
// the runtime stops a body at its declared Content-Length.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";

async function discard(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  for (;;) {
    const { done } = await reader.read();
    if (done) return;
  }
}

export function drainUnreadBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const raw = c.req.raw;
    if (!raw.body || raw.bodyUsed) return;
    try {
      await discard(raw.body);
    } catch {
      // The client broke off or sent more than it declared: no reuse of this connection.
      c.res.headers.set("Connection", "close");
    }
  };
}
