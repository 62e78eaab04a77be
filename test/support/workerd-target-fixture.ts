// The Worker as an ApiTarget, inside workerd: SELF.fetch into src/runtime/worker.ts's fetch handler, with
// the secrets vitest.config.ts gives the workers project. Only the workers project may import this.
import { env, SELF } from "cloudflare:test";
import type { ApiTarget } from "./api-client-fixture.js";

/** The origin the workers project's PUBLIC_URL names. */
export const WORKERD_BASE = "https://edaran.test";

export function makeWorkerdTarget(): ApiTarget {
  return {
    fetch: (path, init) => SELF.fetch(`${WORKERD_BASE}${path}`, init),
    seedPassword: env.SEED_PASSWORD,
    ackSecret: env.ACK_SECRET,
  };
}
